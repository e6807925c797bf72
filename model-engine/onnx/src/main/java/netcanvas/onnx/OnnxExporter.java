package netcanvas.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.LayerResult;
import netcanvas.graph.*;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import onnx.OnnxMl.AttributeProto;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.OperatorSetIdProto;
import onnx.OnnxMl.TensorProto;
import onnx.OnnxMl.TensorShapeProto;
import onnx.OnnxMl.TypeProto;
import onnx.OnnxMl.ValueInfoProto;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Writes an analysed network and its weights as an ONNX model, one lowering per primitive kind. Node and tensor names
 * are NetCanvas's expanded ids (a layer's output tensor is named by its id); initializers are named as PyTorch's state
 * dict ({@code layer1.0.conv1.weight}). The input is {@code [N, C, H, W]} with a symbolic batch N; the output is the
 * logits, named {@code logits}, without softmax (as torchvision's models return them). Batch norm uses its running
 * statistics and dropout is an Identity: the model is for inference.
 */
public final class OnnxExporter implements PrimitiveVisitor<Void> {

    public static final int DEFAULT_OPSET = 13;
    public static final int MIN_OPSET = 11;
    public static final int MAX_OPSET = 17;
    /** The name of the model's output: class scores before softmax. */
    public static final String LOGITS = "logits";

    /** A network or option the exporter cannot write; the message says what and what to do. */
    public static final class OnnxExportException extends Exception {
        public OnnxExportException(String message) {
            super(message, null, false, false);
        }
    }

    private final Analysis analysis;
    private final WeightSet weights;
    private final int opset;
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private LayerResult layer;
    private int outputs;
    private OnnxExportException failure;

    private OnnxExporter(Analysis analysis, WeightSet weights, int opset) {
        this.analysis = analysis;
        this.weights = weights;
        this.opset = opset;
    }

    /**
     * The ONNX model's bytes.
     *
     * @param weights values for every weight and batch-norm statistic, by PyTorch's names
     * @throws OnnxExportException when the network has errors, a weight is missing, or a layer has no ONNX form
     */
    public static byte[] export(Analysis analysis, WeightSet weights, int opset) throws OnnxExportException {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new OnnxExportException("--opset " + opset + " is out of range: NetCanvas writes opsets "
                    + MIN_OPSET + "-" + MAX_OPSET + " (default " + DEFAULT_OPSET + ")");
        }
        List<Diagnostic> errors = analysis.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            StringBuilder s = new StringBuilder("cannot export '" + analysis.network().name() + "' to ONNX: the"
                    + " analysis found errors; fix them in the designer first:");
            errors.forEach(d -> s.append("\n  ").append(d));
            throw new OnnxExportException(s.toString());
        }
        return new OnnxExporter(analysis, weights, opset).run().toByteArray();
    }

    private ModelProto run() throws OnnxExportException {
        graph.setName(analysis.network().name());
        for (LayerResult r : analysis.layers()) {
            layer = r;
            r.spec().accept(this);
            if (failure != null) {
                throw failure;
            }
        }
        if (outputs == 0) {
            throw new OnnxExportException("'" + analysis.network().name() + "' has no Output layer: add one after"
                    + " the layer whose output is the class scores");
        }
        return ModelProto.newBuilder()
                .setIrVersion(opset <= 13 ? 7 : 8)
                .setProducerName("NetCanvas")
                .setModelVersion(1)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph)
                .build();
    }

    // ---- building blocks

    private String in(int i) {
        return layer.inputs().get(i);
    }

    private Shape inShape(int i) {
        return analysis.shapeOf(in(i));
    }

    private NodeProto.Builder named(String op, String name, String output, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String i : inputs) {
            n.addInput(i);
        }
        return n;
    }

    /** The layer's one node, writing its id. */
    private NodeProto.Builder node(String op, String... inputs) {
        return named(op, layer.id(), layer.id(), inputs);
    }

    private void add(NodeProto.Builder n) {
        graph.addNode(n);
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    private static AttributeProto integer(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static AttributeProto real(String name, double v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                .setF((float) v).build();
    }

    /** Adds the named weight as an initializer, checking its size; returns its name. */
    private String initializer(String name, long... shape) {
        Tensor t = weights.get(name);
        long n = Tensor.elements(shape);
        if (t == null) {
            fail("no value for '" + name + "': give the weights of a trained network (--weights CHECKPOINT_DIR)"
                    + " or export without --weights for the initial values");
            return name;
        }
        if (t.length() != n) {
            fail("'" + name + "' has " + t.length() + " values but layer '" + layer.id() + "' needs " + n
                    + ": the weights belong to another network");
            return name;
        }
        graph.addInitializer(floatTensor(name, shape, t.floats()));
        return name;
    }

    private static TensorProto floatTensor(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : shape) {
            t.addDims(d);
        }
        return t.build();
    }

    private String constantInts(String name, long... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(v);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(v.length).setRawData(ByteString.copyFrom(b.array())));
        return name;
    }

    private String constantFloat(String name, float v) {
        graph.addInitializer(floatTensor(name, new long[0], new float[] {v}));
        return name;
    }

    private void fail(String message) {
        if (failure == null) {
            failure = new OnnxExportException("cannot export layer '" + layer.id() + "' to ONNX: " + message);
        }
    }

    private static ValueInfoProto value(String name, Object... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            s.addDim(d instanceof String p ? TensorShapeProto.Dimension.newBuilder().setDimParam(p)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue((Long) d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }

    // ---- one lowering per kind

    @Override
    public Void visit(Input l) {
        graph.addInput(value(layer.id(), "N", (long) l.channels(), (long) l.height(), (long) l.width()));
        return null;
    }

    @Override
    public Void visit(Conv2d l) {
        Shape s = inShape(0);
        long inPerGroup = s.channels() / l.groups();
        int kh = l.kernel().h();
        int kw = l.kernel().w();
        String w = initializer(WeightSet.weight(layer.id()), l.outChannels(), inPerGroup, kh, kw);
        NodeProto.Builder n = l.bias() ? node("Conv", in(0), w, initializer(WeightSet.bias(layer.id()),
                l.outChannels())) : node("Conv", in(0), w);
        long[] pads;
        if (l.padding().same()) {
            long th = (long) l.dilation().h() * (kh - 1);
            long tw = (long) l.dilation().w() * (kw - 1);
            pads = new long[] {th / 2, tw / 2, th - th / 2, tw - tw / 2};
        } else {
            pads = new long[] {l.padding().h(), l.padding().w(), l.padding().h(), l.padding().w()};
        }
        add(n.addAttribute(ints("kernel_shape", kh, kw)).addAttribute(ints("strides", l.stride().h(), l.stride().w()))
                .addAttribute(ints("pads", pads)).addAttribute(ints("dilations", l.dilation().h(), l.dilation().w()))
                .addAttribute(integer("group", l.groups())));
        return null;
    }

    private NodeProto.Builder pool(String op, Pooling l, Hw kernel, Hw stride, Hw padding, boolean ceil) {
        return node(op, in(0)).addAttribute(ints("kernel_shape", kernel.h(), kernel.w()))
                .addAttribute(ints("strides", stride.h(), stride.w()))
                .addAttribute(ints("pads", padding.h(), padding.w(), padding.h(), padding.w()))
                .addAttribute(integer("ceil_mode", ceil ? 1 : 0));
    }

    @Override
    public Void visit(MaxPool2d l) {
        add(pool("MaxPool", l, l.kernel(), l.stride(), l.padding(), l.ceilMode()));
        return null;
    }

    @Override
    public Void visit(AvgPool2d l) {
        add(pool("AveragePool", l, l.kernel(), l.stride(), l.padding(), l.ceilMode())
                .addAttribute(integer("count_include_pad", l.countIncludePad() ? 1 : 0)));
        return null;
    }

    @Override
    public Void visit(GlobalAvgPool l) {
        add(node("GlobalAveragePool", in(0)));
        return null;
    }

    @Override
    public Void visit(AdaptiveAvgPool l) {
        Shape s = inShape(0);
        int oh = l.outputSize().h();
        int ow = l.outputSize().w();
        if (s.height() % oh != 0 || s.width() % ow != 0) {
            fail("an adaptive average pool from " + s.height() + "x" + s.width() + " to " + oh + "x" + ow
                    + " has windows of unequal size, which no single ONNX operator computes; change the input"
                    + " size so that " + oh + "x" + ow + " divides it");
            return null;
        }
        long kh = s.height() / oh;
        long kw = s.width() / ow;
        // ONNX has no adaptive pool; with equal windows it is an average pool. The doc string lets NetCanvas's
        // importer restore the layer the user designed.
        add(node("AveragePool", in(0)).addAttribute(ints("kernel_shape", kh, kw)).addAttribute(ints("strides", kh, kw))
                .setDocString(OnnxImporter.ADAPTIVE_HINT + " " + oh + "x" + ow));
        return null;
    }

    @Override
    public Void visit(Flatten l) {
        add(node("Flatten", in(0)).addAttribute(integer("axis", 1)));
        return null;
    }

    @Override
    public Void visit(Dense l) {
        Shape s = inShape(0);
        String x = in(0);
        if (l.flattensInput(s)) {
            // NetCanvas's Dense flattens a feature map itself (C, H, W order, as PyTorch's flatten).
            x = layer.id() + "/flatten";
            add(named("Flatten", x, x, in(0)).addAttribute(integer("axis", 1)).setDocString(OnnxImporter.PART_HINT));
        }
        String w = initializer(WeightSet.weight(layer.id()), l.units(), s.elements());
        NodeProto.Builder n = l.bias() ? node("Gemm", x, w, initializer(WeightSet.bias(layer.id()), l.units()))
                : node("Gemm", x, w);
        add(n.addAttribute(integer("transB", 1)));
        return null;
    }

    @Override
    public Void visit(ReLU l) {
        add(node("Relu", in(0)));
        return null;
    }

    @Override
    public Void visit(LeakyReLU l) {
        add(node("LeakyRelu", in(0)).addAttribute(real("alpha", l.slope())));
        return null;
    }

    @Override
    public Void visit(Tanh l) {
        add(node("Tanh", in(0)));
        return null;
    }

    @Override
    public Void visit(Sigmoid l) {
        add(node("Sigmoid", in(0)));
        return null;
    }

    @Override
    public Void visit(Softmax l) {
        if (inShape(0).spatial() && opset < 13) {
            fail("a softmax over the channels of a feature map needs opset 13 or later (before 13 ONNX's Softmax"
                    + " flattens C, H and W together); export with --opset 13");
            return null;
        }
        add(node("Softmax", in(0)).addAttribute(integer("axis", 1)));
        return null;
    }

    @Override
    public Void visit(Dropout l) {
        // Inference: dropout passes its input through. The doc string lets NetCanvas's importer restore the layer.
        add(node("Identity", in(0)).setDocString(OnnxImporter.DROPOUT_HINT + " " + l.p()));
        return null;
    }

    @Override
    public Void visit(BatchNorm l) {
        long c = inShape(0).channels();
        String id = layer.id();
        add(node("BatchNormalization", in(0), initializer(WeightSet.weight(id), c),
                initializer(WeightSet.bias(id), c), initializer(WeightSet.runningMean(id), c),
                initializer(WeightSet.runningVar(id), c))
                .addAttribute(real("epsilon", l.eps())).addAttribute(real("momentum", 1 - l.momentum())));
        return null;
    }

    @Override
    public Void visit(LocalResponseNorm l) {
        add(node("LRN", in(0)).addAttribute(integer("size", l.size())).addAttribute(real("alpha", l.alpha()))
                .addAttribute(real("beta", l.beta())).addAttribute(real("bias", l.k())));
        return null;
    }

    @Override
    public Void visit(Concat l) {
        add(node("Concat", layer.inputs().toArray(String[]::new)).addAttribute(integer("axis", 1)));
        return null;
    }

    @Override
    public Void visit(Add l) {
        add(node(layer.inputs().size() == 2 ? "Add" : "Sum", layer.inputs().toArray(String[]::new)));
        return null;
    }

    @Override
    public Void visit(Scale l) {
        String gate = in(1);
        if (!inShape(1).spatial() && inShape(0).spatial()) {
            // A feature-vector gate [N, C] broadcasts over H and W as [N, C, 1, 1].
            gate = layer.id() + "/gate";
            add(named("Reshape", gate, gate, in(1), constantInts(layer.id() + "/gate_shape", 0, -1, 1, 1)));
        }
        add(node("Mul", in(0), gate));
        return null;
    }

    /**
     * Reshape to [N, g, C/g, H, W], swap the two channel axes, reshape back: ShuffleNet's channel_shuffle, as PyTorch
     * exports it (the importer reads the three back as one ChannelShuffle).
     */
    @Override
    public Void visit(ChannelShuffle l) {
        Shape s = inShape(0);
        long c = s.channels();
        long g = l.groups();
        String id = layer.id();
        String grouped = id + "/grouped";
        String swapped = id + "/transposed";
        long[] groupedShape = s.spatial() ? new long[] {0, g, c / g, s.height(), s.width()} : new long[] {0, g, c / g};
        long[] perm = s.spatial() ? new long[] {0, 2, 1, 3, 4} : new long[] {0, 2, 1};
        long[] back = s.spatial() ? new long[] {0, c, s.height(), s.width()} : new long[] {0, c};
        add(named("Reshape", grouped, grouped, in(0), constantInts(id + "/grouped_shape", groupedShape)));
        add(named("Transpose", swapped, swapped, grouped).addAttribute(ints("perm", perm)));
        add(node("Reshape", swapped, constantInts(id + "/shape", back)));
        return null;
    }

    /** ONNX Slice on axis 1 (channels), starts and ends as inputs (opset 10 and later). */
    @Override
    public Void visit(ChannelSlice l) {
        String id = layer.id();
        add(node("Slice", in(0), constantInts(id + "/starts", l.start()),
                constantInts(id + "/ends", (long) l.start() + l.count()), constantInts(id + "/axes", 1)));
        return null;
    }

    @Override
    public Void visit(Output l) {
        String name = outputs == 0 ? LOGITS : LOGITS + "_" + (outputs + 1);
        outputs++;
        add(named("Identity", layer.id(), name, in(0)).setDocString(OnnxImporter.OUTPUT_HINT));
        graph.addOutput(value(name, "N", inShape(0).elements()));
        return null;
    }

    @Override
    public Void visit(ReLU6 l) {
        add(node("Clip", in(0), constantFloat(layer.id() + "/min", 0), constantFloat(layer.id() + "/max", 6)));
        return null;
    }

    @Override
    public Void visit(SiLU l) {
        // x * sigmoid(x); the importer folds the pair back into one SiLU.
        String gate = layer.id() + "/sigmoid";
        add(named("Sigmoid", gate, gate, in(0)).setDocString(OnnxImporter.PART_HINT));
        add(node("Mul", in(0), gate));
        return null;
    }

    @Override
    public Void visit(Hardswish l) {
        if (opset >= 14) {
            add(node("HardSwish", in(0)));
            return null;
        }
        String gate = layer.id() + "/hardsigmoid";
        add(hardSigmoid(named("HardSigmoid", gate, gate, in(0))).setDocString(OnnxImporter.PART_HINT));
        add(node("Mul", in(0), gate));
        return null;
    }

    @Override
    public Void visit(Hardsigmoid l) {
        add(hardSigmoid(node("HardSigmoid", in(0))));
        return null;
    }

    /** PyTorch's hard sigmoid, relu6(x + 3) / 6, as ONNX's max(0, min(1, alpha x + beta)). */
    private static NodeProto.Builder hardSigmoid(NodeProto.Builder n) {
        return n.addAttribute(real("alpha", 1.0 / 6)).addAttribute(real("beta", 0.5));
    }
}
