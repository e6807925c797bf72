package netcanvas.graph;

/**
 * One method per primitive kind. Lowerings to engines (SameDiff, PyTorch) implement it, so adding a kind fails to
 * compile until every lowering handles it.
 */
public interface PrimitiveVisitor<R> {
    R visit(Input l);

    R visit(Conv2d l);

    R visit(MaxPool2d l);

    R visit(AvgPool2d l);

    R visit(GlobalAvgPool l);

    R visit(AdaptiveAvgPool l);

    R visit(Flatten l);

    R visit(Dense l);

    R visit(ReLU l);

    R visit(LeakyReLU l);

    R visit(Tanh l);

    R visit(Sigmoid l);

    R visit(ReLU6 l);

    R visit(SiLU l);

    R visit(Hardswish l);

    R visit(Hardsigmoid l);

    R visit(Softmax l);

    R visit(Dropout l);

    R visit(BatchNorm l);

    R visit(LocalResponseNorm l);

    R visit(Concat l);

    R visit(Add l);

    R visit(Scale l);

    R visit(ChannelShuffle l);

    R visit(ChannelSlice l);

    R visit(Output l);
}
