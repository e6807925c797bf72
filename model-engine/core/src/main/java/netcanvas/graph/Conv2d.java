package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/** 2-D convolution, as torch.nn.Conv2d. */
@Kind(json = "conv2d", title = "Conv2d", category = Category.CONVOLUTION,
        formula = "H' = floor((H + 2p - d(k-1) - 1)/s) + 1; params = Cout*(Cin/g)*kh*kw (+Cout bias);"
                + " MACs = Cout*H'*W'*(Cin/g)*kh*kw")
public record Conv2d(
        @Param(label = "Out channels", defaultValue = "64", min = 1) int outChannels,
        @Param(label = "Kernel", defaultValue = "3x3", min = 1) Hw kernel,
        @Param(label = "Stride", defaultValue = "1x1", min = 1) Hw stride,
        @Param(label = "Padding", defaultValue = "0x0", help = "zero padding per side, or \"same\" (stride 1 only)")
        Padding padding,
        @Param(label = "Dilation", defaultValue = "1x1", min = 1) Hw dilation,
        @Param(label = "Groups", defaultValue = "1", min = 1,
                help = "in and out channels must both be divisible by groups") int groups,
        @Param(label = "Bias", defaultValue = "true") boolean bias) implements PrimitiveSpec, Strided {

    public Conv2d {
        ParamBounds.check(Conv2d.class, outChannels, kernel, stride, padding, dilation, groups, bias);
    }

    /** A square convolution with dilation 1 and one group. */
    public static Conv2d of(int outChannels, int kernel, int stride, int padding, boolean bias) {
        return new Conv2d(outChannels, Hw.of(kernel), Hw.of(stride), Padding.of(padding), Hw.of(1), 1, bias);
    }

    @Override
    public LayerSpec withUnitStride() {
        return new Conv2d(outChannels, kernel, Hw.of(1), padding, dilation, groups, bias);
    }

    public Conv2d withGroups(int g) {
        return new Conv2d(outChannels, kernel, stride, padding, dilation, g, bias);
    }

    public Conv2d withDilation(Hw d) {
        return new Conv2d(outChannels, kernel, stride, padding, d, groups, bias);
    }

    /** Effective padding per side on each axis (for "same": the smaller half, as PyTorch pads the rest at the end). */
    public Hw effectivePadding() {
        if (!padding.same()) {
            return new Hw(padding.h(), padding.w());
        }
        return new Hw(dilation.h() * (kernel.h() - 1) / 2, dilation.w() * (kernel.w() - 1) / 2);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) throws ShapeException {
        Shape in = inputs.get(0);
        ShapeRules.requireSpatial("Conv2d", in);
        if (in.channels() % groups != 0) {
            throw new ShapeException("input channels " + in.channels() + " are not divisible by groups " + groups
                    + ": choose groups that divide " + in.channels());
        }
        if (outChannels % groups != 0) {
            throw new ShapeException("out channels " + outChannels + " are not divisible by groups " + groups
                    + ": choose a multiple of " + groups);
        }
        if (padding.same()) {
            if (stride.h() != 1 || stride.w() != 1) {
                throw new ShapeException("padding \"same\" needs stride 1 (as in PyTorch): give explicit padding");
            }
            return Shape.chw(outChannels, in.height(), in.width());
        }
        long h = ShapeRules.slidingOutput(in.height(), kernel.h(), stride.h(), padding.h(), dilation.h(), false);
        long w = ShapeRules.slidingOutput(in.width(), kernel.w(), stride.w(), padding.w(), dilation.w(), false);
        if (h <= 0 || w <= 0) {
            throw new ShapeException("output would be " + h + "x" + w + ": the " + kernel + " kernel (dilation "
                    + dilation + ") does not fit the " + in.height() + "x" + in.width()
                    + " input; use a smaller kernel, more padding or a larger input");
        }
        return Shape.chw(outChannels, h, w);
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape out) {
        long inPerGroup = inputs.get(0).channels() / groups;
        long weightsPerFilter = Math.multiplyExact(inPerGroup, (long) kernel.h() * kernel.w());
        long weights = Math.multiplyExact(weightsPerFilter, outChannels);
        long params = Math.addExact(weights, bias ? outChannels : 0);
        long macs = Math.multiplyExact(out.elements(), weightsPerFilter);
        return new Cost(params, 0, macs, 0);
    }

    @Override
    public Window window(List<Shape> inputs) {
        return new Window((long) dilation.h() * (kernel.h() - 1) + 1, stride.h());
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape out) {
        Shape in = inputs.get(0);
        Explain.Terms t = Explain.terms().add(Figure.CHANNELS, "Cout", n(outChannels));
        if (padding.same()) {
            t.add(Figure.HEIGHT, "H (padding same)", n(in.height())).add(Figure.WIDTH, "W (padding same)",
                    n(in.width()));
        } else {
            t.add(Explain.sliding(Figure.HEIGHT, "H", in.height(), kernel.h(), stride.h(), padding.h(), dilation.h(),
                    false));
            t.add(Explain.sliding(Figure.WIDTH, "W", in.width(), kernel.w(), stride.w(), padding.w(), dilation.w(),
                    false));
        }
        Expr cin = groups == 1 ? n(in.channels()) : div(n(in.channels()), n(groups));
        String cinText = groups == 1 ? "Cin" : "Cin/g";
        Expr perFilter = group(mul(cin, n(kernel.h()), n(kernel.w())));
        String perText = "(" + cinText + " x kh x kw)";
        Expr weights = mul(n(outChannels), perFilter);
        t.add(Figure.PARAMS, "Cout x " + perText + (bias ? " + Cout" : ""),
                bias ? add(weights, n(outChannels)) : weights);
        t.add(Figure.MACS, "Cout x H' x W' x " + perText,
                mul(n(out.channels()), n(out.height()), n(out.width()), perFilter));
        return t.done();
    }

    @Override
    public String keyParams() {
        StringBuilder s = new StringBuilder().append(kernel).append(", ").append(outChannels);
        if (stride.h() != 1 || stride.w() != 1) {
            s.append(", /").append(stride.square() ? Integer.toString(stride.h()) : stride.toString());
        }
        if (groups != 1) {
            s.append(", g").append(groups);
        }
        if (dilation.h() != 1 || dilation.w() != 1) {
            s.append(", d").append(dilation.square() ? Integer.toString(dilation.h()) : dilation.toString());
        }
        return s.toString();
    }

    /**
     * One call forward and one backward ({@code conv2d_bp} computes both gradients), except for a grouped
     * convolution that is not depthwise (im2col and one batched product, with their reshapes and copies), a
     * depthwise one (its weights' reshape besides the native op) and for the first convolution of a network ({@code readsData}, stride 1, one group, no dilation): only its weight
     * gradient is computed, by NetCanvas's kernel ({@code ConvWeightGradient}): the input and the output gradient
     * copied onto the padded grid, one matrix product per kernel tap and one for the bias; each product reads the
     * whole grid again ({@link #firstConvolutionBytes}). A pointwise convolution ({@link #pointwise}) runs as matrix
     * products ({@code PointwiseConvolution}): forward the product (and, with a bias, the bias laid in every row
     * first), backward the input gradient's product (not on the data), the weight gradient's and the bias's column
     * sum.
     */
    @Override
    public TrainingWork trainingWork(List<Shape> inputs, Shape output, boolean readsData) {
        Shape in = inputs.get(0);
        TrainingWork work;
        if (pointwise()) {
            int b = bias ? 1 : 0;
            work = TrainingWork.standard(1 + b + (readsData ? 0 : 1) + 1 + b);
        } else if (groups > 1 && (in == null || groups != in.channels())) {
            // im2col and one batched product (SameDiffCompiler.grouped), whatever the groups: the permutes, the
            // columns, the weights' reshapes and per-image copies, the product and the output's permute forward,
            // their gradients backward, as the training step plans them (StepWorkTest counts them at 2 and 4 groups)
            work = TrainingWork.standard(23);
        } else if (weightGradientOnly(readsData)) {
            int taps = kernel.h() * kernel.w();
            Hw pad = effectivePadding();
            boolean padded = pad.h() > 0 || pad.w() > 0;
            boolean smaller = kernel.h() > 1 || kernel.w() > 1;
            work = TrainingWork.standard(1 + taps + (bias ? 1 : 0) + (padded ? 1 : 0) + (smaller ? 1 : 0))
                    .plusBytes(firstConvolutionBytes(in, output));
        } else if (in != null && groups > 1 && groups == in.channels()) {
            // depthwise: the native op forward and backward, the shape of the weights' reshape to ND4J's depthwise
            // layout (for the backward pass) and the weight gradient, a view of that reshape, copied into place
            work = TrainingWork.standard(4);
        } else {
            work = TrainingWork.standard(2);
        }
        if (groups == 1 && in != null) {
            // oneDNN's kernels compute channels in vectors; a network's first layer reads its few input channels
            // as they are (its kernels vectorise the output channels only)
            work = work.withVectors(readsData ? 0 : in.channels(), outChannels);
        }
        return work.withWeights(bias ? 2 : 1);
    }

    /**
     * Held for training: the output and its input's gradient; while its backward pass runs, oneDNN's copies in its
     * blocked layout, whose channels are padded to a vector of {@value #BLOCK} floats: the input, the output's
     * gradient for the input's gradient and again for the weights', and the input's gradient; 4 copies of the larger
     * of the input and output maps (an input of fewer than {@value #BLOCK} channels is read unpadded). Decision 0015:
     * libnd4j's own path, with the unfolded input and its gradient, is not the one run (counting those measured the
     * VGG-style net 25-36 % high). And its native kernel's state (oneDNN's primitives). A grouped convolution that
     * is not depthwise is lowered as graph values instead ({@code SameDiffCompiler.grouped}), all held by the
     * planning pass: the whole input unfolded (every channel), the weights repeated for each sample, the product
     * before its permute to channels-last, and the gradient of each; no conv2d, so no kernel state and no copies.
     * A pointwise convolution is matrix products ({@link #pointwise}): no copies and no kernel state either.
     */
    @Override
    public TrainingMemory trainingMemory(List<Shape> inputs, Shape output, boolean readsData) {
        Shape in = inputs.isEmpty() ? null : inputs.get(0);
        if (in == null || !output.spatial()) {
            return TrainingMemory.values(1, 0).withNativeKernel();
        }
        long taps = (long) kernel.h() * kernel.w();
        long pixels = (long) output.height() * output.width();
        if (groups > 1 && groups < in.channels()) {
            long columns = Math.multiplyExact(pixels, Math.multiplyExact(in.channels(), taps));
            long repeated = Math.multiplyExact(Math.multiplyExact(in.channels() / groups, taps), outChannels);
            return TrainingMemory.values(2, 1).plusValueBytes(Math.multiplyExact(columns + repeated, 4));
        }
        if (pointwise()) {
            // matrix products on the arrays as they lie (the training step's PointwiseConvolution): no blocked
            // copies and no oneDNN primitives
            return TrainingMemory.values(1, 0);
        }
        // oneDNN's first-layer kernels read an input of fewer channels than a block as it is, unpadded
        long inChannels = in.channels() < BLOCK ? in.channels() : blocked(in.channels());
        long inMap = Math.multiplyExact(inChannels, in.height() * in.width());
        long outMap = Math.multiplyExact(blocked(outChannels), pixels);
        return TrainingMemory.values(1, 0).withWorkspace(Math.multiplyExact(Math.max(inMap, outMap), 4L * 4))
                .withNativeKernel();
    }

    /**
     * Floats per channel block of oneDNN's layouts with AVX-512 (8 with AVX2: there the copies are smaller, so the
     * estimate errs high).
     */
    static final int BLOCK = 16;

    private static long blocked(long channels) {
        return (channels + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** A 1x1 kernel, stride 1, no padding, no dilation, one group: over NHWC activations, one matrix product. */
    public boolean pointwise() {
        Hw pad = effectivePadding();
        return kernel.h() == 1 && kernel.w() == 1 && stride.h() == 1 && stride.w() == 1 && pad.h() == 0
                && pad.w() == 0 && dilation.h() == 1 && dilation.w() == 1 && groups == 1;
    }

    /** Whether the training step computes only this convolution's weight gradient, by NetCanvas's kernel. */
    private boolean weightGradientOnly(boolean readsData) {
        return readsData && groups == 1 && stride.h() == 1 && stride.w() == 1 && dilation.h() == 1
                && dilation.w() == 1;
    }

    /**
     * Bytes per sample of the first convolution's weight gradient: each of the kernel's taps is a matrix product
     * reading the input and the output gradient laid on the padded grid (padded height x width x (input + output
     * channels) values), and the input and the gradient are first copied there.
     */
    private double firstConvolutionBytes(Shape in, Shape out) {
        if (in == null || !in.spatial() || out == null || !out.spatial()) {
            return 0;
        }
        Hw pad = effectivePadding();
        double grid = (double) (in.height() + 2L * pad.h()) * (in.width() + 2L * pad.w());
        double taps = (double) kernel.h() * kernel.w();
        double copies = 2.0 * in.elements() + 2.0 * out.elements();
        return 4 * (taps * grid * (in.channels() + out.channels()) + copies);
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
