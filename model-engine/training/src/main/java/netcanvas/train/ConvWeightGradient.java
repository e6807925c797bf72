package netcanvas.train;

import static netcanvas.train.ops.Views.allDense;
import static netcanvas.train.ops.Views.part;
import static netcanvas.train.ops.Views.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netcanvas.train.ops.Workspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The weight (and bias) gradient of a stride-1 convolution whose input gradient nothing reads, for
 * {@link TrainingStep}: a network's first convolution, whose input is the data. libnd4j's {@code conv2d_bp} always
 * computes the input gradient too, and for three input channels that costs more than the rest: on ResNet-18's CIFAR
 * stem (64x32x32x3 to 16 channels, 3x3) {@code conv2d_bp} took 3.0-3.2 ms here, this 1.6-2.0 ms.
 *
 * <p>How: lay the input, zero-padded, and the output gradient on the same padded grid (N x Hp x Wp, the gradient at the
 * top left of each image) and flatten both to rows. Then the input row under output row q for tap (kh, kw) is row
 * q + kh*Wp + kw, in the same image, so each tap's [I, O] slice of the weight gradient is one product of two row
 * ranges, x[s .. s+L)^T x g[0 .. L), with s = kh*Wp + kw: kH*kW matrix products and two copies per step, all native.
 */
final class ConvWeightGradient {
    private ConvWeightGradient() {
    }

    /**
     * @param iArgs {@code conv2d_bp}'s integer arguments: kH, kW, sH, sW, pH, pW, dH, dW, same mode, NHWC, weight
     *              format
     * @param in    x [N, H, W, I], weights [kH, kW, I, O], the bias [O] when there is one, the output gradient
     * @param out   the input gradient (left unwritten), the weight gradient, the bias gradient when there is a bias
     * @return the calls, or null when the convolution or the arrays do not suit them
     */
    static Runnable kernel(long[] iArgs, List<INDArray> in, List<INDArray> out, Workspace work) {
        boolean bias = in.size() == 4;
        if (iArgs.length < 10 || (in.size() != 3 && !bias) || out.size() != in.size() - 1) {
            return null;
        }
        int kh = (int) iArgs[0];
        int kw = (int) iArgs[1];
        long ph = iArgs[4];
        long pw = iArgs[5];
        boolean plain = iArgs[2] == 1 && iArgs[3] == 1 && iArgs[6] == 1 && iArgs[7] == 1 && iArgs[8] == 0
                && iArgs[9] == 1 && (iArgs.length < 11 || iArgs[10] == 0);
        INDArray x = in.get(0);
        INDArray w = in.get(1);
        INDArray g = in.get(in.size() - 1);
        INDArray dW = out.get(1);
        if (!plain || x.rank() != 4 || g.rank() != 4
                || !(x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE)
                || g.dataType() != x.dataType()
                || !allDense(x, g, dW) || (bias && !allDense(out.get(2)))) {
            return null;
        }
        long n = x.size(0);
        long c = x.size(3);
        long o = g.size(3);
        long hp = x.size(1) + 2 * ph;
        long wp = x.size(2) + 2 * pw;
        long oh = hp - kh + 1;
        long ow = wp - kw + 1;
        if (!Arrays.equals(w.shape(), new long[] {kh, kw, c, o}) || !Arrays.equals(dW.shape(), w.shape())
                || g.size(0) != n || g.size(1) != oh || g.size(2) != ow) {
            return null;
        }
        List<Runnable> calls = new ArrayList<>();
        INDArray xp = x;
        if (ph > 0 || pw > 0) {
            xp = work.zeros(new long[] {n, hp, wp, c});
            INDArray inner = xp.get(NDArrayIndex.all(), NDArrayIndex.interval(ph, ph + x.size(1)),
                    NDArrayIndex.interval(pw, pw + x.size(2)), NDArrayIndex.all());
            calls.add(work.unprepared(() -> inner.assign(x)));
        }
        INDArray gp = g;
        if (oh != hp || ow != wp) {
            gp = work.zeros(new long[] {n, hp, wp, o});
            INDArray corner = gp.get(NDArrayIndex.all(), NDArrayIndex.interval(0, oh), NDArrayIndex.interval(0, ow),
                    NDArrayIndex.all());
            calls.add(work.unprepared(() -> corner.assign(g))); // the rest of gp stays zero
        }
        long rows = n * hp * wp;
        long span = rows - ((kh - 1) * wp + (kw - 1));
        INDArray gRows = part(gp, 0, span, o);
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                long s = i * wp + j;
                INDArray tap = part(dW, (i * kw + j) * c * o, c, o);
                DynamicCustomOp product = DynamicCustomOp.builder("matmul").addInputs(part(xp, s * c, span, c), gRows)
                        .addOutputs(tap).addIntegerArguments(1, 0, 0).build(); // the first operand transposed
                calls.add(work.prepared(product));
            }
        }
        if (bias) {
            long m = n * oh * ow;
            calls.add(work.sumOfRows(view(g, m, o), view(out.get(2), 1, o), 1));
        }
        return () -> calls.forEach(Runnable::run);
    }
}
