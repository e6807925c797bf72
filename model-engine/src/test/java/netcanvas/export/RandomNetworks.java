package netcanvas.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import netcanvas.graph.AdaptiveAvgPool;
import netcanvas.graph.Add;
import netcanvas.graph.AvgPool2d;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.ChannelShuffle;
import netcanvas.graph.ChannelSlice;
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
import netcanvas.graph.FireModule;
import netcanvas.graph.InceptionModule;
import netcanvas.graph.InceptionV3A;
import netcanvas.graph.InceptionV3B;
import netcanvas.graph.InceptionV3C;
import netcanvas.graph.InceptionV3D;
import netcanvas.graph.InceptionV3E;
import netcanvas.graph.InvertedResidual;
import netcanvas.graph.LayerSpec;
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
 * Random small networks for the differential check: random kernels, strides, paddings (including "same"),
 * dilations, groups, ceil-mode pooling with padding, average pooling with and without padded zeros, branches joined
 * by Concat and Add, squeeze-excitation (as a block and wired by hand with Scale), channel shuffles and slices
 * (alone and as ShuffleNet v2's split), every block kind, and dense heads.
 * Many come out invalid (a window that does not fit, channels that groups do not divide, branches whose sizes
 * differ); the check keeps only those the analysis accepts.
 */
final class RandomNetworks {
    private final Random r;
    private NetBuilder b;
    private int counter;

    RandomNetworks(long seed) {
        this.r = new Random(seed);
    }

    Network next(String name) {
        b = new NetBuilder(name);
        counter = 0;
        b.input(pick(1, 2, 3, 4, 8), 6 + r.nextInt(30), 6 + r.nextInt(30));
        String x = "input";
        int steps = 2 + r.nextInt(7);
        for (int i = 0; i < steps; i++) {
            x = step(x);
        }
        head(x);
        return b.build();
    }

    private String step(String x) {
        int k = r.nextInt(100);
        if (k < 28) {
            return add("conv", conv(), x);
        } else if (k < 38) {
            return add("maxpool", maxPool(), x);
        } else if (k < 46) {
            return add("avgpool", avgPool(), x);
        } else if (k < 58) {
            return add("act", activation(), x);
        } else if (k < 63) {
            return add("bn", new BatchNorm(pick(1e-5, 1e-3, 2e-4), pick(0.1, 0.01, 0.3)), x);
        } else if (k < 66) {
            return add("lrn", new LocalResponseNorm(1 + r.nextInt(5), pick(1e-4, 2e-5), pick(0.75, 0.5), pick(1.0, 2.0)),
                    x);
        } else if (k < 74) {
            return branches(x);
        } else if (k < 78) {
            return handSe(x);
        } else if (k < 84) {
            return channels(x);
        } else {
            return add("block", block(), x);
        }
    }

    /** Two or three branches from x, joined by Concat or (equal shapes wanted) Add. */
    private String branches(String x) {
        boolean sum = r.nextBoolean();
        int n = 2 + r.nextInt(2);
        int channels = pick(4, 6, 8);
        int stride = r.nextInt(4) == 0 ? 2 : 1;
        List<String> ends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int kernel = pick(1, 3, 5);
            LayerSpec spec = r.nextInt(4) == 0
                    ? new MaxPool2d(Hw.of(3), Hw.of(stride), Hw.of(1), r.nextBoolean())
                    : new Conv2d(sum || r.nextBoolean() ? channels : pick(2, 4, 6), Hw.of(kernel), Hw.of(stride),
                            Padding.of(kernel / 2), Hw.of(1), 1, r.nextBoolean());
            String e = add("branch", spec, x);
            if (r.nextBoolean()) {
                e = add("act", new ReLU(), e);
            }
            ends.add(e);
        }
        if (r.nextInt(5) == 0) {
            ends.add(x); // an identity branch
        }
        return add(sum ? "add" : "concat", sum ? new Add() : new Concat(), ends.toArray(String[]::new));
    }

    /**
     * A channel shuffle, one slice, or ShuffleNet v2's split wired by hand: two slices of c/2 channels (valid only
     * when x has c), one through a 1x1 convolution, joined in either order and shuffled.
     */
    private String channels(String x) {
        switch (r.nextInt(3)) {
            case 0 -> {
                return add("shuffle", new ChannelShuffle(pick(1, 2, 3, 4)), x);
            }
            case 1 -> {
                return add("slice", new ChannelSlice(r.nextInt(4), 1 + r.nextInt(6)), x);
            }
            default -> {
                int half = pick(2, 4, 8);
                String a = add("slice", new ChannelSlice(0, half), x);
                String b2 = add("slice", new ChannelSlice(half, half), x);
                b2 = add("conv", Conv2d.of(half, 1, 1, 0, r.nextBoolean()), b2);
                String j = r.nextBoolean() ? add("concat", new Concat(), a, b2)
                        : add("concat", new Concat(), b2, a);
                return add("shuffle", new ChannelShuffle(2), j);
            }
        }
    }

    /** Squeeze-excitation wired from primitives: x * sigmoid(conv(relu(conv(gap(x))))). */
    private String handSe(String x) {
        int c = pick(4, 8, 16);
        String g = add("gap", new GlobalAvgPool(), x);
        g = add("squeeze", Conv2d.of(pick(1, 2, 4), 1, 1, 0, true), g);
        g = add("act", new ReLU(), g);
        g = add("excite", Conv2d.of(c, 1, 1, 0, r.nextBoolean()), g);
        g = add("gate", new Sigmoid(), g);
        return add("scale", new Scale(), x, g); // valid only when x has c channels
    }

    private LayerSpec block() {
        int c = pick(4, 8, 16);
        return switch (r.nextInt(12)) {
            case 0 -> new BasicBlock(c, 1 + r.nextInt(2), r.nextBoolean(), pick(0, 0, 2, 4));
            case 1 -> new BottleneckBlock(pick(4, 8), c, 1 + r.nextInt(2), pick(1, 2, 4), r.nextBoolean(),
                    pick(0, 2));
            case 2 -> new SqueezeExcitation(pick(1, 2, 4, 16));
            case 3 -> new InceptionModule(pick(2, 4), 2, pick(2, 4), 2, pick(2, 4), pick(2, 3), r.nextBoolean());
            case 4 -> new DenseBlock(1 + r.nextInt(3), pick(2, 4), pick(1, 2));
            case 5 -> new Transition(pick(0.5, 0.7, 1.0));
            case 6 -> new Stage(1 + r.nextInt(3), new BasicBlock(c, 1 + r.nextInt(2), false, 0));
            case 7 -> new InvertedResidual(pick(1, 2, 6), c, 1 + r.nextInt(2), pick(1, 3, 5), pick(0, 0, 2),
                    InvertedResidual.ACTIVATIONS.get(r.nextInt(InvertedResidual.ACTIVATIONS.size())));
            case 8 -> new FireModule(pick(2, 4), pick(2, 4, 8), pick(2, 4, 8));
            // a basic unit (stride 1) fits only an input of c channels; a down-sampling one (first in a stage) any
            case 9 -> r.nextInt(3) == 0 ? new ShuffleNetV2Unit(c, 1)
                    : r.nextBoolean() ? new ShuffleNetV2Unit(c, 2)
                    : new Stage(1 + r.nextInt(3), new ShuffleNetV2Unit(c, 2));
            case 10 -> switch (r.nextInt(5)) {
                case 0 -> new InceptionV3A(pick(2, 8));
                case 1 -> new InceptionV3B();
                case 2 -> new InceptionV3C(pick(2, 8));
                case 3 -> new InceptionV3D();
                default -> new InceptionV3E();
            };
            default -> new Stage(1 + r.nextInt(3), r.nextBoolean() ? conv() : new SqueezeExcitation(2));
        };
    }

    private Conv2d conv() {
        Hw kernel = r.nextInt(4) == 0 ? new Hw(1 + r.nextInt(5), 1 + r.nextInt(5)) : Hw.of(1 + r.nextInt(5));
        Hw stride = r.nextInt(3) == 0 ? Hw.of(1) : r.nextInt(4) == 0 ? new Hw(1 + r.nextInt(3), 1 + r.nextInt(3))
                : Hw.of(1 + r.nextInt(3));
        Hw dilation = r.nextInt(4) == 0 ? Hw.of(1 + r.nextInt(3)) : Hw.of(1);
        Padding padding = r.nextInt(4) == 0 ? Padding.SAME
                : r.nextInt(4) == 0 ? Padding.of(r.nextInt(4), r.nextInt(4)) : Padding.of(r.nextInt(4));
        int groups = pick(1, 1, 1, 2, 3, 4);
        int out = pick(2, 4, 6, 8, 12, 16);
        return new Conv2d(out, kernel, stride, padding, dilation, groups, r.nextBoolean());
    }

    private MaxPool2d maxPool() {
        Hw kernel = r.nextInt(4) == 0 ? new Hw(1 + r.nextInt(4), 1 + r.nextInt(4)) : Hw.of(1 + r.nextInt(4));
        return new MaxPool2d(kernel, Hw.of(1 + r.nextInt(3)), new Hw(r.nextInt(kernel.h() / 2 + 1),
                r.nextInt(kernel.w() / 2 + 1)), r.nextBoolean());
    }

    private AvgPool2d avgPool() {
        Hw kernel = r.nextInt(4) == 0 ? new Hw(1 + r.nextInt(4), 1 + r.nextInt(4)) : Hw.of(1 + r.nextInt(4));
        return new AvgPool2d(kernel, new Hw(1 + r.nextInt(3), 1 + r.nextInt(3)),
                Hw.of(r.nextInt(Math.min(kernel.h(), kernel.w()) / 2 + 1)), r.nextBoolean(), r.nextBoolean());
    }

    private LayerSpec activation() {
        return switch (r.nextInt(10)) {
            case 0 -> new ReLU();
            case 1 -> new LeakyReLU(pick(0.01, 0.2));
            case 2 -> new Tanh();
            case 3 -> new Sigmoid();
            case 4 -> new Dropout(pick(0.1, 0.5));
            case 5 -> new ReLU6();
            case 6 -> new SiLU();
            case 7 -> new Hardswish();
            case 8 -> new Hardsigmoid();
            default -> new Softmax();
        };
    }

    /** Global pooling, adaptive pooling or flatten, optional dense layers, then the Output. */
    private void head(String x) {
        switch (r.nextInt(4)) {
            case 0 -> x = add("gap", new GlobalAvgPool(), x);
            case 1 -> x = add("adaptive", new AdaptiveAvgPool(new Hw(1 + r.nextInt(3), 1 + r.nextInt(3))), x);
            case 2 -> x = add("flatten", new Flatten(), x);
            default -> {
            }
        }
        int dense = r.nextInt(3);
        for (int i = 0; i < dense; i++) {
            x = add("dense", new Dense(pick(5, 16, 32), r.nextBoolean()), x);
            if (r.nextBoolean()) {
                x = add("bn", BatchNorm.standard(), x);
            }
            if (r.nextBoolean()) {
                x = add("act", activation(), x);
            }
        }
        add("output", new Output(), x);
    }

    private String add(String kind, LayerSpec spec, String... inputs) {
        String id = kind + (++counter);
        b.add(id, spec, inputs);
        return id;
    }

    private int pick(int... values) {
        return values[r.nextInt(values.length)];
    }

    private double pick(double... values) {
        return values[r.nextInt(values.length)];
    }
}
