package netcanvas.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The closed registry of layer kinds: the only list of what can appear in a network file or on the palette. */
public final class LayerKinds {

    public static final List<LayerKind> ALL = List.of(
            kind("input", "Input", Category.INPUT, Input.class, "C x H x W image; no parameters"),
            kind("conv2d", "Conv2d", Category.CONVOLUTION, Conv2d.class,
                    "H' = floor((H + 2p - d(k-1) - 1)/s) + 1; params = Cout*(Cin/g)*kh*kw (+Cout bias);"
                            + " MACs = Cout*H'*W'*(Cin/g)*kh*kw"),
            kind("maxpool2d", "MaxPool2d", Category.POOLING, MaxPool2d.class,
                    "H' = floor((H + 2p - k)/s) + 1 (ceil in ceil mode); ops = k*k per output"),
            kind("avgpool2d", "AvgPool2d", Category.POOLING, AvgPool2d.class,
                    "H' = floor((H + 2p - k)/s) + 1 (ceil in ceil mode); ops = k*k per output"),
            kind("global_avgpool", "GlobalAvgPool", Category.POOLING, GlobalAvgPool.class,
                    "C x H x W -> C x 1 x 1; ops = C*H*W"),
            kind("adaptive_avgpool", "AdaptiveAvgPool", Category.POOLING, AdaptiveAvgPool.class,
                    "C x H x W -> C x h x w; ops = window per output"),
            kind("flatten", "Flatten", Category.DENSE, Flatten.class, "C x H x W -> C*H*W features"),
            kind("dense", "Dense", Category.DENSE, Dense.class,
                    "N -> units; params = N*units (+units bias); MACs = N*units"),
            kind("relu", "ReLU", Category.ACTIVATION, ReLU.class, "shape unchanged; 1 op per element"),
            kind("leaky_relu", "LeakyReLU", Category.ACTIVATION, LeakyReLU.class,
                    "shape unchanged; 1 op per element"),
            kind("tanh", "Tanh", Category.ACTIVATION, Tanh.class, "shape unchanged; 1 op per element"),
            kind("sigmoid", "Sigmoid", Category.ACTIVATION, Sigmoid.class, "shape unchanged; 1 op per element"),
            kind("relu6", "ReLU6", Category.ACTIVATION, ReLU6.class,
                    "min(max(x, 0), 6); shape unchanged; 1 op per element"),
            kind("silu", "SiLU", Category.ACTIVATION, SiLU.class,
                    "x * sigmoid(x) (swish); shape unchanged; 1 op per element"),
            kind("hardswish", "Hardswish", Category.ACTIVATION, Hardswish.class,
                    "x * relu6(x + 3) / 6; shape unchanged; 1 op per element"),
            kind("hardsigmoid", "Hardsigmoid", Category.ACTIVATION, Hardsigmoid.class,
                    "relu6(x + 3) / 6; shape unchanged; 1 op per element"),
            kind("softmax", "Softmax", Category.ACTIVATION, Softmax.class,
                    "over channels; shape unchanged; 1 op per element"),
            kind("dropout", "Dropout", Category.NORMALISATION, Dropout.class,
                    "shape unchanged; active only while training"),
            kind("batchnorm", "BatchNorm", Category.NORMALISATION, BatchNorm.class,
                    "shape unchanged; params = 2C; running stats = 2C; 1 op per element"),
            kind("lrn", "LocalResponseNorm", Category.NORMALISATION, LocalResponseNorm.class,
                    "shape unchanged; ops = size per element"),
            kind("concat", "Concat", Category.MERGE, Concat.class,
                    "joins channels: C = C1 + C2 + ...; H and W must match"),
            kind("add", "Add", Category.MERGE, Add.class, "element-wise sum of equal shapes"),
            kind("scale", "Scale", Category.MERGE, Scale.class,
                    "x (C x H x W) times s (C x 1 x 1), per channel"),
            kind("output", "Output", Category.OUTPUT, Output.class,
                    "class scores, trained with softmax cross-entropy"),
            kind("inception", "Inception", Category.BLOCKS, InceptionModule.class,
                    "concat of 1x1 | 1x1-3x3 | 1x1-5x5 | pool-1x1; C = #1x1 + #3x3 + #5x5 + pool proj"),
            kind("residual_basic", "Residual basic", Category.BLOCKS, BasicBlock.class,
                    "3x3-3x3 + shortcut; params ~ 9*C*(Cin + C)"),
            kind("residual_bottleneck", "Residual bottleneck", Category.BLOCKS, BottleneckBlock.class,
                    "1x1-3x3(groups)-1x1 + shortcut; the 1x1s cut the 3x3's MACs"),
            kind("squeeze_excitation", "Squeeze-excitation", Category.BLOCKS, SqueezeExcitation.class,
                    "x * sigmoid(fc(relu(fc(pool(x))))); params = 2*C*C/r + C/r + C"),
            kind("dense_block", "Dense block", Category.BLOCKS, DenseBlock.class,
                    "C_out = C_in + layers * growth"),
            kind("transition", "Transition", Category.BLOCKS, Transition.class,
                    "BN-ReLU-1x1 conv to compression*C, 2x2 avg pool: H/2"),
            kind("inverted_residual", "Inverted residual", Category.BLOCKS, InvertedResidual.class,
                    "1x1 expand (x t) - kxk depthwise - SE? - 1x1 linear project (+ x when stride 1, Cin = Cout);"
                            + " MobileNetV2 / MBConv"),
            kind("fire", "Fire", Category.BLOCKS, FireModule.class,
                    "1x1 squeeze (s) - ReLU, then 1x1 (e1) | 3x3 (e3) expand with ReLUs, joined: C = e1 + e3"),
            kind("stage", "Stage", Category.BLOCKS, Stage.class, "a block repeated N times; stride on the first"));

    private static final Map<String, LayerKind> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, LayerKind> BY_TYPE = new LinkedHashMap<>();

    static {
        for (LayerKind k : ALL) {
            BY_NAME.put(k.name(), k);
            BY_TYPE.put(k.type(), k);
        }
    }

    private LayerKinds() {
    }

    private static LayerKind kind(String name, String title, Category c, Class<? extends LayerSpec> t, String f) {
        return new LayerKind(name, title, c, f, t);
    }

    /** The kind with this file name, or null. */
    public static LayerKind named(String name) {
        return BY_NAME.get(name);
    }

    public static LayerKind of(Class<?> type) {
        LayerKind k = BY_TYPE.get(type);
        if (k == null) {
            throw new IllegalStateException(type.getName() + " is not registered in LayerKinds");
        }
        return k;
    }

    public static LayerKind of(LayerSpec spec) {
        return of(spec.getClass());
    }

    /** All kind names, for messages that list what is allowed. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
