package netcanvas.train;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import netcanvas.data.Normalization;
import netcanvas.graph.Network;
import netcanvas.io.AtomicFiles;
import netcanvas.io.NetworkFormatException;
import netcanvas.io.NetworkJson;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A saved network: a folder with network.json (the design, in NetCanvas' format), weights.bin (every trainable
 * weight and batch-norm running statistic by name) and checkpoint.properties (epoch, accuracy, class names and the
 * input normalisation, which inference must repeat). A training run writes {@code last/} every epoch and
 * {@code best/} whenever validation accuracy improves.
 */
public record Checkpoint(Network network, Map<String, INDArray> arrays, int epoch, long iteration,
        double valAccuracy, List<String> classes, Normalization normalization) {

    private static final int MAGIC = 0x4e435754; // "NCWT"

    /** The three files of a checkpoint. */
    static final String NETWORK = "network.json";
    static final String WEIGHTS = "weights.bin";
    static final String PROPERTIES = "checkpoint.properties";
    /** checkpoint.properties larger than this is refused unread. */
    static final long MAX_PROPERTIES_BYTES = 16L << 20;
    /** weights.bin larger than this is refused unread (Java's arrays stop near 2^31 bytes). */
    static final long MAX_WEIGHTS_BYTES = Integer.MAX_VALUE - 64;
    /** More classes than this is not a classifier NetCanvas trained. */
    static final int MAX_CLASSES = 1_000_000;
    /** Normalisation is per input channel; more than this is not an image. */
    static final int MAX_CHANNELS = 64;
    /** Arrays of higher rank than this are not weights. */
    private static final int MAX_RANK = 8;

    /**
     * Writes the checkpoint as one unit ({@link AtomicFiles#writeFolder}): the folder holds the previous checkpoint
     * or this one whole, never files of both. checkpoint.properties carries the SHA-256 of the other two files, so a
     * folder whose files were mixed some other way (copied by hand, or written by an older NetCanvas that replaced
     * them one by one) is refused on loading with a message saying so.
     */
    public void save(Path dir) throws IOException {
        write(dir, NetworkJson.write(network), encodeWeights(arrays), properties());
    }

    /** weights.bin's bytes: a magic number, the array count, then each array's name and ND4J serialisation. */
    static byte[] encodeWeights(Map<String, INDArray> arrays) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(arrays.size());
            for (var e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                Nd4j.write(e.getValue(), out);
            }
        }
        return bytes.toByteArray();
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("epoch", Integer.toString(epoch));
        p.setProperty("iteration", Long.toString(iteration));
        p.setProperty("valAccuracy", Double.toString(valAccuracy));
        p.setProperty("classes", Integer.toString(classes.size()));
        for (int i = 0; i < classes.size(); i++) {
            p.setProperty("class." + i, classes.get(i));
        }
        p.setProperty("channels", Integer.toString(normalization.mean().length));
        for (int c = 0; c < normalization.mean().length; c++) {
            p.setProperty("mean." + c, Double.toString(normalization.mean()[c]));
            p.setProperty("std." + c, Double.toString(normalization.std()[c]));
        }
        return p;
    }

    /**
     * Writes a checkpoint folder from its parts, adding the checksums of network.json and weights.bin to the
     * properties. The one way checkpoints are written (the crash test's child process calls it without ND4J).
     */
    static void write(Path dir, String networkJson, byte[] weights, Properties p) throws IOException {
        byte[] json = networkJson.getBytes(StandardCharsets.UTF_8);
        p.setProperty("sha256." + NETWORK, sha256(json));
        p.setProperty("sha256." + WEIGHTS, sha256(weights));
        StringWriter w = new StringWriter();
        p.store(w, "NetCanvas checkpoint");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(NETWORK, json);
        files.put(WEIGHTS, weights);
        files.put(PROPERTIES, w.toString().getBytes(StandardCharsets.ISO_8859_1));
        AtomicFiles.writeFolder(dir, files);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * The checkpoint to run (inference): the folder itself when it holds one, else a run folder's best/ (the best
     * validation accuracy), else its last/.
     */
    public static Path locate(Path dir) throws TrainingException {
        return locate(dir, "best", "last");
    }

    /**
     * The checkpoint to resume training from: the folder itself when it holds one, else a run folder's last/ (the
     * latest epoch; best/ may be epochs behind it). A run folder with only best/ is refused: resuming from it would
     * silently repeat epochs, so the message says to give best/ explicitly.
     */
    public static Path locateLatest(Path dir) throws TrainingException {
        AtomicFiles.recoverFolder(dir.resolve("last"));
        if (!Files.isRegularFile(dir.resolve("weights.bin")) && !Files.isRegularFile(dir.resolve("last")
                .resolve("weights.bin")) && Files.isRegularFile(dir.resolve("best").resolve("weights.bin"))) {
            throw new TrainingException(dir + ": has best/ but no last/ to resume from; to resume from the best "
                    + "epoch, give " + dir.resolve("best"));
        }
        return locate(dir, "last");
    }

    private static Path locate(Path dir, String... subfolders) throws TrainingException {
        Path here = AtomicFiles.recoverFolder(dir);
        if (Files.isRegularFile(here.resolve(WEIGHTS))) {
            return here;
        }
        for (String sub : subfolders) {
            Path d = AtomicFiles.recoverFolder(dir.resolve(sub));
            if (Files.isRegularFile(d.resolve(WEIGHTS))) {
                return d;
            }
        }
        throw new TrainingException(dir + ": not a checkpoint (no weights.bin here or in "
                + String.join("/ or ", subfolders) + "/); give the folder passed to --checkpoint");
    }

    /** "DIR (epoch 3, validation accuracy 91.20%)": which checkpoint is used, for messages. */
    public String describe(Path folder) {
        return folder + " (epoch " + epoch + (Double.isFinite(valAccuracy) ? String.format(java.util.Locale.ROOT,
                ", validation accuracy %.2f%%", 100 * valAccuracy) : "") + ")";
    }

    /**
     * Loads the checkpoint in this folder, or the one {@link #locate} picks in a run folder. Every size a file
     * declares (array shapes, class and channel counts) is checked against limits and the file's length before
     * anything is allocated; files whose checksums disagree with checkpoint.properties are refused as torn.
     */
    public static Checkpoint load(Path dir) throws TrainingException {
        return read(locate(dir), true);
    }

    /**
     * Checks the checkpoint in this folder as {@link #load} would (files present, checksums, sizes, counts) without
     * reading its arrays into ND4J: what commands call while validating their options.
     */
    public static void check(Path checkpointFolder) throws TrainingException {
        read(checkpointFolder, false);
    }

    private static Checkpoint read(Path d, boolean materialise) throws TrainingException {
        try {
            for (String f : List.of(NETWORK, WEIGHTS, PROPERTIES)) {
                if (!Files.isRegularFile(d.resolve(f))) {
                    throw new TrainingException(d + ": incomplete checkpoint: " + f + " is missing (a checkpoint"
                            + " holds network.json, weights.bin and checkpoint.properties)");
                }
            }
            byte[] props = readAtMost(d.resolve(PROPERTIES), MAX_PROPERTIES_BYTES);
            Properties p = new Properties();
            p.load(new java.io.ByteArrayInputStream(props));
            byte[] weights = readAtMost(d.resolve(WEIGHTS), MAX_WEIGHTS_BYTES);
            verify(d, p, WEIGHTS, weights);
            byte[] json = readAtMost(d.resolve(NETWORK), NetworkJson.MAX_FILE_BYTES);
            verify(d, p, NETWORK, json);
            Network net;
            try {
                net = NetworkJson.parse(new String(json, StandardCharsets.UTF_8));
            } catch (NetworkFormatException e) {
                throw e.inFile(d.resolve(NETWORK).toString());
            }
            Map<String, INDArray> arrays = decodeWeights(d.resolve(WEIGHTS), weights, materialise);
            int k = count(d, p, "classes", 1, MAX_CLASSES);
            List<String> classes = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                classes.add(required(d, p, "class." + i));
            }
            int c = count(d, p, "channels", 1, MAX_CHANNELS);
            double[] mean = new double[c];
            double[] std = new double[c];
            for (int i = 0; i < c; i++) {
                mean[i] = Double.parseDouble(required(d, p, "mean." + i));
                std[i] = Double.parseDouble(required(d, p, "std." + i));
                // Inputs are divided by std: zero, negative or non-finite values would make every prediction NaN.
                if (!Double.isFinite(mean[i]) || !Double.isFinite(std[i]) || std[i] <= 0) {
                    throw new TrainingException(d.resolve("checkpoint.properties") + ": channel " + i
                            + "'s normalisation (mean " + mean[i] + ", std " + std[i] + ") is not usable: the std must"
                            + " be a positive number; the file was edited or damaged");
                }
            }
            return new Checkpoint(net, arrays, Integer.parseInt(required(d, p, "epoch")),
                    Long.parseLong(required(d, p, "iteration")), Double.parseDouble(required(d, p, "valAccuracy")),
                    classes, new Normalization(mean, std));
        } catch (NetworkFormatException e) {
            throw new TrainingException(e.getMessage());
        } catch (TrainingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TrainingException(d + ": the checkpoint is damaged or incomplete (" + e.getMessage() + ")");
        }
    }

    /** A file's bytes, refused unread when it is longer than {@code max}. */
    private static byte[] readAtMost(Path f, long max) throws IOException, TrainingException {
        long size = Files.size(f);
        if (size > max) {
            throw new TrainingException(f + ": " + size + " bytes, more than the " + max + " a checkpoint's "
                    + f.getFileName() + " may have; it is not a NetCanvas checkpoint file");
        }
        return Files.readAllBytes(f);
    }

    /** Refuses a file whose SHA-256 is not the one checkpoint.properties was saved with. */
    private static void verify(Path d, Properties p, String file, byte[] bytes) throws TrainingException {
        String expected = p.getProperty("sha256." + file);
        if (expected == null) {
            return; // written before checkpoints carried checksums
        }
        if (!expected.equalsIgnoreCase(sha256(bytes))) {
            throw new TrainingException(d + ": torn checkpoint: " + file + " is not the file "
                    + PROPERTIES + " was saved with (its SHA-256 differs), so the folder mixes files of different "
                    + "saves or " + file + " was changed; use another checkpoint (e.g. best/ or last/) or train again");
        }
    }

    private static String required(Path d, Properties p, String key) throws TrainingException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new TrainingException(d.resolve(PROPERTIES) + ": '" + key + "' is missing; the checkpoint is "
                    + "damaged or incomplete");
        }
        return v.trim();
    }

    private static int count(Path d, Properties p, String key, int min, int max) throws TrainingException {
        String v = required(d, p, key);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            n = Long.MIN_VALUE;
        }
        if (n < min || n > max) {
            throw new TrainingException(d.resolve(PROPERTIES) + ": '" + key + "' must be from " + min + " to " + max
                    + ", got " + netcanvas.io.SafeText.of(v.length() > 40 ? v.substring(0, 40) + "..." : v));
        }
        return (int) n;
    }

    /**
     * Reads weights.bin after checking every array's declared sizes against the bytes that are really there (a
     * crafted header claiming 2e9 channels must not reach ND4J, which would allocate them first).
     */
    static Map<String, INDArray> decodeWeights(Path file, byte[] bytes, boolean materialise)
            throws TrainingException, IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        if (b.remaining() < 8 || b.getInt() != MAGIC) {
            throw new TrainingException(file + ": not a NetCanvas weights file");
        }
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / 16) {
            throw new TrainingException(file + ": declares " + n + " arrays, more than its " + bytes.length
                    + " bytes can hold; the file is damaged");
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = utf(file, b);
            int start = b.position();
            // the shape buffer: [rank, shape..., strides..., extras, element-wise stride, order] as longs
            long shapeLength = buffer(file, name, b, "LONG")[0];
            if (shapeLength < 4 || shapeLength > 2 * MAX_RANK + 4 || (shapeLength - 4) % 2 != 0) {
                throw damaged(file, name, "a shape of " + shapeLength + " values");
            }
            long rank = b.getLong();
            if (rank != (shapeLength - 4) / 2) {
                throw damaged(file, name, "rank " + rank);
            }
            long elements = 1;
            for (int r = 0; r < rank; r++) {
                long dim = b.getLong();
                if (dim < 0 || dim > Integer.MAX_VALUE || (elements = elements * dim) > Integer.MAX_VALUE) {
                    throw damaged(file, name, "a dimension of " + dim);
                }
            }
            b.position(b.position() + (int) (shapeLength - 1 - rank) * Long.BYTES);
            long[] data = buffer(file, name, b, null);
            if (data[0] != elements) {
                throw damaged(file, name, data[0] + " values for a shape of " + elements);
            }
            b.position(b.position() + (int) (data[0] * data[1]));
            if (materialise) {
                arrays.put(name, Nd4j.read(new DataInputStream(new java.io.ByteArrayInputStream(bytes, start,
                        b.position() - start))));
            }
        }
        if (b.hasRemaining()) {
            throw new TrainingException(file + ": " + b.remaining() + " bytes after the last array; the file is "
                    + "damaged");
        }
        return arrays;
    }

    /**
     * A buffer's header (allocation mode, length, data type); checks that its values fit in what is left of the file
     * and returns the length and the size of one value.
     */
    private static long[] buffer(Path file, String name, java.nio.ByteBuffer b, String type) throws TrainingException {
        utf(file, b);
        if (b.remaining() < Long.BYTES) {
            throw damaged(file, name, "a truncated header");
        }
        long length = b.getLong();
        String dtype = utf(file, b);
        int size = switch (dtype) {
            case "DOUBLE", "LONG", "UINT64" -> 8;
            case "FLOAT", "INT", "UINT32" -> 4;
            case "HALF", "BFLOAT16", "SHORT", "UINT16" -> 2;
            case "BYTE", "UBYTE", "BOOL" -> 1;
            default -> throw damaged(file, name, "data type '" + netcanvas.io.SafeText.of(dtype) + "'");
        };
        if (type != null && !type.equals(dtype)) {
            throw damaged(file, name, "a shape of type " + dtype);
        }
        if (length < 0 || length > b.remaining() / size) {
            throw new TrainingException(file + ": array '" + netcanvas.io.SafeText.of(name) + "' declares " + length
                    + " values, more than the " + b.remaining() + " bytes left in the file hold; the file is damaged");
        }
        return new long[] {length, size};
    }

    private static String utf(Path file, java.nio.ByteBuffer b) throws TrainingException {
        if (b.remaining() < 2) {
            throw new TrainingException(file + ": the file ends early; it is truncated");
        }
        int len = Short.toUnsignedInt(b.getShort());
        if (len > b.remaining()) {
            throw new TrainingException(file + ": the file ends early; it is truncated");
        }
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static TrainingException damaged(Path file, String name, String what) {
        return new TrainingException(file + ": array '" + netcanvas.io.SafeText.of(name) + "' has " + what
                + "; the file is damaged or not a NetCanvas weights file");
    }

    /** Copies these arrays into a compiled graph's weights (and, for inference graphs, running statistics). */
    static void apply(Map<String, INDArray> arrays, CompiledNet net) throws TrainingException {
        for (var v : net.sd().variables()) {
            if (v.getArr() == null) {
                continue;
            }
            INDArray saved = arrays.get(v.name());
            boolean needed = v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE;
            if (saved == null) {
                if (needed) {
                    throw new TrainingException("the checkpoint has no weights for '" + v.name()
                            + "': it was saved from a different network");
                }
                continue;
            }
            if (saved.length() != v.getArr().length()) {
                throw new TrainingException("the checkpoint's '" + v.name() + "' has " + saved.length()
                        + " values but the network needs " + v.getArr().length());
            }
            v.getArr().assign(saved.reshape(v.getArr().shape()).castTo(v.getArr().dataType()));
        }
    }
}
