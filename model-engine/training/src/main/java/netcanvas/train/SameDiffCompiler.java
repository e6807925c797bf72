package netcanvas.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.LayerResult;
import netcanvas.analysis.TrainingShape;
import netcanvas.graph.*;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.random.custom.DistributionUniform;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Lowers an expanded network (the analysis' primitive layers, in topological order) to a SameDiff graph, one
 * lowering per primitive kind. The input placeholder is N x C x H x W, as the datasets give it; inside, feature maps
 * are N x H x W x C (NHWC): oneDNN's convolutions ran 11 % faster there and libnd4j's batch-norm and per-channel
 * broadcasts 2-5x faster (64x32x32x16: {@code batchnorm} 0.22 against 0.87 ms). Flattening goes back to PyTorch's
 * C, H, W order, so dense weights mean what they mean in PyTorch. Everything follows PyTorch's definitions: output sizes of padded and ceil-mode pooling,
 * average-pool divisors, "same" padding that pads the extra row at the end, LRN's window and scaling, batch norm.
 */
public final class SameDiffCompiler implements PrimitiveVisitor<SDVariable> {

    private final SameDiff sd = SameDiff.create();
    private final Mode mode;
    private final DataType type;
    private final Random rnd;
    private final Map<String, List<LayerResult>> consumers = new HashMap<>();
    private final Map<String, SDVariable> outputs = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final List<BatchNormState> batchNorms = new ArrayList<>();
    private LayerResult layer;
    private int classes;

    private SameDiffCompiler(Mode mode, DataType type, long seed) {
        this.mode = mode;
        this.type = type;
        this.rnd = new Random(seed);
    }

    /** Compiles for float32 training or inference with a seeded initialisation. */
    public static CompiledNet compile(Network network, Mode mode, long seed) throws TrainingException {
        return compile(network, mode, DataType.FLOAT, seed);
    }

    /**
     * Compiles the network.
     *
     * @throws TrainingException naming the node when the network has errors or is not trainable
     */
    public static CompiledNet compile(Network network, Mode mode, DataType type, long seed) throws TrainingException {
        return new SameDiffCompiler(mode, type, seed).run(Analyzer.analyze(network));
    }

    private CompiledNet run(Analysis a) throws TrainingException {
        for (Diagnostic d : a.diagnostics()) {
            if (d.isError()) {
                throw new TrainingException("cannot train '" + a.network().name() + "': node '" + d.node() + "' "
                        + d.message());
            }
        }
        TrainingShape ends = TrainingShape.of(a);
        if (!ends.trainable()) {
            throw new TrainingException("cannot train '" + a.network().name() + "': " + ends.problem());
        }
        Shape inputShape = ends.input();
        for (LayerResult r : a.layers()) {
            for (String in : r.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(r);
            }
        }
        for (LayerResult r : a.layers()) {
            layer = r;
            if (sd.hasVariable(r.id())) {
                // SameDiff names unnamed operations after their op ("reshape", "add"); a layer of that id (an
                // imported "reshape", a designed "add") takes the name, and the earlier operation steps aside.
                sd.renameVariable(r.id(), r.id() + "/unnamed");
            }
            SDVariable out = r.spec().accept(this);
            outputs.put(r.id(), out);
            shapes.put(r.id(), r.output());
        }
        return new CompiledNet(a.network(), mode, sd, inputShape, classes, List.copyOf(batchNorms));
    }

    // ---- helpers

    private SDVariable in(int i) {
        return outputs.get(layer.inputs().get(i));
    }

    private Shape inShape(int i) {
        return shapes.get(layer.inputs().get(i));
    }

    private String name(String suffix) {
        return layer.id() + "/" + suffix;
    }

    private SDVariable param(String suffix, float[] values, long... shape) {
        INDArray arr = Nd4j.create(values, shape, 'c').castTo(type);
        return sd.var(name(suffix), arr);
    }

    private SDVariable constant(String suffix, INDArray arr) {
        return sd.constant(name(suffix), arr.castTo(type));
    }

    /** The initialisation for a weight layer: the first consumer whose {@link netcanvas.graph.InitHint} decides. */
    private Init initFor(String id) {
        String cur = id;
        for (int hops = 0; hops < 4; hops++) {
            List<LayerResult> next = consumers.getOrDefault(cur, List.of());
            if (next.size() != 1) {
                return Init.TORCH_DEFAULT;
            }
            switch (next.get(0).spec().initHint()) {
                case HE -> {
                    return Init.HE;
                }
                case XAVIER -> {
                    return Init.XAVIER;
                }
                case NONE -> {
                    return Init.TORCH_DEFAULT;
                }
                case SEE_THROUGH -> cur = next.get(0).id();
            }
        }
        return Init.TORCH_DEFAULT;
    }

    /** Zero-pads (or pads with a value) the height and width axes of N x H x W x C, [top, bottom, left, right]. */
    private SDVariable pad(SDVariable x, int top, int bottom, int left, int right, double value) {
        if (top == 0 && bottom == 0 && left == 0 && right == 0) {
            return x;
        }
        INDArray p = Nd4j.createFromArray(new int[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}});
        return sd.nn().pad(name("pad"), x, sd.constant(name("padding"), p), PadMode.CONSTANT, value);
    }

    /** Flattens N x H x W x C (or N x C) to N x (C*H*W) in PyTorch's order: channels first. */
    private SDVariable flat(String name, SDVariable x, Shape s) {
        if (!s.spatial()) {
            return name == null ? x : sd.identity(name, x);
        }
        SDVariable chw = s.height() * s.width() == 1 ? x : sd.permute(x, 0, 3, 1, 2);
        return name == null ? sd.reshape(chw, -1, s.elements()) : sd.reshape(name, chw, -1, s.elements());
    }

    /** The shape that broadcasts a per-channel vector over a tensor of shape s. */
    private static long[] channelShape(Shape s) {
        return s.spatial() ? new long[] {1, 1, 1, s.channels()} : new long[] {1, s.channels()};
    }

    // ---- lowerings

    @Override
    public SDVariable visit(Input l) {
        SDVariable nchw = sd.placeHolder(CompiledNet.INPUT, type, -1, l.channels(), l.height(), l.width());
        return sd.permute(name("nhwc"), nchw, 0, 2, 3, 1);
    }

    @Override
    public SDVariable visit(Conv2d l) {
        Shape s = inShape(0);
        int inPerGroup = (int) (s.channels() / l.groups());
        int kh = l.kernel().h();
        int kw = l.kernel().w();
        long fanIn = (long) inPerGroup * kh * kw;
        long fanOut = (long) l.outChannels() / l.groups() * kh * kw;
        // Weights as [kH, kW, in/groups, out], ND4J's native layout.
        SDVariable w = param("W", initFor(layer.id()).weights(kh * kw * inPerGroup * l.outChannels(), fanIn,
                fanOut, rnd), kh, kw, inPerGroup, l.outChannels());
        SDVariable b = l.bias() ? param("b", Init.bias(l.outChannels(), fanIn, rnd), l.outChannels()) : null;

        int ph = l.effectivePadding().h();
        int pw = l.effectivePadding().w();
        SDVariable x = in(0);
        if (l.padding().same()) {
            // PyTorch pads the odd extra row and column at the end; ND4J's explicit padding is symmetric.
            int th = l.dilation().h() * (kh - 1);
            int tw = l.dilation().w() * (kw - 1);
            if (th % 2 != 0 || tw % 2 != 0) {
                x = pad(x, th / 2, th - th / 2, tw / 2, tw - tw / 2, 0);
                ph = 0;
                pw = 0;
            }
        }
        if (l.dilation().h() > 1 || l.dilation().w() > 1) {
            // The oneDNN build refuses dilated convolutions ("could not create a descriptor"), so convolve with the
            // equivalent dense kernel: the weights spread out with zeros between them.
            w = dilate(w, kh, kw, inPerGroup, l.outChannels(), l.dilation());
            kh = l.dilation().h() * (kh - 1) + 1;
            kw = l.dilation().w() * (kw - 1) + 1;
        }
        Conv2DConfig cfg = Conv2DConfig.builder().kH(kh).kW(kw).sH(l.stride().h()).sW(l.stride().w())
                .pH(ph).pW(pw).dH(1).dW(1).paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NHWC).build();
        if (l.groups() == 1) {
            return b == null ? sd.cnn().conv2d(layer.id(), x, w, cfg) : sd.cnn().conv2d(layer.id(), x, w, b, cfg);
        }
        if (l.groups() == s.channels()) {
            // Depthwise (MobileNet's): one native op. Its weights are [kH, kW, C, multiplier], and output channel
            // c * multiplier + j is input channel c's j-th filter, as in PyTorch's grouping: the same values as the
            // [kH, kW, 1, C * multiplier] weights, seen with another shape.
            SDVariable dw = sd.reshape(w, kh, kw, s.channels(), l.outChannels() / s.channels());
            return b == null ? sd.cnn().depthWiseConv2d(layer.id(), x, dw, cfg)
                    : sd.cnn().depthWiseConv2d(layer.id(), x, dw, b, cfg);
        }
        return grouped(x, w, b, cfg, s.channels(), l.groups(), kh, kw);
    }

    /**
     * A grouped convolution (1 < groups < channels) as im2col and one product of rank-3 arrays, batched over images
     * and groups. ND4J's conv2d has no groups; one conv2d per group on channel slices (the lowering before) made
     * ResNeXt's graphs grow with the groups, each slice's gradient an input-sized array, and the depthwise
     * convolution with a channel multiplier followed by a sum over each group's inputs, though smallest in memory,
     * ran several times slower (docs/decisions/0011-grouped-convolution.md has the measurements).
     *
     * <p>im2col turns the (N x C x H x W view of the) input into columns [N, C, kH, kW, oH, oW], which read as
     * [N*G, K, P] (K = C/G * kH * kW, P = oH * oW) without a copy. Each image's group g is its [O/G, K] weights times
     * its [K, P] columns, so the weights, as [G, O/G, K] in the columns' order, are repeated for every image. The
     * product [N*G, O/G, P] is the output as N x O x oH x oW, channel g * O/G + j being group g's j-th filter as in
     * PyTorch. Batching over the groups alone ([G, O/G, K] x [G, K, N*P]) needs the columns and their gradient
     * permuted, copies of nine times the input, and measured slower.
     */
    private SDVariable grouped(SDVariable x, SDVariable w, SDVariable b, Conv2DConfig cfg, long channels, int groups,
            int kh, int kw) {
        Shape o = layer.output();
        long outChannels = o.channels();
        long inPerGroup = channels / groups;
        long outPerGroup = outChannels / groups;
        long k = inPerGroup * kh * kw;
        long p = o.height() * o.width();
        Conv2DConfig colsCfg = Conv2DConfig.builder().kH(cfg.getKH()).kW(cfg.getKW()).sH(cfg.getSH())
                .sW(cfg.getSW()).pH(cfg.getPH()).pW(cfg.getPW()).dH(1).dW(1).paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NCHW).build();
        SDVariable cols = sd.cnn().im2Col(name("cols"), sd.permute(x, 0, 3, 1, 2), colsCfg);
        // [kH, kW, C/G, O] to [1, G, O/G, C/G * kH * kW], then one copy for each image of the batch.
        SDVariable wg = sd.reshape(sd.permute(sd.reshape(w, kh, kw, inPerGroup, groups, outPerGroup), 3, 4, 2, 0, 1),
                1, groups, outPerGroup, k);
        SDVariable copies = sd.concat(0, sd.sizeAt(x, 0).castTo(DataType.INT).reshape(1),
                sd.constant(name("tile_rest"), Nd4j.createFromArray(1, 1, 1)));
        SDVariable weights = sd.reshape(sd.tile(wg, copies), -1, outPerGroup, k);
        SDVariable y = sd.mmul(weights, sd.reshape(cols, -1, k, p));
        SDVariable nhwc = sd.permute(sd.reshape(y, -1, outChannels, o.height(), o.width()), 0, 2, 3, 1);
        return b == null ? sd.identity(layer.id(), nhwc) : sd.nn().biasAdd(layer.id(), nhwc, b, false);
    }

    /** [kH, kW, I, O] weights to the [(kH-1)dH+1, (kW-1)dW+1, I, O] kernel with zeros between the taps. */
    private SDVariable dilate(SDVariable w, int kh, int kw, int in, int out, Hw d) {
        int dh = d.h() * (kh - 1) + 1;
        int dw = d.w() * (kw - 1) + 1;
        SDVariable rows = constant("dilate_rows", spread(dh, kh, d.h())).mmul(sd.reshape(w, kh, (long) kw * in * out));
        // rows: [dh, kw*I*O]; bring kW to the front, spread it, and restore the order.
        SDVariable t = sd.permute(sd.reshape(rows, dh, kw, (long) in * out), 1, 0, 2);
        SDVariable cols = constant("dilate_cols", spread(dw, kw, d.w())).mmul(sd.reshape(t, kw, (long) dh * in * out));
        return sd.permute(sd.reshape(cols, dw, dh, in, out), 1, 0, 2, 3);
    }

    /** A dilated x k matrix with a 1 at (i*d, i): left-multiplying spreads k taps d apart. */
    private static INDArray spread(int dilated, int k, int d) {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, dilated, k);
        for (int i = 0; i < k; i++) {
            m.putScalar(i * d, i, 1.0);
        }
        return m;
    }

    /** Extra padding at the end of an axis so that a pad-free window reproduces PyTorch's output size. */
    private static int endPadding(long in, int k, int stride, int pad, long out) {
        return (int) Math.max(0, (out - 1) * stride + k - (in + 2L * pad));
    }

    @Override
    public SDVariable visit(MaxPool2d l) {
        Shape s = inShape(0);
        Shape o = layer.output();
        int eh = endPadding(s.height(), l.kernel().h(), l.stride().h(), l.padding().h(), o.height());
        int ew = endPadding(s.width(), l.kernel().w(), l.stride().w(), l.padding().w(), o.width());
        // Padded cells never win a max: pad with the lowest float.
        SDVariable x = pad(in(0), l.padding().h(), l.padding().h() + eh, l.padding().w(), l.padding().w() + ew,
                -Float.MAX_VALUE);
        return sd.cnn().maxPooling2d(layer.id(), x, poolConfig(l, Pooling2D.Pooling2DType.MAX));
    }

    private static Pooling2DConfig poolConfig(Pooling l, Pooling2D.Pooling2DType t) {
        return Pooling2DConfig.builder().kH(l.kernel().h()).kW(l.kernel().w()).sH(l.stride().h())
                .sW(l.stride().w()).pH(0).pW(0).dH(1).dW(1).type(t).divisor(Pooling2D.Divisor.INCLUDE_PADDING)
                .paddingMode(PaddingMode.VALID).isNHWC(true).build();
    }

    @Override
    public SDVariable visit(AvgPool2d l) {
        Shape s = inShape(0);
        Shape o = layer.output();
        int kh = l.kernel().h();
        int kw = l.kernel().w();
        int eh = endPadding(s.height(), kh, l.stride().h(), l.padding().h(), o.height());
        int ew = endPadding(s.width(), kw, l.stride().w(), l.padding().w(), o.width());
        boolean padded = l.padding().h() + l.padding().w() + eh + ew > 0;
        SDVariable x = pad(in(0), l.padding().h(), l.padding().h() + eh, l.padding().w(), l.padding().w() + ew, 0);
        SDVariable avg = sd.cnn().avgPooling2d(padded ? name("window_mean") : layer.id(), x,
                poolConfig(l, Pooling2D.Pooling2DType.AVG));
        if (!padded) {
            return avg;
        }
        // The pooling above divided every window by kH*kW; rescale each output to PyTorch's divisor.
        long[] dh = AvgDivisors.divisors(s.height(), kh, l.stride().h(), l.padding().h(), o.height(),
                l.countIncludePad());
        long[] dw = AvgDivisors.divisors(s.width(), kw, l.stride().w(), l.padding().w(), o.width(),
                l.countIncludePad());
        INDArray f = Nd4j.create(DataType.DOUBLE, 1, o.height(), o.width(), 1);
        for (int i = 0; i < dh.length; i++) {
            for (int j = 0; j < dw.length; j++) {
                f.putScalar(new long[] {0, i, j, 0}, (double) kh * kw / (dh[i] * dw[j]));
            }
        }
        return sd.math().mul(layer.id(), avg, constant("divisor_fix", f));
    }

    @Override
    public SDVariable visit(GlobalAvgPool l) {
        return sd.mean(layer.id(), in(0), true, 1, 2);
    }

    @Override
    public SDVariable visit(AdaptiveAvgPool l) {
        Shape s = inShape(0);
        int oh = l.outputSize().h();
        int ow = l.outputSize().w();
        if (s.height() == oh && s.width() == ow) {
            return sd.identity(layer.id(), in(0));
        }
        // Adaptive averaging is separable: average columns with a W x OW matrix, then rows with an H x OH one,
        // where output i covers [floor(i*in/out), ceil((i+1)*in/out)) as in PyTorch.
        // Done in N x C x H x W, where both averages are matrix products over the last axis (a rare layer).
        long c = s.channels();
        SDVariable x = sd.reshape(sd.permute(in(0), 0, 3, 1, 2), -1, s.width());
        x = x.mmul(constant("cols", AvgDivisors.adaptiveMatrix(s.width(), ow)));
        x = sd.permute(sd.reshape(x, -1, c, s.height(), ow), 0, 1, 3, 2);
        x = sd.reshape(x, -1, s.height()).mmul(constant("rows", AvgDivisors.adaptiveMatrix(s.height(), oh)));
        // [N, C, OW, OH] to N x OH x OW x C.
        return sd.permute(layer.id(), sd.reshape(x, -1, c, ow, oh), 0, 3, 2, 1);
    }

    @Override
    public SDVariable visit(Flatten l) {
        return flat(layer.id(), in(0), inShape(0));
    }

    @Override
    public SDVariable visit(Dense l) {
        Shape s = inShape(0);
        long fanIn = s.elements();
        SDVariable x = l.flattensInput(s) ? flat(null, in(0), s) : in(0);
        SDVariable w = param("W", initFor(layer.id()).weights(Math.toIntExact(fanIn * l.units()), fanIn, l.units(),
                rnd), fanIn, l.units());
        SDVariable y = x.mmul(w);
        if (!l.bias()) {
            return sd.identity(layer.id(), y);
        }
        return y.add(layer.id(), param("b", Init.bias(l.units(), fanIn, rnd), l.units()));
    }

    @Override
    public SDVariable visit(ReLU l) {
        return FusedBatchNorm.relu(sd, layer.id(), in(0));
    }

    @Override
    public SDVariable visit(LeakyReLU l) {
        return sd.nn().leakyRelu(layer.id(), in(0), l.slope());
    }

    @Override
    public SDVariable visit(Tanh l) {
        return sd.math().tanh(layer.id(), in(0));
    }

    @Override
    public SDVariable visit(Sigmoid l) {
        return sd.nn().sigmoid(layer.id(), in(0));
    }

    @Override
    public SDVariable visit(ReLU6 l) {
        return sd.nn().relu6(layer.id(), in(0), 0);
    }

    /** x * sigmoid(x), by its two parts: nd4j's {@code swish_derivative} overflows to NaN for x above about 44. */
    @Override
    public SDVariable visit(SiLU l) {
        return in(0).mul(layer.id(), sd.nn().sigmoid(name("sigmoid"), in(0)));
    }

    /** PyTorch's x * relu6(x + 3) / 6, in its order of operations (its kernel divides, it does not multiply by 1/6). */
    @Override
    public SDVariable visit(Hardswish l) {
        return in(0).mul(shiftedRelu6()).div(layer.id(), 6);
    }

    /** PyTorch's relu6(x + 3) / 6; nd4j's {@code hard_sigmoid} is Keras' clip(0.2 x + 0.5, 0, 1), another function. */
    @Override
    public SDVariable visit(Hardsigmoid l) {
        return shiftedRelu6().div(layer.id(), 6);
    }

    /** relu6(x + 3), the hard gate of Hardswish and Hardsigmoid. */
    private SDVariable shiftedRelu6() {
        return sd.nn().relu6(name("relu6"), in(0).add(3), 0);
    }

    @Override
    public SDVariable visit(Softmax l) {
        return sd.nn().softmax(layer.id(), in(0), inShape(0).spatial() ? 3 : 1);
    }

    @Override
    public SDVariable visit(Dropout l) {
        if (mode == Mode.INFER || l.p() == 0) {
            return sd.identity(layer.id(), in(0));
        }
        // Inverted dropout as PyTorch: keep with probability 1-p and scale kept values by 1/(1-p). The mask is
        // drawn for the batch's actual shape (ND4J's own dropout op needs a fixed shape).
        SDVariable x = in(0);
        SDVariable u = new DistributionUniform(sd, sd.shape(x), 0, 1, type).outputVariable();
        SDVariable keep = sd.gte(u, l.p()).castTo(type).div(1 - l.p());
        return x.mul(layer.id(), keep);
    }

    @Override
    public SDVariable visit(BatchNorm l) {
        Shape s = inShape(0);
        long c = s.channels();
        long[] bshape = channelShape(s);
        int[] axes = s.spatial() ? new int[] {0, 1, 2} : new int[] {0};
        float[] ones = new float[(int) c];
        java.util.Arrays.fill(ones, 1f);
        SDVariable gamma = param("gamma", ones, c);
        SDVariable beta = param("beta", new float[(int) c], c);
        BatchNormState st = new BatchNormState(layer.id(), c, s.height() * s.width(), l.momentum());
        batchNorms.add(st);
        SDVariable x = in(0);
        if (mode == Mode.TRAIN) {
            // Batch statistics, with the gradient through them (see FusedBatchNorm).
            SDVariable y = FusedBatchNorm.training(sd, x, gamma, beta, l.eps(), axes, st.batchMean(),
                    st.batchVar())[0];
            sd.renameVariable(y.name(), layer.id());
            return sd.getVariable(layer.id());
        }
        // Running statistics start as PyTorch's (mean 0, variance 1); the trainer copies the learnt ones in.
        SDVariable mean = sd.constant(st.runningMean(), Nd4j.zeros(type, bshape));
        SDVariable var = sd.constant(st.runningVar(), Nd4j.ones(type, bshape));
        // y = x * scale + shift, scale = gamma / sqrt(var + eps), shift = beta - mean * scale: PyTorch's CPU kernel
        // computes eval-mode batch norm in this form. Two passes over x instead of four, and the scale and shift
        // depend on weights alone, so ForwardPass computes them once and folds them into a convolution before.
        SDVariable scale = sd.reshape(gamma, bshape).div(sd.math().sqrt(var.add(l.eps())));
        SDVariable shift = sd.reshape(beta, bshape).sub(mean.mul(scale));
        return x.mul(scale).add(layer.id(), shift);
    }

    @Override
    public SDVariable visit(LocalResponseNorm l) {
        // PyTorch: b_c = a_c / (k + alpha/size * sum of a^2 over channels [c - size/2, c + (size-1)/2])^beta.
        // The window sum is an average pool over the zero-padded channel axis: each pixel's channels seen as a
        // C x 1 single-channel image.
        Shape s = inShape(0);
        long c = s.channels();
        int front = l.size() / 2;
        int back = (l.size() - 1) / 2;
        SDVariable x = in(0);
        SDVariable sq = sd.reshape(x.mul(x), -1, c, 1, 1);
        sq = pad(sq, front, back, 0, 0, 0);
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(l.size()).kW(1).sH(1).sW(1).pH(0).pW(0).dH(1).dW(1)
                .type(Pooling2D.Pooling2DType.AVG).divisor(Pooling2D.Divisor.INCLUDE_PADDING)
                .paddingMode(PaddingMode.VALID).isNHWC(true).build();
        SDVariable avg = sd.reshape(sd.cnn().avgPooling2d(sq, cfg), -1, s.height(), s.width(), c);
        SDVariable denom = sd.math().pow(avg.mul(l.alpha()).add(l.k()), l.beta());
        return x.div(layer.id(), denom);
    }

    @Override
    public SDVariable visit(Concat l) {
        SDVariable[] parts = new SDVariable[layer.inputs().size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = in(i);
        }
        return sd.concat(layer.id(), inShape(0).spatial() ? 3 : 1, parts);
    }

    @Override
    public SDVariable visit(Add l) {
        SDVariable sum = in(0);
        for (int i = 1; i < layer.inputs().size(); i++) {
            sum = i == layer.inputs().size() - 1 ? sum.add(layer.id(), in(i)) : sum.add(in(i));
        }
        return sum;
    }

    @Override
    public SDVariable visit(Scale l) {
        Shape s = inShape(0);
        long[] b = channelShape(s);
        b[0] = -1;
        return in(0).mul(layer.id(), sd.reshape(in(1), b));
    }

    /**
     * Reshape, transpose, reshape, as ShuffleNet's channel_shuffle; feature maps are N x H x W x C here, so the
     * channel axis is split and transposed at the end: [N, H, W, g, C/g] to [N, H, W, C/g, g].
     */
    @Override
    public SDVariable visit(ChannelShuffle l) {
        Shape s = inShape(0);
        long c = s.channels();
        long g = l.groups();
        if (!s.spatial()) {
            SDVariable t = sd.permute(sd.reshape(in(0), -1, g, c / g), 0, 2, 1);
            return sd.reshape(layer.id(), t, -1, c);
        }
        SDVariable t = sd.permute(sd.reshape(in(0), -1, s.height(), s.width(), g, c / g), 0, 1, 2, 4, 3);
        return sd.reshape(layer.id(), t, -1, s.height(), s.width(), c);
    }

    /** Channels start to start + count, the last axis of an N x H x W x C map (the second of a feature vector). */
    @Override
    public SDVariable visit(ChannelSlice l) {
        SDIndex channels = SDIndex.interval((long) l.start(), (long) l.start() + l.count());
        SDVariable y = inShape(0).spatial()
                ? in(0).get(SDIndex.all(), SDIndex.all(), SDIndex.all(), channels)
                : in(0).get(SDIndex.all(), channels);
        sd.renameVariable(y.name(), layer.id());
        return sd.getVariable(layer.id());
    }

    @Override
    public SDVariable visit(Output l) {
        classes = Math.toIntExact(inShape(0).channels());
        SDVariable logits = sd.reshape(CompiledNet.LOGITS, in(0), -1, classes);
        sd.nn().softmax(CompiledNet.PROBABILITIES, logits, 1);
        SDVariable label = sd.placeHolder(CompiledNet.LABEL, type, -1, classes);
        SDVariable loss = sd.loss().softmaxCrossEntropy(CompiledNet.LOSS, label, logits, null);
        loss.markAsLoss();
        return logits;
    }
}
