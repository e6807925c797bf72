package netcanvas.onnx;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import netcanvas.analysis.Diagnostic;
import netcanvas.graph.Add;
import netcanvas.graph.AdaptiveAvgPool;
import netcanvas.graph.AvgPool2d;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.ChannelShuffle;
import netcanvas.graph.ChannelSlice;
import netcanvas.graph.Concat;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Dropout;
import netcanvas.graph.Flatten;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.Hw;
import netcanvas.graph.Input;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.LeakyReLU;
import netcanvas.graph.LocalResponseNorm;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Output;
import netcanvas.graph.Padding;
import netcanvas.graph.PrimitiveSpec;
import netcanvas.graph.ReLU;
import netcanvas.graph.Scale;
import netcanvas.graph.Shape;
import netcanvas.graph.ShapeException;
import netcanvas.graph.Sigmoid;
import netcanvas.graph.Softmax;
import netcanvas.graph.Tanh;
import netcanvas.io.NetworkFormatException;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.TensorProto;
import onnx.OnnxMl.TensorShapeProto;
import onnx.OnnxMl.ValueInfoProto;

/**
 * Turns an ONNX model into a NetCanvas network and its weights. Each ONNX operator a CNN uses maps to a primitive
 * kind; the shape arithmetic PyTorch emits for {@code x.view(n, -1)} (Shape, Gather, Unsqueeze, Concat, Reshape) is
 * evaluated here and becomes a Flatten; a zero Pad folds into the convolution or average pool after it; MatMul and
 * Add become one Dense; Sigmoid and Mul become SiLU. An operator with no NetCanvas equivalent becomes a diagnostic
 * naming the ONNX node, and the rest of the graph still imports. A file that is not a readable model is refused as a
 * whole with a {@link NetworkFormatException}.
 */
public final class OnnxImporter {

    /** The most operators a model may have; far above any CNN, far below what exhausts memory. */
    public static final int MAX_NODES = 200_000;

    /** The symbolic batch dimension in shape computations. */
    private static final long BATCH = Long.MIN_VALUE;

    /** The doc string the exporter gives an AveragePool that stands for an adaptive average pool. */
    static final String ADAPTIVE_HINT = "netcanvas:adaptive_avgpool";
    /** The doc string of the Identity the exporter writes for a Dropout layer (followed by its probability). */
    static final String DROPOUT_HINT = "netcanvas:dropout";
    /** The doc string of a helper node the exporter adds inside one layer (the flatten before a Dense). */
    static final String PART_HINT = "netcanvas:part";
    /** The doc string of the Identity the exporter writes for an Output layer. */
    static final String OUTPUT_HINT = "netcanvas:output";

    /**
     * An imported model.
     *
     * @param network  the network, with torchvision's (and NetCanvas's own) blocks and stages recognised where their
     *                 expansion equals the imported layers exactly (see {@link BlockRecognizer})
     * @param weights  the weights by the expanded ids of {@code network}
     * @param ids      each layer id of the flat import (the ONNX file's names, as "layer1.0.relu_1") to its expanded id
     *                 in {@code network} ("layer1.0.relu2" inside the block "layer1.0"); equal unless renamed
     * @param problems operators that could not be imported, and other findings, each naming the ONNX node
     */
    public record Imported(Network network, WeightSet weights, List<Diagnostic> problems, int opset,
            Map<String, String> ids) {
        public Imported {
            problems = List.copyOf(problems);
            ids = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ids));
        }

        /** A flat import: every layer keeps the id the ONNX file gave it. */
        public Imported(Network network, WeightSet weights, List<Diagnostic> problems, int opset) {
            this(network, weights, problems, opset, identity(network));
        }

        /**
         * The id a layer of the ONNX file has in {@link #network()}'s expansion (its own unless a block renamed it).
         */
        public String idOf(String importedId) {
            return ids.getOrDefault(importedId, importedId);
        }

        private static Map<String, String> identity(Network n) {
            Map<String, String> m = new LinkedHashMap<>();
            n.nodes().forEach(x -> m.put(x.id(), x.id()));
            return m;
        }
    }

    /** What an ONNX value name stands for while importing. */
    private sealed interface Value permits Act, Padded, Ints, Grouped, Lost {
    }

    /** The output of the NetCanvas node {@code id}. */
    private record Act(String id) implements Value {
    }

    /** A zero-padded activation waiting to be folded into the convolution or pool that reads it. */
    private record Padded(String id, int top, int left, int bottom, int right, String padNode) implements Value {
    }

    /**
     * The activation {@code id} with its channels seen as groups x C/groups (a Reshape to [N, g, C/g, ...]), the
     * first step of a channel shuffle; {@code swapped} once a Transpose has exchanged the two channel axes.
     */
    private record Grouped(String id, long groups, boolean swapped, String node) implements Value {
    }

    /** A small integer vector computed from shapes (the batch is {@link #BATCH}). */
    private record Ints(long[] v) implements Value {
    }

    /** The output of an operator that could not be imported (already reported); consumers name {@code id}. */
    private record Lost(String id) implements Value {
    }

    private final Path file;
    private final String where;
    private final int opset;
    private final Input inputOverride;
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();
    private final LinkedHashMap<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final List<Diagnostic> problems = new ArrayList<>();
    private final OnnxIds ids = new OnnxIds();
    /** Nodes made from the exporter's helper operators (PART_HINT), which fold into the layer after them. */
    private final Set<String> parts = new HashSet<>();

    private OnnxImporter(OnnxFile.Loaded loaded, Input inputOverride) {
        this.file = loaded.file();
        this.where = loaded.file().toString();
        this.opset = loaded.opset();
        this.inputOverride = inputOverride;
    }

    /** Reads and imports an ONNX file, recognising its blocks and stages. */
    public static Imported read(Path file) throws NetworkFormatException {
        return read(file, null);
    }

    /**
     * Reads and imports an ONNX file, recognising its blocks and stages ({@link #recognise}).
     *
     * @param inputOverride the input size to use instead of the model's (needed when its size is symbolic), or null
     * @throws NetworkFormatException when the file is not a readable ONNX model, or its input size is unknown
     */
    public static Imported read(Path file, Input inputOverride) throws NetworkFormatException {
        return recognise(readFlat(file, inputOverride));
    }

    /**
     * Reads and imports an ONNX file as one primitive layer per operator, recognising no blocks.
     *
     * @param inputOverride the input size to use instead of the model's (needed when its size is symbolic), or null
     * @throws NetworkFormatException when the file is not a readable ONNX model, or its input size is unknown
     */
    public static Imported readFlat(Path file, Input inputOverride) throws NetworkFormatException {
        OnnxFile.Loaded loaded = OnnxFile.read(file);
        return new OnnxImporter(loaded, inputOverride).run(loaded.model().getGraph());
    }

    /**
     * Collapses a flat import's blocks and stages ({@link BlockRecognizer}); layers an import problem names stay loose,
     * and the problems are kept.
     */
    public static Imported recognise(Imported flat) {
        Set<String> loose = new HashSet<>();
        for (Diagnostic d : flat.problems()) {
            loose.add(d.node());
            loose.add(d.owner());
        }
        BlockRecognizer.Result r = BlockRecognizer.recognise(flat.network(), flat.weights(), loose);
        Map<String, String> ids = new LinkedHashMap<>();
        flat.ids().forEach((k, v) -> ids.put(k, r.ids().getOrDefault(v, v)));
        return new Imported(r.network(), r.weights(), flat.problems(), flat.opset(), ids);
    }

    /** Whether a file name says ONNX. */
    public static boolean isOnnxFile(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    private Imported run(GraphProto g) throws NetworkFormatException {
        if (g.getNodeCount() > MAX_NODES) {
            throw new NetworkFormatException(where, "the graph has " + g.getNodeCount() + " operators, more than"
                    + " NetCanvas opens (" + MAX_NODES + ")");
        }
        for (TensorProto t : g.getInitializerList()) {
            // Every stored tensor must hold what it declares, used by a layer or not: a damaged file is refused
            // whole, and nothing it merely declares is allocated.
            OnnxTensors.check(t, dir(), where);
            constants.put(t.getName(), t);
        }
        for (NodeProto n : g.getNodeList()) {
            for (String in : n.getInputList()) {
                uses.merge(in, 1, Integer::sum);
            }
        }
        for (ValueInfoProto o : g.getOutputList()) {
            uses.merge(o.getName(), 1, Integer::sum);
        }
        inputs(g);
        for (NodeProto n : order(g)) {
            node(n);
        }
        outputs(g);
        String name = file.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
        Network net = new Network(name.isEmpty() ? "imported" : name, new ArrayList<>(nodes.values()));
        return new Imported(net, new WeightSet(weights), problems, opset);
    }

    // ---- graph structure

    /** The nodes in an order where every value is produced before it is read; a cycle is refused. */
    private List<NodeProto> order(GraphProto g) throws NetworkFormatException {
        Map<String, Integer> producer = new HashMap<>();
        List<NodeProto> all = g.getNodeList();
        for (int i = 0; i < all.size(); i++) {
            for (String out : all.get(i).getOutputList()) {
                if (out.isEmpty()) {
                    continue;
                }
                if (producer.put(out, i) != null || constants.containsKey(out)) {
                    throw new NetworkFormatException(where, "the value '" + out + "' is produced twice (by node '"
                            + all.get(i).getName() + "' and another): the graph is malformed; export the model"
                            + " again");
                }
            }
        }
        int[] waiting = new int[all.size()];
        Map<Integer, List<Integer>> readers = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Set<Integer> from = new HashSet<>();
            for (String in : all.get(i).getInputList()) {
                Integer p = producer.get(in);
                if (p != null && from.add(p)) {
                    readers.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
                }
            }
            waiting[i] = from.size();
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < all.size(); i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<NodeProto> sorted = new ArrayList<>(all.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            sorted.add(all.get(i));
            for (int r : readers.getOrDefault(i, List.of())) {
                if (--waiting[r] == 0) {
                    ready.add(r);
                }
            }
        }
        if (sorted.size() < all.size()) {
            for (int i = 0; i < all.size(); i++) {
                if (waiting[i] > 0) {
                    NodeProto n = all.get(i);
                    throw new NetworkFormatException(where, "the graph has a cycle through node '" + n.getName()
                            + "' (" + n.getOpType() + "): an ONNX graph must be acyclic; the file is damaged");
                }
            }
        }
        return sorted;
    }

    private void inputs(GraphProto g) throws NetworkFormatException {
        int count = 0;
        for (ValueInfoProto v : g.getInputList()) {
            if (constants.containsKey(v.getName())) {
                continue; // older exporters list initializers as inputs too
            }
            count++;
            Input spec = inputOverride != null ? inputOverride : declaredInput(v);
            String id = ids.fresh(OnnxIds.readable(v.getName()).isEmpty() ? "input" : OnnxIds.readable(v.getName()));
            place(id, spec, List.of());
            values.put(v.getName(), new Act(id));
        }
        if (count == 0) {
            throw new NetworkFormatException(where, "the graph has no input (every value is a stored constant)");
        }
    }

    private Input declaredInput(ValueInfoProto v) throws NetworkFormatException {
        if (!v.getType().hasTensorType()) {
            throw new NetworkFormatException(where, "input '" + v.getName() + "' is not a tensor");
        }
        TensorShapeProto s = v.getType().getTensorType().getShape();
        List<String> dims = new ArrayList<>();
        long[] d = new long[s.getDimCount()];
        boolean symbolic = false;
        for (int i = 0; i < d.length; i++) {
            TensorShapeProto.Dimension dim = s.getDim(i);
            if (dim.hasDimValue()) {
                d[i] = dim.getDimValue();
                dims.add(Long.toString(d[i]));
            } else {
                d[i] = -1;
                dims.add(dim.getDimParam().isEmpty() ? "?" : dim.getDimParam());
                symbolic |= i > 0;
            }
        }
        if (d.length != 4 && d.length != 2) {
            throw new NetworkFormatException(where, "input '" + v.getName() + "' has shape " + dims
                    + "; NetCanvas networks take images [N, C, H, W] (or features [N, F])");
        }
        if (symbolic) {
            throw new NetworkFormatException(where, "input '" + v.getName() + "' has a symbolic size " + dims
                    + ": give the size to analyse with --input C,H,W (in the app, the import asks for it)");
        }
        for (int i = 1; i < d.length; i++) {
            if (d[i] < 1 || d[i] > Integer.MAX_VALUE) {
                throw new NetworkFormatException(where, "input '" + v.getName() + "' has an impossible size " + dims);
            }
        }
        try {
            return d.length == 4 ? new Input((int) d[1], (int) d[2], (int) d[3]) : new Input((int) d[1], 1, 1);
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException(where, "input '" + v.getName() + "': " + e.getMessage());
        }
    }

    private void outputs(GraphProto g) {
        for (ValueInfoProto o : g.getOutputList()) {
            Value v = values.get(o.getName());
            String from;
            if (v instanceof Act a && nodes.get(a.id()) != null && nodes.get(a.id()).spec() instanceof Output) {
                continue; // the exporter's own Output layer
            }
            if (v instanceof Act a) {
                from = a.id();
            } else if (v instanceof Lost l) {
                from = l.id();
            } else {
                problems.add(error("", "the graph's output '" + o.getName() + "' is not computed from the input"
                        + " by layers NetCanvas represents; it is left out"));
                continue;
            }
            place(ids.fresh("output"), new Output(), List.of(from));
        }
    }

    // ---- one ONNX operator

    private void node(NodeProto n) throws NetworkFormatException {
        String domain = n.getDomain();
        if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
            unsupported(n, "belongs to the operator domain '" + domain + "', which NetCanvas does not read;"
                    + " export with standard ONNX operators only");
            return;
        }
        if (arithmeticOnShapes(n)) {
            return;
        }
        switch (n.getOpType()) {
            case "Conv" -> conv(n);
            case "Gemm" -> gemm(n);
            case "MatMul" -> matMul(n);
            case "MaxPool", "AveragePool" -> pool(n);
            case "GlobalAveragePool" -> simple(n, new GlobalAvgPool());
            case "ReduceMean" -> reduceMean(n);
            case "Relu" -> simple(n, new ReLU());
            case "LeakyRelu" -> simple(n, new LeakyReLU(OnnxAttributes.real(n, "alpha", 0.01)));
            case "Sigmoid" -> simple(n, new Sigmoid());
            case "Tanh" -> simple(n, new Tanh());
            case "Softmax" -> softmax(n);
            case "Clip" -> clip(n);
            case "HardSigmoid" -> hardSigmoid(n);
            case "HardSwish" -> byKind(n, "hardswish");
            case "BatchNormalization" -> batchNorm(n);
            case "LRN" -> lrn(n);
            case "Concat" -> concat(n);
            case "Add", "Sum" -> add(n);
            case "Mul" -> mul(n);
            case "Flatten" -> {
                if (n.getDocString().equals(PART_HINT)) {
                    alias(n);
                } else {
                    flatten(n);
                }
            }
            case "Dropout" -> dropout(n);
            case "Identity", "Cast" -> identity(n);
            case "Pad" -> pad(n);
            case "Constant" -> constant(n);
            case "Shape" -> shape(n);
            case "Gather" -> gather(n);
            case "Unsqueeze", "Squeeze" -> unsqueeze(n);
            case "Reshape" -> reshape(n);
            case "Transpose" -> transpose(n);
            case "Slice" -> slice(n);
            default -> unsupported(n, "has no NetCanvas equivalent; replace it in the source model with layers"
                    + " NetCanvas has (see the README's list of ONNX operators), or remove it before export");
        }
    }

    private void conv(NodeProto n) throws NetworkFormatException {
        Source src = source(n, true);
        if (src == null) {
            return;
        }
        String x = src.id();
        int[] extra = src.pads();
        TensorProto w = stored(n, 1);
        if (w == null) {
            return;
        }
        long[] wd = OnnxTensors.dims(w);
        if (wd.length != 4) {
            unsupported(n, "is a " + Math.max(0, wd.length - 2) + "-D convolution; NetCanvas convolves 2-D images");
            return;
        }
        long group = OnnxAttributes.integer(n, "group", 1);
        long[] kernel = OnnxAttributes.integers(n, "kernel_shape", new long[] {wd[2], wd[3]});
        long[] stride = OnnxAttributes.integers(n, "strides", new long[] {1, 1});
        long[] dilation = OnnxAttributes.integers(n, "dilations", new long[] {1, 1});
        if (kernel.length != 2 || stride.length != 2 || dilation.length != 2 || kernel[0] != wd[2]
                || kernel[1] != wd[3]) {
            unsupported(n, "has kernel, stride or dilation attributes that do not describe a 2-D convolution of its"
                    + " " + Arrays.toString(wd) + " weights");
            return;
        }
        int[] pads = pads(n, x, kernel, stride, dilation);
        if (pads == null) {
            return;
        }
        for (int i = 0; i < 4; i++) {
            pads[i] += extra[i];
        }
        Padding padding;
        if (pads[0] == pads[2] && pads[1] == pads[3]) {
            padding = Padding.of(pads[0], pads[1]);
        } else if (sameLike(pads, kernel, stride, dilation)) {
            padding = Padding.SAME;
        } else {
            unsupported(n, "pads unequally (top, left, bottom, right = " + Arrays.toString(pads) + "); NetCanvas"
                    + " convolutions pad both sides equally (or \"same\")");
            return;
        }
        boolean bias = present(n, 2);
        Conv2d spec;
        try {
            spec = new Conv2d(intOf(wd[0]), new Hw(intOf(kernel[0]), intOf(kernel[1])),
                    new Hw(intOf(stride[0]), intOf(stride[1])), padding,
                    new Hw(intOf(dilation[0]), intOf(dilation[1])), intOf(group), bias);
        } catch (IllegalArgumentException | ArithmeticException e) {
            unsupported(n, "has parameters NetCanvas refuses: " + e.getMessage());
            return;
        }
        String id = place(n, spec, List.of(x), w.getName());
        Shape in = shapes.get(x);
        if (in != null && in.spatial() && in.channels() != wd[1] * group) {
            problems.add(error(id, "its weights " + Arrays.toString(wd) + " expect " + wd[1] * group
                    + " input channels but the input has " + in.channels()));
        }
        weights.put(WeightSet.weight(id), OnnxTensors.floats(w, dir(), where));
        if (bias) {
            putVector(n, 2, WeightSet.bias(id), wd[0], id);
        }
    }

    /** Whether PyTorch's "same" padding (the odd extra row and column at the end, stride 1) is what these pads are. */
    private static boolean sameLike(int[] pads, long[] k, long[] s, long[] d) {
        for (int axis = 0; axis < 2; axis++) {
            long total = d[axis] * (k[axis] - 1);
            if (s[axis] != 1 || pads[axis] + pads[axis + 2] != total || pads[axis] != total / 2) {
                return false;
            }
        }
        return true;
    }

    /** [top, left, bottom, right] from pads or auto_pad; null (reported) when they cannot be worked out. */
    private int[] pads(NodeProto n, String x, long[] kernel, long[] stride, long[] dilation) {
        String auto = OnnxAttributes.text(n, "auto_pad", "NOTSET");
        if (auto.equals("NOTSET") || auto.isEmpty()) {
            long[] p = OnnxAttributes.integers(n, "pads", new long[] {0, 0, 0, 0});
            if (p.length != 4) {
                unsupported(n, "has " + p.length + " pads; a 2-D operator has 4");
                return null;
            }
            int[] r = new int[4];
            for (int i = 0; i < 4; i++) {
                if (p[i] < 0 || p[i] > 100_000) {
                    unsupported(n, "has an impossible padding " + Arrays.toString(p));
                    return null;
                }
                r[i] = (int) p[i];
            }
            return r;
        }
        if (auto.equals("VALID")) {
            return new int[4];
        }
        if (!auto.equals("SAME_UPPER") && !auto.equals("SAME_LOWER")) {
            unsupported(n, "has an unknown auto_pad '" + auto + "'");
            return null;
        }
        Shape in = shapes.get(x);
        if (in == null || !in.spatial()) {
            unsupported(n, "pads " + auto + ", which depends on an input size that is unknown here");
            return null;
        }
        long[] size = {in.height(), in.width()};
        int[] r = new int[4];
        for (int axis = 0; axis < 2; axis++) {
            long out = (size[axis] + stride[axis] - 1) / stride[axis];
            long total = Math.max(0, (out - 1) * stride[axis] + dilation[axis] * (kernel[axis] - 1) + 1 - size[axis]);
            long small = total / 2;
            long begin = auto.equals("SAME_UPPER") ? small : total - small;
            r[axis] = (int) begin;
            r[axis + 2] = (int) (total - begin);
        }
        return r;
    }

    private void gemm(NodeProto n) throws NetworkFormatException {
        String x = activation(n, 0);
        if (x == null) {
            return;
        }
        if (OnnxAttributes.integer(n, "transA", 0) != 0) {
            unsupported(n, "transposes its input (transA = 1); NetCanvas's Dense reads features as rows");
            return;
        }
        if (OnnxAttributes.real(n, "alpha", 1) != 1 || OnnxAttributes.real(n, "beta", 1) != 1) {
            unsupported(n, "scales its product or bias (alpha or beta is not 1); fold the scale into the weights"
                    + " before export");
            return;
        }
        TensorProto b = matrix(n);
        if (b == null) {
            return;
        }
        long[] bd = OnnxTensors.dims(b);
        boolean transB = OnnxAttributes.integer(n, "transB", 0) != 0;
        long units = transB ? bd[0] : bd[1];
        long in = transB ? bd[1] : bd[0];
        dense(n, x, b, in, units, transB, present(n, 2) ? 2 : -1);
    }

    private void matMul(NodeProto n) throws NetworkFormatException {
        String x = activation(n, 0);
        if (x == null) {
            return;
        }
        TensorProto b = matrix(n);
        if (b == null) {
            return;
        }
        long[] bd = OnnxTensors.dims(b);
        dense(n, x, b, bd[0], bd[1], false, -1);
    }

    /** Input 2 of a Gemm or MatMul as a stored weight matrix; null (and reported) otherwise. */
    private TensorProto matrix(NodeProto n) {
        TensorProto b = stored(n, 1);
        if (b != null && OnnxTensors.dims(b).length != 2) {
            unsupported(n, "multiplies by a tensor of rank " + OnnxTensors.dims(b).length + "; only a weight"
                    + " matrix maps to Dense");
            return null;
        }
        return b;
    }

    /** A Dense layer; PyTorch's [out, in] weight is B itself when transposed in the product, else B's transpose. */
    private void dense(NodeProto n, String x, TensorProto b, long in, long units, boolean transB, int biasInput)
            throws NetworkFormatException {
        Dense spec;
        try {
            spec = new Dense(intOf(units), biasInput >= 0);
        } catch (IllegalArgumentException | ArithmeticException e) {
            unsupported(n, "has parameters NetCanvas refuses: " + e.getMessage());
            return;
        }
        String id = place(n, spec, List.of(x), b.getName());
        Shape s = shapes.get(x);
        if (s != null && s.elements() != in) {
            problems.add(error(id, "its weights expect " + in + " input features but the input has "
                    + s.elements()));
        }
        Tensor t = OnnxTensors.floats(b, dir(), where);
        weights.put(WeightSet.weight(id), transB ? t : t.transposed2d());
        if (biasInput >= 0) {
            putVector(n, biasInput, WeightSet.bias(id), units, id);
        }
    }

    private void pool(NodeProto n) throws NetworkFormatException {
        boolean max = n.getOpType().equals("MaxPool");
        // A zero Pad folds into an average pool (the zeros count), never into a max pool.
        Source src = source(n, !max);
        if (src == null) {
            return;
        }
        String x = src.id();
        int[] extra = src.pads();
        if (max && n.getOutputCount() > 1 && !n.getOutput(1).isEmpty() && uses.getOrDefault(n.getOutput(1), 0) > 0) {
            unsupported(n, "also outputs the indices of the maxima, which NetCanvas does not compute");
            return;
        }
        long[] kernel = OnnxAttributes.integers(n, "kernel_shape", null);
        if (kernel == null || kernel.length != 2) {
            unsupported(n, "is not a 2-D pool (kernel_shape " + Arrays.toString(kernel) + ")");
            return;
        }
        long[] stride = OnnxAttributes.integers(n, "strides", new long[] {1, 1});
        long[] dilation = OnnxAttributes.integers(n, "dilations", new long[] {1, 1});
        if (stride.length != 2 || dilation[0] != 1 || dilation[dilation.length - 1] != 1) {
            unsupported(n, "has strides or dilations NetCanvas pools do not have (dilations "
                    + Arrays.toString(dilation) + ")");
            return;
        }
        int[] pads = pads(n, x, kernel, stride, new long[] {1, 1});
        if (pads == null) {
            return;
        }
        boolean folded = extra[0] + extra[1] + extra[2] + extra[3] > 0;
        boolean countPad = OnnxAttributes.integer(n, "count_include_pad", 0) != 0;
        if (folded && pads[0] + pads[1] + pads[2] + pads[3] > 0 && !countPad) {
            unsupported(n, "averages over explicit zero padding and its own excluded padding at once");
            return;
        }
        for (int i = 0; i < 4; i++) {
            pads[i] += extra[i];
        }
        if (pads[0] != pads[2] || pads[1] != pads[3]) {
            unsupported(n, "pads unequally (top, left, bottom, right = " + Arrays.toString(pads) + "); NetCanvas"
                    + " pools pad both sides equally");
            return;
        }
        boolean ceil = OnnxAttributes.integer(n, "ceil_mode", 0) != 0;
        PrimitiveSpec spec;
        try {
            Hw k = new Hw(intOf(kernel[0]), intOf(kernel[1]));
            Hw s = new Hw(intOf(stride[0]), intOf(stride[1]));
            Hw p = new Hw(pads[0], pads[1]);
            AdaptiveAvgPool adaptive = max ? null : adaptiveHint(n);
            if (adaptive != null) {
                spec = adaptive;
            } else if (max) {
                spec = new MaxPool2d(k, s, p, ceil);
            } else {
                spec = new AvgPool2d(k, s, p, ceil, countPad || folded);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            unsupported(n, "has parameters NetCanvas refuses: " + e.getMessage());
            return;
        }
        place(n, spec, List.of(x), null);
    }

    /** The adaptive pool NetCanvas's exporter wrote as this AveragePool, or null. */
    private static AdaptiveAvgPool adaptiveHint(NodeProto n) {
        String doc = n.getDocString();
        if (!doc.startsWith(ADAPTIVE_HINT + " ")) {
            return null;
        }
        String[] hw = doc.substring(ADAPTIVE_HINT.length() + 1).trim().split("x");
        try {
            return new AdaptiveAvgPool(new Hw(Integer.parseInt(hw[0]), Integer.parseInt(hw[1])));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void reduceMean(NodeProto n) throws NetworkFormatException {
        String x = activation(n, 0);
        if (x == null) {
            return;
        }
        long[] axes = OnnxAttributes.integers(n, "axes", null);
        if (axes == null && present(n, 1)) {
            axes = ints(n.getInput(1));
        }
        Shape s = shapes.get(x);
        Set<Long> set = new HashSet<>();
        if (axes != null) {
            for (long a : axes) {
                set.add(a < 0 ? a + 4 : a);
            }
        }
        if (s == null || !s.spatial() || !set.equals(Set.of(2L, 3L))) {
            unsupported(n, "averages over axes " + Arrays.toString(axes) + "; NetCanvas maps only the mean over"
                    + " height and width (global average pooling)");
            return;
        }
        String id = place(n, new GlobalAvgPool(), List.of(x), null);
        if (OnnxAttributes.integer(n, "keepdims", 1) == 0) {
            String flat = ids.fresh(id + "_flatten");
            place(flat, new Flatten(), List.of(id));
            values.put(n.getOutput(0), new Act(flat));
        }
    }

    private void softmax(NodeProto n) {
        String x = activation(n, 0);
        if (x == null) {
            return;
        }
        Shape s = shapes.get(x);
        long axis = OnnxAttributes.integer(n, "axis", opset >= 13 ? -1 : 1);
        int rank = s == null ? -1 : s.spatial() ? 4 : 2;
        long a = axis < 0 ? axis + rank : axis;
        boolean channels = a == 1 && (opset >= 13 || rank == 2 || (s.height() == 1 && s.width() == 1));
        boolean features = rank == 2 && a == 1;
        if (s == null || !(channels || features)) {
            unsupported(n, "takes the softmax over axis " + axis + "; NetCanvas's Softmax is over channels"
                    + " (axis 1)");
            return;
        }
        place(n, new Softmax(), List.of(x), null);
    }

    private void clip(NodeProto n) {
        double lo;
        double hi;
        if (opset < 11) {
            lo = OnnxAttributes.real(n, "min", -Float.MAX_VALUE);
            hi = OnnxAttributes.real(n, "max", Float.MAX_VALUE);
        } else {
            lo = present(n, 1) ? scalarOf(n.getInput(1)) : Double.NEGATIVE_INFINITY;
            hi = present(n, 2) ? scalarOf(n.getInput(2)) : Double.POSITIVE_INFINITY;
        }
        if (lo == 0 && hi == 6) {
            byKind(n, "relu6");
        } else if (lo == 0 && (hi >= Float.MAX_VALUE || Double.isInfinite(hi))) {
            simple(n, new ReLU());
        } else {
            unsupported(n, "clips to [" + lo + ", " + hi + "]; NetCanvas has ReLU (clip at 0) and ReLU6 (0 to 6)");
        }
    }

    private void hardSigmoid(NodeProto n) {
        double alpha = OnnxAttributes.real(n, "alpha", 0.2);
        double beta = OnnxAttributes.real(n, "beta", 0.5);
        if (Math.abs(alpha - 1.0 / 6) > 1e-6 || Math.abs(beta - 0.5) > 1e-6) {
            unsupported(n, "has slope " + alpha + " and offset " + beta + "; NetCanvas's Hardsigmoid is PyTorch's"
                    + " (1/6 and 0.5)");
            return;
        }
        byKind(n, "hardsigmoid");
    }

    private void batchNorm(NodeProto n) throws NetworkFormatException {
        String x = activation(n, 0);
        if (x == null) {
            return;
        }
        TensorProto scale = stored(n, 1);
        if (scale == null) {
            return;
        }
        long c = OnnxTensors.dims(scale).length == 1 ? OnnxTensors.dims(scale)[0] : -1;
        for (int i = 2; i <= 4; i++) {
            if (stored(n, i) == null) {
                return;
            }
        }
        double momentum = OnnxAttributes.real(n, "momentum", 0.9);
        BatchNorm spec;
        try {
            // ONNX keeps momentum of the running value, PyTorch the weight of the new batch.
            double keep = java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(momentum)).doubleValue();
            spec = new BatchNorm(OnnxAttributes.real(n, "epsilon", 1e-5), Math.min(1, Math.max(0, keep)));
        } catch (IllegalArgumentException e) {
            unsupported(n, "has parameters NetCanvas refuses: " + e.getMessage());
            return;
        }
        String id = place(n, spec, List.of(x), scale.getName());
        Shape s = shapes.get(x);
        if (s != null && s.channels() != c) {
            problems.add(error(id, "its statistics have " + c + " channels but the input has " + s.channels()));
        }
        putVector(n, 1, WeightSet.weight(id), c, id);
        putVector(n, 2, WeightSet.bias(id), c, id);
        putVector(n, 3, WeightSet.runningMean(id), c, id);
        putVector(n, 4, WeightSet.runningVar(id), c, id);
    }

    private void lrn(NodeProto n) {
        long size = OnnxAttributes.integer(n, "size", -1);
        try {
            simple(n, new LocalResponseNorm(intOf(size), OnnxAttributes.real(n, "alpha", 1e-4),
                    OnnxAttributes.real(n, "beta", 0.75), OnnxAttributes.real(n, "bias", 1.0)));
        } catch (IllegalArgumentException | ArithmeticException e) {
            unsupported(n, "has parameters NetCanvas refuses: " + e.getMessage());
        }
    }

    private void concat(NodeProto n) {
        long axis = OnnxAttributes.integer(n, "axis", 1);
        boolean allInts = true;
        for (String in : n.getInputList()) {
            allInts &= ints(in) != null;
        }
        if (allInts && n.getInputCount() > 0) {
            List<Long> joined = new ArrayList<>();
            for (String in : n.getInputList()) {
                for (long v : ints(in)) {
                    joined.add(v);
                }
            }
            values.put(n.getOutput(0), new Ints(joined.stream().mapToLong(Long::longValue).toArray()));
            return;
        }
        if (n.getInputCount() == 1) {
            alias(n); // torch.cat of a one-element list (DenseNet's first layer)
            return;
        }
        List<String> from = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            String x = activation(n, i);
            if (x == null) {
                return;
            }
            from.add(x);
        }
        Shape s = shapes.get(from.get(0));
        int rank = s == null ? 4 : s.spatial() ? 4 : 2;
        if (axis != 1 && axis != 1 - rank) {
            unsupported(n, "joins along axis " + axis + "; NetCanvas's Concat joins channels (axis 1)");
            return;
        }
        place(n, new Concat(), from, null);
    }

    private void add(NodeProto n) throws NetworkFormatException {
        if (n.getInputCount() == 2) {
            int c = constants.containsKey(n.getInput(0)) ? 0 : constants.containsKey(n.getInput(1)) ? 1 : -1;
            if (c >= 0 && values.get(n.getInput(1 - c)) instanceof Act a && biasFree(a.id())
                    && uses.getOrDefault(n.getInput(1 - c), 0) == 1) {
                // MatMul + Add: the bias of the Dense layer before it.
                Node d = nodes.get(a.id());
                Dense dense = (Dense) d.spec();
                TensorProto b = constants.get(n.getInput(c));
                Tensor t = OnnxTensors.floats(b, dir(), where);
                if (t.length() == dense.units()) {
                    nodes.put(a.id(), d.withSpec(new Dense(dense.units(), true)));
                    weights.put(WeightSet.bias(a.id()), t.reshaped(dense.units()));
                    values.put(n.getOutput(0), a);
                    return;
                }
            }
        }
        List<String> from = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            if (constants.containsKey(n.getInput(i))) {
                unsupported(n, "adds a stored constant; NetCanvas adds layer outputs (a bias belongs to the layer"
                        + " before)");
                return;
            }
            String x = activation(n, i);
            if (x == null) {
                return;
            }
            from.add(x);
        }
        place(n, new Add(), from, null);
    }

    private boolean biasFree(String id) {
        Node d = nodes.get(id);
        return d != null && d.spec() instanceof Dense dense && !dense.bias();
    }

    private void mul(NodeProto n) {
        if (n.getInputCount() != 2 || constants.containsKey(n.getInput(0)) || constants.containsKey(n.getInput(1))) {
            unsupported(n, "multiplies by a stored constant; NetCanvas has no constant scaling layer");
            return;
        }
        String a = activation(n, 0);
        String b = activation(n, 1);
        if (a == null || b == null) {
            return;
        }
        // x * sigmoid(x) is SiLU, x * hardsigmoid(x) is Hardswish: fold the gate into one layer.
        for (String[] pair : new String[][] {{a, b, n.getInput(1)}, {b, a, n.getInput(0)}}) {
            Node gate = nodes.get(pair[1]);
            if (gate != null && gate.inputs().equals(List.of(pair[0])) && uses.getOrDefault(pair[2], 0) == 1) {
                String kind = gate.spec() instanceof Sigmoid ? "silu"
                        : LayerKinds.of(gate.spec()).name().equals("hardsigmoid") ? "hardswish" : null;
                LayerKind k = kind == null ? null : LayerKinds.named(kind);
                if (k != null && parts.contains(gate.id())) {
                    // The exporter's own split of one layer: the layer takes the Mul's name.
                    nodes.remove(gate.id());
                    place(n, (PrimitiveSpec) k.createDefault(), gate.inputs(), null);
                    return;
                }
                if (k != null) {
                    nodes.put(gate.id(), gate.withSpec(k.createDefault()));
                    values.put(n.getOutput(0), new Act(gate.id()));
                    return;
                }
            }
        }
        Shape sa = shapes.get(a);
        Shape sb = shapes.get(b);
        if (sa != null && sb != null && sa.spatial() && sb.height() == 1 && sb.width() == 1
                && sb.channels() == sa.channels() && (sa.height() > 1 || sa.width() > 1 || !sb.spatial())) {
            place(n, new Scale(), List.of(a, b), null);
        } else if (sa != null && sb != null && sb.spatial() && sa.height() == 1 && sa.width() == 1
                && sa.channels() == sb.channels()) {
            place(n, new Scale(), List.of(b, a), null);
        } else {
            unsupported(n, "multiplies " + shapeText(sa) + " by " + shapeText(sb) + "; NetCanvas multiplies feature"
                    + " maps only by per-channel factors (Scale, as in squeeze-and-excitation)");
        }
    }

    private void flatten(NodeProto n) {
        String x = activation(n, 0);
        if (x == null) {
            return;
        }
        if (OnnxAttributes.integer(n, "axis", 1) != 1) {
            unsupported(n, "flattens from axis " + OnnxAttributes.integer(n, "axis", 1) + "; NetCanvas keeps the"
                    + " batch axis and flattens the rest (axis 1)");
            return;
        }
        place(n, new Flatten(), List.of(x), null);
    }

    private void dropout(NodeProto n) {
        double p = OnnxAttributes.real(n, "ratio", 0.5);
        if (present(n, 1)) {
            p = scalarOf(n.getInput(1));
        }
        if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty() && uses.getOrDefault(n.getOutput(1), 0) > 0) {
            unsupported(n, "outputs its mask, which NetCanvas does not compute");
            return;
        }
        try {
            simple(n, new Dropout(Double.isNaN(p) ? 0.5 : p));
        } catch (IllegalArgumentException e) {
            unsupported(n, "has parameters NetCanvas refuses: " + e.getMessage());
        }
    }

    private void identity(NodeProto n) {
        String doc = n.getDocString();
        if (doc.equals(OUTPUT_HINT)) {
            simple(n, new Output());
            return;
        }
        if (doc.startsWith(DROPOUT_HINT + " ")) {
            try {
                simple(n, new Dropout(Double.parseDouble(doc.substring(DROPOUT_HINT.length() + 1))));
                return;
            } catch (IllegalArgumentException e) {
                // not a hint this importer wrote: an ordinary Identity
            }
        }
        alias(n);
    }

    private void alias(NodeProto n) {
        Value v = values.get(n.getInput(0));
        if (v != null) {
            values.put(n.getOutput(0), v);
        } else if (constants.containsKey(n.getInput(0))) {
            constants.put(n.getOutput(0), constants.get(n.getInput(0)));
        } else {
            activation(n, 0);
        }
    }

    private void pad(NodeProto n) {
        String x = activation(n, 0);
        if (x == null) {
            return;
        }
        String mode = OnnxAttributes.text(n, "mode", "constant");
        long[] p = opset < 11 ? OnnxAttributes.integers(n, "pads", null) : present(n, 1) ? ints(n.getInput(1))
                : null;
        double value = opset < 11 ? OnnxAttributes.real(n, "value", 0) : present(n, 2) ? scalarOf(n.getInput(2)) : 0;
        if (!mode.equals("constant") || value != 0 || p == null || p.length != 8 || p[0] != 0 || p[1] != 0
                || p[4] != 0 || p[5] != 0) {
            unsupported(n, "pads with mode '" + mode + "', value " + value + " and pads " + Arrays.toString(p)
                    + "; NetCanvas folds only zero padding of height and width into the next convolution or"
                    + " average pool");
            return;
        }
        for (long q : p) {
            if (q < 0 || q > 100_000) {
                unsupported(n, "has an impossible padding " + Arrays.toString(p));
                return;
            }
        }
        String padId = n.getName().isEmpty() ? "Pad" : n.getName();
        values.put(n.getOutput(0), new Padded(x, (int) p[2], (int) p[3], (int) p[6], (int) p[7], padId));
    }

    private void constant(NodeProto n) {
        var a = OnnxAttributes.find(n, "value");
        if (a != null && a.hasT()) {
            TensorProto t = a.getT().toBuilder().setName(n.getOutput(0)).build();
            constants.put(n.getOutput(0), t);
            return;
        }
        var ints = OnnxAttributes.find(n, "value_ints");
        var one = OnnxAttributes.find(n, "value_int");
        if (ints != null) {
            values.put(n.getOutput(0), new Ints(OnnxAttributes.integers(n, "value_ints", new long[0])));
        } else if (one != null) {
            values.put(n.getOutput(0), new Ints(new long[] {one.getI()}));
        } else {
            unsupported(n, "holds a kind of constant NetCanvas does not read");
        }
    }

    private void shape(NodeProto n) {
        String x = activation(n, 0);
        if (x == null) {
            return;
        }
        Shape s = shapes.get(x);
        if (s == null) {
            values.put(n.getOutput(0), new Lost(x));
            return;
        }
        long[] full = s.spatial() ? new long[] {BATCH, s.channels(), s.height(), s.width()}
                : new long[] {BATCH, s.channels()};
        int start = (int) norm(OnnxAttributes.integer(n, "start", 0), full.length);
        int end = (int) norm(OnnxAttributes.integer(n, "end", full.length), full.length);
        values.put(n.getOutput(0), new Ints(Arrays.copyOfRange(full, Math.min(start, end), end)));
    }

    /**
     * Integer Add, Sub, Mul or Div of shape values (PyTorch computes channels // groups for a channel shuffle and the
     * bounds of torch.chunk this way); true when done. A batch dimension stays symbolic.
     */
    private boolean arithmeticOnShapes(NodeProto n) {
        String op = n.getOpType();
        if (!(op.equals("Add") || op.equals("Sub") || op.equals("Mul") || op.equals("Div")) || n.getInputCount() != 2) {
            return false;
        }
        long[] a = ints(n.getInput(0));
        long[] b = ints(n.getInput(1));
        if (a == null || b == null || (a.length != b.length && a.length != 1 && b.length != 1)) {
            return false;
        }
        long[] out = new long[Math.max(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            long x = a[a.length == 1 ? 0 : i];
            long y = b[b.length == 1 ? 0 : i];
            if (x == BATCH || y == BATCH) {
                out[i] = BATCH;
            } else if (op.equals("Div") && y == 0) {
                return false;
            } else {
                out[i] = switch (op) {
                    case "Add" -> x + y;
                    case "Sub" -> x - y;
                    case "Mul" -> x * y;
                    default -> Math.floorDiv(x, y);
                };
            }
        }
        values.put(n.getOutput(0), new Ints(out));
        return true;
    }

    private static long norm(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return Math.max(0, Math.min(rank, a));
    }

    private void gather(NodeProto n) {
        long[] data = ints(n.getInput(0));
        long[] index = present(n, 1) ? ints(n.getInput(1)) : null;
        if (data == null || index == null || OnnxAttributes.integer(n, "axis", 0) != 0) {
            unsupported(n, "gathers from a tensor; NetCanvas evaluates Gather only in shape computations");
            return;
        }
        long[] out = new long[index.length];
        for (int i = 0; i < index.length; i++) {
            long j = index[i] < 0 ? index[i] + data.length : index[i];
            if (j < 0 || j >= data.length) {
                unsupported(n, "gathers index " + index[i] + " of a " + data.length + "-element shape");
                return;
            }
            out[i] = data[(int) j];
        }
        values.put(n.getOutput(0), new Ints(out));
    }

    private void unsqueeze(NodeProto n) {
        long[] data = ints(n.getInput(0));
        if (data != null) {
            values.put(n.getOutput(0), new Ints(data));
            return;
        }
        Value v = values.get(n.getInput(0));
        if (v instanceof Lost) {
            values.put(n.getOutput(0), v);
            return;
        }
        unsupported(n, "changes the rank of a feature map; NetCanvas evaluates " + n.getOpType()
                + " only in shape computations");
    }

    private void reshape(NodeProto n) {
        if (n.getInputCount() > 0 && values.get(n.getInput(0)) instanceof Grouped g) {
            ungroup(n, g);
            return;
        }
        String x = activation(n, 0);
        if (x == null) {
            return;
        }
        long[] target = present(n, 1) ? ints(n.getInput(1)) : null;
        Shape s = shapes.get(x);
        if (target != null && s != null && channelGroups(target, s) > 0) {
            values.put(n.getOutput(0), new Grouped(x, channelGroups(target, s), false, n.getName()));
            return;
        }
        if (target == null || s == null) {
            unsupported(n, "reshapes to a shape NetCanvas cannot work out here; only flattening (x.view(n, -1))"
                    + " maps to a layer");
            return;
        }
        long elements = s.elements();
        boolean batchFirst = target.length >= 1 && (target[0] == BATCH || target[0] == 0 || target[0] == 1
                || target[0] == -1);
        if (target.length == 2 && batchFirst && (target[1] == -1 || target[1] == elements)
                && !(target[0] == -1 && target[1] == -1)) {
            place(n, new Flatten(), List.of(x), null);
            return;
        }
        if (!s.spatial() && target.length == 4 && batchFirst && (target[1] == s.channels() || target[1] == -1)
                && target[2] == 1 && target[3] == 1) {
            // A feature vector seen as C x 1 x 1 (a squeeze-and-excitation gate): NetCanvas treats both alike.
            values.put(n.getOutput(0), new Act(x));
            return;
        }
        long[] dims = s.dims();
        if (target.length == dims.length + 1 && batchFirst) {
            boolean same = true;
            for (int i = 0; i < dims.length; i++) {
                long t = target[i + 1];
                same &= t == dims[i] || (t == 0) || (t == -1 && elements == product(dims));
            }
            if (same) {
                values.put(n.getOutput(0), new Act(x));
                return;
            }
        }
        unsupported(n, "reshapes " + s + " to " + Arrays.toString(target).replace(Long.toString(BATCH), "N")
                + "; only flattening (x.view(n, -1)) maps to a NetCanvas layer");
    }

    /**
     * The groups g when this Reshape target splits the channels of s into [N, g, C/g, H, W] (or [N, g, C/g] for a
     * feature vector) with g > 1, the first step of a channel shuffle; 0 otherwise.
     */
    private static long channelGroups(long[] target, Shape s) {
        int rank = s.spatial() ? 5 : 3;
        if (target.length != rank || !(target[0] == BATCH || target[0] == 0 || target[0] == -1 || target[0] == 1)) {
            return 0;
        }
        long g = target[1];
        long c = s.channels();
        boolean rest = !s.spatial() || (target[3] == s.height() && target[4] == s.width());
        return g > 1 && g < c && c % g == 0 && (target[2] == c / g || target[2] == -1) && rest ? g : 0;
    }

    /** The Transpose of a channel shuffle: it exchanges the group axis and the channel-in-group axis. */
    private void transpose(NodeProto n) {
        Value v = n.getInputCount() > 0 ? values.get(n.getInput(0)) : null;
        long[] perm = OnnxAttributes.integers(n, "perm", null);
        if (v instanceof Grouped g && !g.swapped() && perm != null && perm.length >= 3 && perm[0] == 0
                && perm[1] == 2 && perm[2] == 1 && identityAfter(perm, 3)) {
            values.put(n.getOutput(0), new Grouped(g.id(), g.groups(), true, n.getName()));
            return;
        }
        String x = activation(n, 0);
        if (x != null) {
            unsupported(n, "reorders axes " + Arrays.toString(perm) + "; NetCanvas reads a Transpose only inside a"
                    + " channel shuffle (Reshape to [N, g, C/g, H, W], Transpose 0 2 1 3 4, Reshape back)");
        }
    }

    private static boolean identityAfter(long[] perm, int from) {
        for (int i = from; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** The Reshape that ends a channel shuffle: back to the shape the channels were grouped from. */
    private void ungroup(NodeProto n, Grouped g) {
        Shape s = shapes.get(g.id());
        long[] target = present(n, 1) ? ints(n.getInput(1)) : null;
        boolean back = s != null && target != null && target.length == (s.spatial() ? 4 : 2)
                && (target[1] == s.channels() || target[1] == -1)
                && (!s.spatial() || (target[2] == s.height() && target[3] == s.width()));
        if (g.swapped() && back) {
            place(n, new ChannelShuffle((int) g.groups()), List.of(g.id()), null);
            return;
        }
        unsupported(n, "reshapes the channels that node '" + g.node() + "' split into " + g.groups() + " groups"
                + (g.swapped() ? " to " + Arrays.toString(target) : " without transposing them")
                + "; NetCanvas reads this only as a channel shuffle (Reshape, Transpose 0 2 1 3 4, Reshape back)");
    }

    /** A Slice of channels (axis 1) with step 1 is a ChannelSlice. */
    private void slice(NodeProto n) {
        String x = activation(n, 0);
        if (x == null) {
            return;
        }
        Shape s = shapes.get(x);
        long[] starts = present(n, 1) ? ints(n.getInput(1)) : null;
        long[] ends = present(n, 2) ? ints(n.getInput(2)) : null;
        long[] axes = present(n, 3) ? ints(n.getInput(3)) : new long[] {0};
        long[] steps = present(n, 4) ? ints(n.getInput(4)) : new long[] {1};
        int rank = s == null ? 0 : s.dims().length + 1;
        if (opset < 10 || s == null || starts == null || ends == null || axes == null || steps == null
                || starts.length != 1 || ends.length != 1 || axes.length != 1 || steps.length != 1
                || steps[0] != 1 || !(axes[0] == 1 || axes[0] + rank == 1)) {
            unsupported(n, "slices other than a run of channels (axis 1, step 1); NetCanvas's ChannelSlice keeps"
                    + " channels start to start + count");
            return;
        }
        long c = s.channels();
        long start = Math.max(0, starts[0] < 0 ? starts[0] + c : starts[0]);
        long end = Math.min(c, ends[0] < 0 ? ends[0] + c : ends[0]);
        if (start >= end) {
            unsupported(n, "keeps no channels (" + starts[0] + " to " + ends[0] + " of " + c + ")");
            return;
        }
        place(n, new ChannelSlice((int) start, (int) (end - start)), List.of(x), null);
    }

    private static String shapeText(Shape s) {
        return s == null ? "a tensor of unknown shape" : s.toString();
    }

    private static long product(long[] d) {
        long p = 1;
        for (long x : d) {
            p *= x;
        }
        return p;
    }

    // ---- helpers

    private void simple(NodeProto n, PrimitiveSpec spec) {
        String x = activation(n, 0);
        if (x != null) {
            place(n, spec, List.of(x), null);
        }
    }

    /** A layer of a kind looked up by name (kinds newer than this importer's code are found the same way). */
    private void byKind(NodeProto n, String kind) {
        LayerKind k = LayerKinds.named(kind);
        if (k == null) {
            unsupported(n, "needs the layer kind '" + kind + "', which this NetCanvas does not have");
            return;
        }
        simple(n, (PrimitiveSpec) k.createDefault());
    }

    /** A layer's input and the zero padding [top, left, bottom, right] folded into it from a Pad before it. */
    private record Source(String id, int[] pads) {
    }

    /** Input 0 of a convolution or pool, looking through a Pad when {@code foldPad}; null when reported. */
    private Source source(NodeProto n, boolean foldPad) {
        if (foldPad && values.get(n.getInput(0)) instanceof Padded p) {
            return new Source(p.id(), new int[] {p.top(), p.left(), p.bottom(), p.right()});
        }
        String x = activation(n, 0);
        return x == null ? null : new Source(x, new int[4]);
    }

    /** The node id of input i, an activation; null (and reported) when it is something else. */
    private String activation(NodeProto n, int i) {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) {
            unsupported(n, "lacks its input " + (i + 1));
            return null;
        }
        String name = n.getInput(i);
        Value v = values.get(name);
        if (v instanceof Act a) {
            return a.id();
        }
        if (v instanceof Lost l) {
            // Already reported where it was lost; keep the layer so the rest of the graph is seen.
            return l.id();
        }
        if (v instanceof Padded p) {
            unsupported(n, "reads the output of Pad node '" + p.padNode() + "', which NetCanvas can fold only into a"
                    + " convolution or average pool");
            return null;
        }
        if (v instanceof Grouped g) {
            unsupported(n, "reads the channels that node '" + g.node() + "' split into " + g.groups() + " groups;"
                    + " NetCanvas reads such a split only as part of a channel shuffle (Reshape, Transpose 0 2 1 3 4,"
                    + " Reshape back)");
            return null;
        }
        if (constants.containsKey(name) || v instanceof Ints) {
            unsupported(n, "takes the stored constant '" + name + "' where NetCanvas expects a layer's output");
            return null;
        }
        unsupported(n, "reads '" + name + "', which no node produces: the graph is incomplete");
        return null;
    }

    /** Input i as a stored tensor (initializer or constant); null (and reported) when it is computed. */
    private TensorProto stored(NodeProto n, int i) {
        TensorProto t = i < n.getInputCount() ? constants.get(n.getInput(i)) : null;
        if (t == null) {
            unsupported(n, "computes its input " + (i + 1) + " ('" + (i < n.getInputCount() ? n.getInput(i) : "")
                    + "') in the graph; NetCanvas needs weights stored as initializers (export with"
                    + " do_constant_folding=True)");
        }
        return t;
    }

    private void putVector(NodeProto n, int input, String name, long length, String id)
            throws NetworkFormatException {
        Tensor t = OnnxTensors.floats(constants.get(n.getInput(input)), dir(), where);
        if (t.length() != length) {
            problems.add(error(id, "'" + n.getInput(input) + "' has " + t.length() + " values where " + length
                    + " are needed"));
            return;
        }
        weights.put(name, t.reshaped(length));
    }

    private boolean present(NodeProto n, int i) {
        return i < n.getInputCount() && !n.getInput(i).isEmpty();
    }

    /** A small integer vector: computed from shapes, or a stored int64/int32 constant; null otherwise. */
    private long[] ints(String name) {
        Value v = values.get(name);
        if (v instanceof Ints i) {
            return i.v();
        }
        TensorProto t = constants.get(name);
        return t == null ? null : OnnxTensors.ints(t);
    }

    private double scalarOf(String name) {
        TensorProto t = constants.get(name);
        return t == null ? Double.NaN : OnnxTensors.scalar(t);
    }

    private Path dir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private static int intOf(long v) {
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("value " + v + " is out of range");
        }
        return (int) v;
    }

    /** Adds a node for an ONNX operator; its first output becomes the node's output. */
    private String place(NodeProto n, PrimitiveSpec spec, List<String> inputs, String weightName) {
        String id = ids.idFor(n.getName(), n.getOpType(), weightName);
        if (n.getDocString().equals(PART_HINT)) {
            parts.add(id);
        }
        place(id, spec, inputs);
        values.put(n.getOutput(0), new Act(id));
        return id;
    }

    private void place(String id, LayerSpec spec, List<String> inputs) {
        nodes.put(id, new Node(id, spec, inputs));
        shapes.put(id, infer((PrimitiveSpec) spec, inputs));
    }

    private Shape infer(PrimitiveSpec spec, List<String> inputs) {
        List<Shape> in = new ArrayList<>();
        for (String i : inputs) {
            Shape s = shapes.get(i);
            if (s == null) {
                return null;
            }
            in.add(s);
        }
        if (in.size() < spec.minInputs() || in.size() > spec.maxInputs()) {
            return null;
        }
        try {
            return spec.outputShape(in);
        } catch (ShapeException | RuntimeException e) {
            return null;
        }
    }

    private void unsupported(NodeProto n, String why) {
        String id = ids.idFor(n.getName(), n.getOpType(), null);
        String label = n.getName().isEmpty() ? id : n.getName();
        problems.add(error(id, "ONNX node '" + label + "' (" + n.getOpType() + ") " + why));
        for (String out : n.getOutputList()) {
            if (!out.isEmpty()) {
                values.put(out, new Lost(id));
            }
        }
    }

    private static Diagnostic error(String id, String message) {
        return new Diagnostic(id, id, Diagnostic.Severity.ERROR, message);
    }
}
