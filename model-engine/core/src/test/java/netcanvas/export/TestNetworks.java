package netcanvas.export;

import java.util.LinkedHashMap;
import java.util.Map;
import netcanvas.graph.AdaptiveAvgPool;
import netcanvas.graph.Add;
import netcanvas.graph.AvgPool2d;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.ChannelShuffle;
import netcanvas.graph.ChannelSlice;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.Concat;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.DenseBlock;
import netcanvas.graph.Dropout;
import netcanvas.graph.Flatten;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.Hardsigmoid;
import netcanvas.graph.Hardswish;
import netcanvas.graph.Hw;
import netcanvas.graph.InceptionModule;
import netcanvas.graph.LeakyReLU;
import netcanvas.graph.LocalResponseNorm;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.Padding;
import netcanvas.graph.ReLU;
import netcanvas.graph.ReLU6;
import netcanvas.graph.Scale;
import netcanvas.graph.ShuffleNetV2Unit;
import netcanvas.graph.SiLU;
import netcanvas.graph.Sigmoid;
import netcanvas.graph.Softmax;
import netcanvas.graph.SqueezeExcitation;
import netcanvas.graph.Stage;
import netcanvas.graph.Tanh;
import netcanvas.graph.Transition;

/**
 * Networks built in code that together use every layer kind and block, for the export checks. The one home of the
 * tests' hand-built networks: the other engine modules and the app reach them through the core's test-jar.
 */
public final class TestNetworks {
    private TestNetworks() {
    }

    static Map<String, Network> all() {
        Map<String, Network> m = new LinkedHashMap<>();
        for (Network n : new Network[] {lenet5(), resnet50(), resnextStage(), inception(), denseNet(), seNet(),
                lrnGrouped(), preActivation(), corners(), twoHeads(), mobile(), shuffle()}) {
            m.put(n.name(), n);
        }
        return m;
    }

    /** LeNet-5 (LeCun et al., 1998) with max pooling and tanh: 61,706 parameters. */
    static Network lenet5() {
        return new NetBuilder("lenet5").input(1, 32, 32)
                .then("c1", Conv2d.of(6, 5, 1, 0, true)).then("tanh1", new Tanh())
                .then("s2", MaxPool2d.of(2, 2, 0, false))
                .then("c3", Conv2d.of(16, 5, 1, 0, true)).then("tanh2", new Tanh())
                .then("s4", MaxPool2d.of(2, 2, 0, false))
                .then("f5", new Dense(120, true)).then("tanh3", new Tanh())
                .then("f6", new Dense(84, true)).then("tanh4", new Tanh())
                .then("f7", new Dense(10, true)).then("output", new Output()).build();
    }

    /** torchvision's resnet50 (v1.5: the stride on the 3x3): 25,557,032 parameters. */
    public static Network resnet50() {
        NetBuilder b = new NetBuilder("resnet50").input(3, 224, 224)
                .then("conv1", Conv2d.of(64, 7, 2, 3, false)).then("bn1", BatchNorm.standard())
                .then("relu", new ReLU()).then("maxpool", MaxPool2d.of(3, 2, 1, false));
        int[] reps = {3, 4, 6, 3};
        int[] widths = {64, 128, 256, 512};
        for (int i = 0; i < 4; i++) {
            b.then("layer" + (i + 1), new Stage(reps[i],
                    new BottleneckBlock(widths[i], widths[i] * 4, i == 0 ? 1 : 2, 1, false, 0)));
        }
        return b.then("avgpool", new GlobalAvgPool()).then("fc", new Dense(1000, true)).then("out", new Output())
                .build();
    }

    /** A ResNeXt-style stage (32 groups of width 4 per group) on a small input. */
    static Network resnextStage() {
        return new NetBuilder("resnext_stage").input(3, 64, 64)
                .then("stem", Conv2d.of(64, 3, 2, 1, false)).then("stem_bn", BatchNorm.standard())
                .then("stem_relu", new ReLU())
                .then("layer1", new Stage(3, new BottleneckBlock(128, 256, 1, 32, false, 0)))
                .then("layer2", new Stage(2, new BottleneckBlock(256, 512, 2, 32, false, 0)))
                .then("pool", new GlobalAvgPool()).then("fc", new Dense(10, true)).then("out", new Output())
                .build();
    }

    /** GoogLeNet's stem, inception 3a and 3b (plain and batch-norm variant), then an auxiliary-style head. */
    static Network inception() {
        return new NetBuilder("inception_net").input(3, 96, 96)
                .then("conv1", Conv2d.of(64, 7, 2, 3, true)).then("relu1", new ReLU())
                .then("pool1", MaxPool2d.of(3, 2, 0, true))
                .then("inception3a", new InceptionModule(64, 96, 128, 16, 32, 32, false))
                .then("inception3b", new InceptionModule(128, 128, 192, 32, 96, 64, true))
                .then("pool2", MaxPool2d.of(3, 2, 0, true))
                .then("inception4a", new InceptionModule(192, 96, 208, 16, 48, 64, false))
                .then("avg", new AvgPool2d(Hw.of(5), Hw.of(3), Hw.of(0), false, true))
                .then("proj", Conv2d.of(128, 1, 1, 0, true)).then("proj_relu", new ReLU())
                .then("fc1", new Dense(256, true)).then("drop", new Dropout(0.7))
                .then("fc2", new Dense(10, true)).then("out", new Output()).build();
    }

    /** DenseNet-121's stem and first dense block and transition, then a second block. */
    static Network denseNet() {
        return new NetBuilder("densenet_part").input(3, 64, 64)
                .then("conv0", Conv2d.of(64, 7, 2, 3, false)).then("norm0", BatchNorm.standard())
                .then("relu0", new ReLU()).then("pool0", MaxPool2d.of(3, 2, 1, false))
                .then("denseblock1", new DenseBlock(6, 32, 4)).then("transition1", new Transition(0.5))
                .then("denseblock2", new DenseBlock(3, 12, 4)).then("transition2", new Transition(0.7))
                .then("norm5", BatchNorm.standard()).then("relu5", new ReLU())
                .then("pool", new AdaptiveAvgPool(new Hw(2, 3))).then("flat", new Flatten())
                .then("fc", new Dense(10, true)).then("out", new Output()).build();
    }

    /** SE-ResNet basic blocks, a standalone squeeze-excitation block and an SE bottleneck. */
    static Network seNet() {
        return new NetBuilder("se_net").input(3, 32, 32)
                .then("conv1", Conv2d.of(32, 3, 1, 1, false)).then("bn1", BatchNorm.standard())
                .then("relu1", new ReLU())
                .then("layer1", new Stage(2, new BasicBlock(32, 1, false, 8)))
                .then("layer2", new Stage(2, new BasicBlock(64, 2, false, 16)))
                .then("se", new SqueezeExcitation(4))
                .then("block3", new BottleneckBlock(32, 128, 2, 4, false, 16))
                .then("pool", new GlobalAvgPool()).then("out", new Output()).build();
    }

    /**
     * AlexNet-style LRN and grouped convolutions, with every non-default setting: dilation, padding "same", ceil-mode
     * pooling with padding, average pooling without padded zeros, BN epsilon and momentum, leaky slope, dropout,
     * and explicit Concat, Add and Softmax.
     */
    static Network lrnGrouped() {
        NetBuilder b = new NetBuilder("lrn_grouped").input(3, 67, 67)
                .then("conv1", new Conv2d(48, new Hw(11, 9), new Hw(4, 3), Padding.of(2, 1), Hw.of(1), 1, true))
                .then("relu1", new ReLU()).then("lrn1", new LocalResponseNorm(3, 2e-4, 0.7, 2.0))
                .then("pool1", new MaxPool2d(Hw.of(3), Hw.of(2), Hw.of(1), true))
                .then("conv2", new Conv2d(64, Hw.of(5), Hw.of(1), Padding.SAME, Hw.of(1), 4, true))
                .then("bn2", new BatchNorm(1e-3, 0.01)).then("leaky2", new LeakyReLU(0.2));
        b.add("dil", new Conv2d(64, Hw.of(3), Hw.of(1), Padding.SAME, Hw.of(2), 2, false), "leaky2");
        b.add("even", new Conv2d(32, new Hw(4, 2), Hw.of(1), Padding.SAME, Hw.of(1), 1, true), "leaky2");
        b.add("sum", new Add(), "dil", "leaky2");
        b.add("cat", new Concat(), "sum", "even");
        b.then("pool2", new AvgPool2d(Hw.of(3), Hw.of(2), Hw.of(1), true, false))
                .then("sig", new Sigmoid())
                .then("fc", new Dense(20, false)).then("drop", new Dropout(0.3))
                .then("bn_fc", new BatchNorm(2e-5, 0.2)).then("soft", new Softmax()).then("out", new Output());
        return b.build();
    }

    /**
     * Corners of the lowering: ids Python cannot use as names, a stage of stages, a stage of Dense layers fed a
     * C x H x W tensor (flattened inside its nn.Sequential), x + x, Scale by a flat vector, and an Output fed C x 1 x 1.
     */
    static Network corners() {
        NetBuilder b = new NetBuilder("corner cases").input(2, 12, 10)
                .then("conv-1", Conv2d.of(4, 3, 1, 1, true))
                .then("class", new Stage(2, new Stage(2, Conv2d.of(4, 3, 1, 1, false))))
                .then("training", new ReLU());
        b.add("1st", new Add(), "training", "training");
        b.add("gate", new Stage(2, new Dense(4, true)), "1st");
        b.add("forward", new Scale(), "1st", "gate");
        return b.then("gap", new GlobalAvgPool()).then("out.put", new Output()).build();
    }

    /** No Output layer: forward() returns both unused results. */
    static Network twoHeads() {
        NetBuilder b = new NetBuilder("two heads").input(3, 16, 16).then("conv", Conv2d.of(8, 3, 2, 1, true));
        b.add("left", new GlobalAvgPool(), "conv");
        b.add("right", new Dense(5, true), "conv");
        return b.build();
    }

    /** Pre-activation (ResNet v2) blocks with projections, basic and bottleneck. */
    static Network preActivation() {
        return new NetBuilder("preact").input(3, 40, 40)
                .then("conv1", Conv2d.of(16, 3, 1, 1, false))
                .then("layer1", new Stage(2, new BasicBlock(32, 2, true, 0)))
                .then("layer2", new Stage(2, new BottleneckBlock(16, 64, 2, 2, true, 4)))
                .then("pool", new GlobalAvgPool()).then("fc", new Dense(10, true)).then("out", new Output())
                .build();
    }

    /**
     * MobileNet-style activations: a ReLU6 stem (v2), a depthwise convolution with Hardswish and a squeeze-excitation
     * gated by Hardsigmoid wired by hand (v3), and a SiLU head (EfficientNet).
     */
    static Network mobile() {
        NetBuilder b = new NetBuilder("mobile").input(3, 32, 32)
                .then("stem", Conv2d.of(16, 3, 2, 1, false)).then("stem_bn", BatchNorm.standard())
                .then("relu6", new ReLU6())
                .then("dw", new Conv2d(16, Hw.of(3), Hw.of(1), Padding.of(1), Hw.of(1), 16, false))
                .then("dw_bn", BatchNorm.standard()).then("hswish", new Hardswish());
        b.add("se_pool", new GlobalAvgPool(), "hswish").then("se_fc1", Conv2d.of(4, 1, 1, 0, true))
                .then("se_relu", new ReLU()).then("se_fc2", Conv2d.of(16, 1, 1, 0, true))
                .then("hsigmoid", new Hardsigmoid());
        b.add("se_scale", new Scale(), "hswish", "hsigmoid");
        return b.then("pw", Conv2d.of(32, 1, 1, 0, false)).then("pw_bn", BatchNorm.standard())
                .then("silu", new SiLU()).then("pool", new GlobalAvgPool()).then("fc", new Dense(10, true))
                .then("out", new Output()).build();
    }

    /**
     * ShuffleNet v2's two units as blocks (a stage: down-sampling, then basic), a split wired by hand from two
     * ChannelSlices joined the other way round, a shuffle in 4 groups, and a shuffle of a feature vector.
     */
    static Network shuffle() {
        NetBuilder b = new NetBuilder("shuffle").input(3, 32, 32)
                .then("stem", Conv2d.of(24, 3, 2, 1, false)).then("stem_bn", BatchNorm.standard())
                .then("stem_relu", new ReLU()).then("stage", new Stage(2, new ShuffleNetV2Unit(48, 2)));
        b.add("lo", new ChannelSlice(0, 24), "stage").add("hi", new ChannelSlice(24, 24), "stage")
                .then("hi_conv", Conv2d.of(24, 1, 1, 0, true)).add("join", new Concat(), "hi_conv", "lo")
                .then("shuffle4", new ChannelShuffle(4));
        return b.then("pool", new GlobalAvgPool()).then("flat", new Flatten()).then("fc1", new Dense(12, true))
                .then("shuffle_fc", new ChannelShuffle(3)).then("fc", new Dense(10, true)).then("out", new Output())
                .build();
    }
}
