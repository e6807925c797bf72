package netcanvas.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.graph.AvgPool2d;
import netcanvas.graph.Hw;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Padding;
import netcanvas.graph.ParamBounds;

/**
 * Reads and writes network files. The format is explicit: a "format" version, a name, and nodes, each an object with
 * "id", "type" (one of {@link LayerKinds}), "inputs", its parameters by name and an optional "position" [x, y].
 * Unknown fields and kinds are rejected with the path of the offending value; writing is deterministic, so
 * save, load, save gives identical bytes.
 */
public final class NetworkJson {

    /**
     * The format version this code writes; it reads this and every earlier one. Version 2 (2026-12): a pool without
     * a stride strides by its kernel (PyTorch's default; version 1 meant 2x2), and a stage repeats a strided
     * convolution or pool with its stride in the first copy only (version 1 kept it in every copy): version 1 files
     * are migrated on reading so that they keep their meaning ({@link FormatMigration}).
     */
    public static final int FORMAT = 2;

    /** Files larger than this are refused before parsing. */
    public static final long MAX_FILE_BYTES = 32L << 20;

    /** Blocks nested deeper than this (a stage of a stage of...) are refused. */
    public static final int MAX_BLOCK_DEPTH = 8;

    /** A node's canvas position lies within this distance of the origin on each axis. */
    public static final double MAX_COORDINATE = 1e6;

    private static final Set<String> NODE_FIELDS = Set.of("id", "type", "inputs", "position");
    private static final Set<String> TOP_FIELDS = Set.of("format", "name", "nodes");

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 20)
                    .maxNumberLength(64).build())
            .build()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private NetworkJson() {
    }

    // ---- reading

    public static Network read(Path file) throws NetworkFormatException {
        try {
            if (file.toString().isEmpty()) {
                throw new NetworkFormatException("", "no file given (the path is empty)");
            }
            if (!Files.isRegularFile(file)) {
                throw new NetworkFormatException("", notAFile(file));
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new NetworkFormatException("", "the file is larger than " + (MAX_FILE_BYTES >> 20)
                        + " MiB, too large to be a network design");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NetworkFormatException e) {
            throw e.inFile(file.toString());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new NetworkFormatException(file.toString(),
                    "is not UTF-8 text; is it really a NetCanvas JSON file?");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new NetworkFormatException(file.toString(), "cannot be read: permission denied (this user may not "
                    + "read the file or a folder on its path; check its permissions)");
        } catch (IOException e) {
            throw new NetworkFormatException(file.toString(), "cannot be read: " + reason(e));
        }
    }

    /** Why a path that is not a regular file cannot be read as one: it is absent, or what it is instead. */
    public static String notAFile(Path file) {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return "no such file; check the path";
        }
        if (!Files.exists(file)) {
            return "a symbolic link to a file that does not exist";
        }
        if (Files.isDirectory(file)) {
            return "is a folder, not a network file; give the .json file inside it";
        }
        String what = "not a regular file";
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            what = switch (mode & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> what;
            };
        } catch (IOException | RuntimeException e) {
            // no unix attributes here: say only that it is not a file
        }
        return "is " + what + ", not a network file; give a .json file";
    }

    /** An I/O failure's reason for a user: the exception's own message names only the path for some of them. */
    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    public static Network read(InputStream in) throws NetworkFormatException, IOException {
        byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new NetworkFormatException("", "the input is too large to be a network design");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    public static Network parse(String text) throws NetworkFormatException {
        JsonNode root;
        try {
            // Windows editors may start UTF-8 files with a byte order mark; it is not part of the JSON
            root = MAPPER.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new NetworkFormatException(where, "not valid JSON: " + userMessage(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new NetworkFormatException("", "expected a JSON object with \"format\", \"name\" and \"nodes\"");
        }
        unknownFields(root, TOP_FIELDS, "");
        JsonNode format = root.get("format");
        if (format == null) {
            throw new NetworkFormatException("format", "missing; a NetCanvas network file starts with "
                    + "\"format\": " + FORMAT);
        }
        if (!format.isInt() || format.intValue() < 1) {
            throw new NetworkFormatException("format", "must be a positive integer, got " + format);
        }
        if (format.intValue() > FORMAT) {
            throw new NetworkFormatException("format", "version " + format.intValue()
                    + " was written by a newer NetCanvas; this one reads version " + FORMAT);
        }
        JsonNode name = root.get("name");
        if (name != null && !name.isTextual()) {
            throw new NetworkFormatException("name", "must be a string");
        }
        JsonNode nodes = root.get("nodes");
        if (nodes == null || !nodes.isArray()) {
            throw new NetworkFormatException("nodes", "must be an array of layer objects");
        }
        List<Node> list = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            list.add(readNode(nodes.get(i), "nodes[" + i + "]", format.intValue()));
        }
        Network read = new Network(name == null ? "untitled" : name.textValue(), list);
        return format.intValue() == 1 ? FormatMigration.fromVersion1(read) : read;
    }

    /**
     * Jackson's message without its advice to programmers ("enable `JsonReadFeature.ALLOW_...` to allow"): a user
     * reading a file cannot enable anything, and NaN or Infinity are simply not JSON numbers.
     */
    static String userMessage(String jackson) {
        String m = jackson == null ? "" : jackson;
        if (m.contains("Non-standard token") || m.contains("ALLOW_NON_NUMERIC_NUMBERS")) {
            int q = m.indexOf('\'');
            int end = q < 0 ? -1 : m.indexOf('\'', q + 1);
            String token = end > q ? m.substring(q, end + 1) : "NaN or Infinity";
            return "non-numeric value " + token + ": JSON has no NaN or Infinity; give a finite number";
        }
        int advice = m.indexOf(": enable `");
        if (advice < 0) {
            advice = m.indexOf(" (enable `");
        }
        return advice < 0 ? m : m.substring(0, advice);
    }

    private static Node readNode(JsonNode n, String path, int format) throws NetworkFormatException {
        if (!n.isObject()) {
            throw new NetworkFormatException(path, "must be an object with \"id\", \"type\" and parameters");
        }
        JsonNode id = n.get("id");
        if (id == null || !id.isTextual() || id.textValue().isBlank()) {
            throw new NetworkFormatException(path + ".id", "every node needs a non-empty string id");
        }
        String where = path + " ('" + id.textValue() + "')";
        List<String> inputs = new ArrayList<>();
        JsonNode in = n.get("inputs");
        if (in != null) {
            if (!in.isArray()) {
                throw new NetworkFormatException(where + ".inputs", "must be an array of node ids");
            }
            for (int i = 0; i < in.size(); i++) {
                if (!in.get(i).isTextual()) {
                    throw new NetworkFormatException(where + ".inputs[" + i + "]", "must be a node id (a string)");
                }
                inputs.add(in.get(i).textValue());
            }
        }
        Node.Position position = null;
        JsonNode pos = n.get("position");
        if (pos != null) {
            if (!pos.isArray() || pos.size() != 2 || !pos.get(0).isNumber() || !pos.get(1).isNumber()
                    || !Double.isFinite(pos.get(0).doubleValue()) || !Double.isFinite(pos.get(1).doubleValue())) {
                throw new NetworkFormatException(where + ".position", "must be [x, y] with two finite numbers");
            }
            double x = pos.get(0).doubleValue();
            double y = pos.get(1).doubleValue();
            if (Math.abs(x) > MAX_COORDINATE || Math.abs(y) > MAX_COORDINATE) {
                throw new NetworkFormatException(where + ".position", "must lie within -1,000,000 to 1,000,000 on "
                        + "both axes (a canvas position in pixels), got " + pos);
            }
            position = new Node.Position(x, y);
        }
        return new Node(id.textValue(), readSpec(n, where, NODE_FIELDS, 0, format), inputs, position);
    }

    private static LayerSpec readSpec(JsonNode n, String where, Set<String> reserved, int depth, int format)
            throws NetworkFormatException {
        JsonNode type = n.get("type");
        if (type == null || type.isNull()) {
            throw new NetworkFormatException(where + ".type", "missing; give the layer kind, one of "
                    + LayerKinds.names());
        }
        if (!type.isTextual()) {
            throw new NetworkFormatException(where + ".type", "must be a string naming the layer kind (one of "
                    + LayerKinds.names() + "), got " + (type.isArray() ? "an array" : type.isObject() ? "an object"
                    : type.toString()));
        }
        LayerKind kind = LayerKinds.named(type.textValue());
        if (kind == null) {
            throw new NetworkFormatException(where + ".type", "unknown layer kind '" + type.textValue()
                    + "'; known kinds are " + LayerKinds.names());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> allowed = new java.util.HashSet<>(reserved);
        allowed.add("type");
        for (LayerKind.ParamInfo p : kind.params()) {
            allowed.add(p.name());
            JsonNode v = n.get(p.name());
            if (v != null) {
                values.put(p.name(), readValue(p, v, where + "." + p.name(), depth, format));
            }
        }
        unknownFields(n, allowed, where, kind);
        if (format == 1 && (kind.type() == MaxPool2d.class || kind.type() == AvgPool2d.class)
                && !values.containsKey("stride")) {
            values.put("stride", Hw.of(2)); // format 1's default; since format 2 a pool's stride is its kernel
        }
        try {
            return kind.create(values);
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException(where, kind.title() + ": " + e.getMessage());
        }
    }

    private static Object readValue(LayerKind.ParamInfo p, JsonNode v, String path, int depth, int format)
            throws NetworkFormatException {
        Class<?> t = p.type();
        if (t == int.class) {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new NetworkFormatException(path, "must be an integer from " + (long) p.meta().min() + " to "
                        + (long) p.meta().max() + ", got " + v);
            }
            return checked(p, v.intValue(), path);
        }
        if (t == double.class) {
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw new NetworkFormatException(path, "must be a finite number, got " + v);
            }
            return checked(p, v.doubleValue(), path);
        }
        if (t == boolean.class) {
            if (!v.isBoolean()) {
                throw new NetworkFormatException(path, "must be true or false, got " + v);
            }
            return v.booleanValue();
        }
        if (t == String.class) {
            if (!v.isTextual()) {
                throw new NetworkFormatException(path, "must be a name (a string), got " + v);
            }
            return v.textValue();
        }
        if (t == Hw.class) {
            return checked(p, readPair(v, path), path);
        }
        if (t == Padding.class) {
            if (v.isTextual()) {
                if (!v.textValue().equals("same")) {
                    throw new NetworkFormatException(path, "must be [h, w] or \"same\", got " + v);
                }
                return Padding.SAME;
            }
            Hw hw = readPair(v, path);
            return checked(p, Padding.of(hw.h(), hw.w()), path);
        }
        if (t == LayerSpec.class) {
            if (!v.isObject()) {
                throw new NetworkFormatException(path, "must be a layer object with a \"type\"");
            }
            if (depth + 1 >= MAX_BLOCK_DEPTH) {
                throw new NetworkFormatException(path, "blocks are nested more than " + MAX_BLOCK_DEPTH
                        + " deep; flatten the design");
            }
            return readSpec(v, path, Set.of(), depth + 1, format);
        }
        throw new IllegalStateException("no reader for " + t);
    }

    /** Checks a value against the parameter's declared bounds (ParamBounds) here, so the message names the field. */
    private static <T> T checked(LayerKind.ParamInfo p, T value, String path) throws NetworkFormatException {
        String problem = ParamBounds.problem(p, value);
        if (problem != null) {
            throw new NetworkFormatException(path, problem);
        }
        return value;
    }

    private static Hw readPair(JsonNode v, String path) throws NetworkFormatException {
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return Hw.of(v.intValue());
        }
        if (!v.isArray() || v.size() != 2 || !v.get(0).isIntegralNumber() || !v.get(1).isIntegralNumber()
                || !v.get(0).canConvertToInt() || !v.get(1).canConvertToInt()) {
            throw new NetworkFormatException(path, "must be [h, w] with two integers, got " + v);
        }
        return new Hw(v.get(0).intValue(), v.get(1).intValue());
    }

    private static void unknownFields(JsonNode n, Set<String> allowed, String where) throws NetworkFormatException {
        unknownFields(n, allowed, where, null);
    }

    private static void unknownFields(JsonNode n, Set<String> allowed, String where, LayerKind kind)
            throws NetworkFormatException {
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!allowed.contains(f)) {
                String expected = kind == null ? "expected " + String.join(", ", new java.util.TreeSet<>(allowed))
                        : kind.params().isEmpty() ? kind.title() + " has no parameters"
                        : "expected " + kind.params().stream().map(LayerKind.ParamInfo::name).toList();
                throw new NetworkFormatException(where.isEmpty() ? f : where + "." + f, "unknown field"
                        + (kind == null ? "" : " for " + kind.title()) + "; " + expected);
            }
        }
    }

    // ---- writing

    /** The file text: a header, then one node per line, so diffs of designs stay readable. */
    public static String write(Network network) {
        StringBuilder s = new StringBuilder();
        s.append("{\n  \"format\": ").append(FORMAT).append(",\n  \"name\": ").append(quote(network.name()))
                .append(",\n  \"nodes\": [");
        List<Node> nodes = network.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            s.append(i == 0 ? "\n    " : ",\n    ").append(compact(nodeJson(nodes.get(i))));
        }
        s.append(nodes.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return s.toString();
    }

    /** Writes atomically: to a temporary file beside the target, then a move over it. */
    public static void write(Network network, Path file) throws IOException {
        AtomicFiles.writeString(file, write(network));
    }

    public static ObjectNode nodeJson(Node n) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", n.id());
        o.put("type", n.spec().kind());
        if (!n.inputs().isEmpty()) {
            ArrayNode in = o.putArray("inputs");
            n.inputs().forEach(in::add);
        }
        writeParams(o, n.spec());
        if (n.position() != null) {
            o.putArray("position").add(round(n.position().x())).add(round(n.position().y()));
        }
        return o;
    }

    /** Canvas positions are kept to a tenth of a pixel so files stay short and stable. */
    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    public static ObjectNode specJson(LayerSpec spec) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", spec.kind());
        writeParams(o, spec);
        return o;
    }

    private static void writeParams(ObjectNode o, LayerSpec spec) {
        for (Map.Entry<String, Object> e : LayerKinds.of(spec).values(spec).entrySet()) {
            Object v = e.getValue();
            if (v instanceof Integer i) {
                o.put(e.getKey(), i);
            } else if (v instanceof Double d) {
                o.put(e.getKey(), d);
            } else if (v instanceof Boolean b) {
                o.put(e.getKey(), b);
            } else if (v instanceof String str) {
                o.put(e.getKey(), str);
            } else if (v instanceof Hw hw) {
                o.putArray(e.getKey()).add(hw.h()).add(hw.w());
            } else if (v instanceof Padding p) {
                if (p.same()) {
                    o.put(e.getKey(), "same");
                } else {
                    o.putArray(e.getKey()).add(p.h()).add(p.w());
                }
            } else if (v instanceof LayerSpec nested) {
                o.set(e.getKey(), specJson(nested));
            } else {
                throw new IllegalStateException("cannot write " + v);
            }
        }
    }

    private static String compact(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return compact(JsonNodeFactory.instance.textNode(s));
    }
}
