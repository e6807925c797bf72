package netcanvas.graph;

/** Max pooling, as torch.nn.MaxPool2d. */
@Kind(json = "maxpool2d", title = "MaxPool2d", category = Category.POOLING,
        formula = "H' = floor((H + 2p - k)/s) + 1 (ceil in ceil mode); ops = k*k per output")
public record MaxPool2d(
        @Param(label = "Kernel", defaultValue = "2x2", min = 1) Hw kernel,
        @Param(label = "Stride", defaultValue = "=kernel", min = 1,
                help = "as PyTorch: the kernel size when not given") Hw stride,
        @Param(label = "Padding", defaultValue = "0x0", help = "at most half the kernel") Hw padding,
        @Param(label = "Ceil mode", defaultValue = "false",
                help = "round the output size up instead of down") boolean ceilMode) implements Pooling, Strided {

    public MaxPool2d {
        ParamBounds.check(MaxPool2d.class, kernel, stride, padding, ceilMode);
    }

    @Override
    public LayerSpec withUnitStride() {
        return new MaxPool2d(kernel, Hw.of(1), padding, ceilMode);
    }

    public static MaxPool2d of(int kernel, int stride, int padding, boolean ceilMode) {
        return new MaxPool2d(Hw.of(kernel), Hw.of(stride), Hw.of(padding), ceilMode);
    }

    @Override
    public String title() {
        return "MaxPool2d";
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
