package netcanvas.export;

import java.util.List;
import netcanvas.graph.AdaptiveAvgPool;
import netcanvas.graph.Add;
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
import netcanvas.graph.Hardsigmoid;
import netcanvas.graph.Hardswish;
import netcanvas.graph.Hw;
import netcanvas.graph.Input;
import netcanvas.graph.LeakyReLU;
import netcanvas.graph.LocalResponseNorm;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.Output;
import netcanvas.graph.Pooling;
import netcanvas.graph.PrimitiveVisitor;
import netcanvas.graph.ReLU;
import netcanvas.graph.ReLU6;
import netcanvas.graph.Scale;
import netcanvas.graph.Shape;
import netcanvas.graph.SiLU;
import netcanvas.graph.Sigmoid;
import netcanvas.graph.Softmax;
import netcanvas.graph.Tanh;

/**
 * The PyTorch module for each primitive layer, given its input shapes. Every hyper-parameter is written out where it
 * differs from PyTorch's default, so the module computes exactly what the analysis describes.
 */
final class TorchModules implements PrimitiveVisitor<PyCall> {

    /** PyTorch's BatchNorm defaults; written only when the design differs. */
    private static final double TORCH_BN_EPS = 1e-5;
    private static final double TORCH_BN_MOMENTUM = 0.1;

    private final List<Shape> inputs;

    TorchModules(List<Shape> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    private Shape in() {
        return inputs.get(0);
    }

    /** The input is the argument of forward(), not a module. */
    @Override
    public PyCall visit(Input l) {
        return null;
    }

    @Override
    public PyCall visit(Conv2d l) {
        PyCall.Builder b = PyCall.of("nn.Conv2d").pos("in_channels", (int) in().channels())
                .pos("out_channels", l.outChannels());
        pair(b, "kernel_size", l.kernel());
        pair(b, "stride", l.stride());
        if (l.padding().same()) {
            b.kwLiteral("padding", "\"same\"");
        } else {
            pair(b, "padding", new Hw(l.padding().h(), l.padding().w()));
        }
        if (!l.dilation().equals(Hw.of(1))) {
            pair(b, "dilation", l.dilation());
        }
        if (l.groups() != 1) {
            b.kw("groups", l.groups());
        }
        if (!l.bias()) {
            b.kwLiteral("bias", "False");
        }
        return b.build();
    }

    @Override
    public PyCall visit(MaxPool2d l) {
        return pooling("nn.MaxPool2d", l).build();
    }

    @Override
    public PyCall visit(AvgPool2d l) {
        PyCall.Builder b = pooling("nn.AvgPool2d", l);
        if (!l.countIncludePad()) {
            b.kwLiteral("count_include_pad", "False");
        }
        return b.build();
    }

    /** The arguments max and average pooling share, as the graph's Pooling interface shares their rules. */
    private static PyCall.Builder pooling(String module, Pooling l) {
        PyCall.Builder b = PyCall.of(module);
        pair(b, "kernel_size", l.kernel());
        pair(b, "stride", l.stride());
        pair(b, "padding", l.padding());
        if (l.ceilMode()) {
            b.kwLiteral("ceil_mode", "True");
        }
        return b;
    }

    @Override
    public PyCall visit(GlobalAvgPool l) {
        return PyCall.of("nn.AdaptiveAvgPool2d").posLiteral("1").build();
    }

    @Override
    public PyCall visit(AdaptiveAvgPool l) {
        Hw s = l.outputSize();
        return PyCall.of("nn.AdaptiveAvgPool2d").posLiteral(s.square() ? Integer.toString(s.h()) : tuple(s)).build();
    }

    @Override
    public PyCall visit(Flatten l) {
        return PyCall.of("nn.Flatten").build();
    }

    /** nn.Linear over the flattened input; forward() flattens a C x H x W input first. */
    @Override
    public PyCall visit(Dense l) {
        PyCall.Builder b = PyCall.of("nn.Linear").pos("in_features", (int) in().elements())
                .pos("out_features", l.units());
        if (!l.bias()) {
            b.kwLiteral("bias", "False");
        }
        return b.build();
    }

    @Override
    public PyCall visit(ReLU l) {
        return PyCall.of("nn.ReLU").build();
    }

    @Override
    public PyCall visit(LeakyReLU l) {
        return PyCall.of("nn.LeakyReLU").kwLiteral("negative_slope", PyText.number(l.slope())).build();
    }

    @Override
    public PyCall visit(Tanh l) {
        return PyCall.of("nn.Tanh").build();
    }

    @Override
    public PyCall visit(Sigmoid l) {
        return PyCall.of("nn.Sigmoid").build();
    }

    @Override
    public PyCall visit(ReLU6 l) {
        return PyCall.of("nn.ReLU6").build();
    }

    @Override
    public PyCall visit(SiLU l) {
        return PyCall.of("nn.SiLU").build();
    }

    @Override
    public PyCall visit(Hardswish l) {
        return PyCall.of("nn.Hardswish").build();
    }

    @Override
    public PyCall visit(Hardsigmoid l) {
        return PyCall.of("nn.Hardsigmoid").build();
    }

    @Override
    public PyCall visit(Softmax l) {
        return PyCall.of("nn.Softmax").kwLiteral("dim", "1").build();
    }

    @Override
    public PyCall visit(Dropout l) {
        return PyCall.of("nn.Dropout").kwLiteral("p", PyText.number(l.p())).build();
    }

    /** BatchNorm2d on a C x H x W input, BatchNorm1d on a feature vector. */
    @Override
    public PyCall visit(BatchNorm l) {
        PyCall.Builder b = PyCall.of(in().spatial() ? "nn.BatchNorm2d" : "nn.BatchNorm1d")
                .pos("num_features", (int) in().channels());
        if (l.eps() != TORCH_BN_EPS) {
            b.kwLiteral("eps", PyText.number(l.eps()));
        }
        if (l.momentum() != TORCH_BN_MOMENTUM) {
            b.kwLiteral("momentum", PyText.number(l.momentum()));
        }
        return b.build();
    }

    @Override
    public PyCall visit(LocalResponseNorm l) {
        return PyCall.of("nn.LocalResponseNorm").pos("size", l.size()).kwLiteral("alpha", PyText.number(l.alpha()))
                .kwLiteral("beta", PyText.number(l.beta())).kwLiteral("k", PyText.number(l.k())).build();
    }

    @Override
    public PyCall visit(Concat l) {
        return PyCall.of(Helpers.CONCAT).build();
    }

    @Override
    public PyCall visit(Add l) {
        return PyCall.of(Helpers.ADD).build();
    }

    @Override
    public PyCall visit(Scale l) {
        return PyCall.of(Helpers.SCALE).build();
    }

    @Override
    public PyCall visit(ChannelShuffle l) {
        return PyCall.of(Helpers.CHANNEL_SHUFFLE).pos("groups", l.groups()).build();
    }

    @Override
    public PyCall visit(ChannelSlice l) {
        return PyCall.of(Helpers.CHANNEL_SLICE).pos("start", l.start()).pos("count", l.count()).build();
    }

    /** The logits: a C x 1 x 1 input is flattened to C scores; the loss (softmax cross-entropy) is in training. */
    @Override
    public PyCall visit(Output l) {
        return PyCall.of(in().spatial() ? "nn.Flatten" : "nn.Identity").build();
    }

    /** A square pair as one integer slot (positional for kernel_size), else a literal tuple. */
    private static void pair(PyCall.Builder b, String keyword, Hw v) {
        if (v.square()) {
            b.kw(keyword, v.h());
        } else {
            b.kwLiteral(keyword, tuple(v));
        }
    }

    private static String tuple(Hw v) {
        return "(" + v.h() + ", " + v.w() + ")";
    }
}
