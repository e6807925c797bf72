package netcanvas.graph;

import java.util.List;

/** Average pooling, as torch.nn.AvgPool2d. */
@Kind(json = "avgpool2d", title = "AvgPool2d", category = Category.POOLING,
        formula = "H' = floor((H + 2p - k)/s) + 1 (ceil in ceil mode); ops = k*k per output")
public record AvgPool2d(
        @Param(label = "Kernel", defaultValue = "2x2", min = 1) Hw kernel,
        @Param(label = "Stride", defaultValue = "=kernel", min = 1,
                help = "as PyTorch: the kernel size when not given") Hw stride,
        @Param(label = "Padding", defaultValue = "0x0", help = "at most half the kernel") Hw padding,
        @Param(label = "Ceil mode", defaultValue = "false",
                help = "round the output size up instead of down") boolean ceilMode,
        @Param(label = "Count padding", defaultValue = "true",
                help = "padded zeros count in the average (PyTorch's default)") boolean countIncludePad)
        implements Pooling, Strided {

    public AvgPool2d {
        ParamBounds.check(AvgPool2d.class, kernel, stride, padding, ceilMode, countIncludePad);
    }

    @Override
    public LayerSpec withUnitStride() {
        return new AvgPool2d(kernel, Hw.of(1), padding, ceilMode, countIncludePad);
    }

    public static AvgPool2d of(int kernel, int stride, int padding) {
        return new AvgPool2d(Hw.of(kernel), Hw.of(stride), Hw.of(padding), false, true);
    }

    @Override
    public String title() {
        return "AvgPool2d";
    }

    /**
     * As any pooling; a padded average is also rescaled to PyTorch's divisor per output (a product forward, its
     * gradient backward).
     */
    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        Shape in = inputs.get(0);
        boolean padded = in != null && padsInput(in, output);
        return TrainingWork.standard(2 + (padded ? TrainingWork.PAD_CALLS + 2 : 0));
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
