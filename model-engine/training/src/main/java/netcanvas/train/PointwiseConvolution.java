package netcanvas.train;

import static netcanvas.train.ops.Views.allDense;
import static netcanvas.train.ops.Views.view;

import java.util.ArrayList;
import java.util.List;
import netcanvas.train.ops.Workspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * A pointwise convolution (1x1 kernel, stride 1, no padding, no dilation, one group) as matrix products, for
 * {@link TrainingStep} and {@link InferencePlan}. The activations are N x H x W x C, so the input is an
 * [N*H*W, C] matrix as it lies, the weights [1, 1, C, O] a [C, O] one, and the output [N*H*W, O] = x w; the gradients
 * are two more products, dx = g w^T and dw = x^T g, and the bias gradient a column sum (a row of ones times g).
 * libnd4j's {@code conv2d} and {@code conv2d_bp} hand the same arithmetic to oneDNN through a convolution descriptor
 * made on every call, with the weights reordered to oneDNN's blocked layout each time; the products run straight on
 * the arrays. Which shapes gain was measured (docs/decisions/0014-pointwise-convolution.md).
 */
final class PointwiseConvolution {
    private PointwiseConvolution() {
    }

    /**
     * @param iArgs {@code conv2d}'s integer arguments: kH, kW, sH, sW, pH, pW, dH, dW, same mode, NHWC, weight format
     * @param in    x [N, H, W, C], weights [1, 1, C, O], the bias [O] when there is one
     * @param out   y [N, H, W, O]
     * @return the calls, or null when the convolution or the arrays do not suit them
     */
    static Runnable forward(long[] iArgs, List<INDArray> in, List<INDArray> out, Workspace work) {
        return forward(iArgs, in, out, work, false);
    }

    /** As above; with {@code biasAfter} the bias is added by a second pass over the product (for measurements). */
    static Runnable forward(long[] iArgs, List<INDArray> in, List<INDArray> out, Workspace work, boolean biasAfter) {
        if ((in.size() != 2 && in.size() != 3) || out.size() != 1 || !pointwise(iArgs)) {
            return null;
        }
        INDArray x = in.get(0);
        INDArray w = in.get(1);
        INDArray b = in.size() == 3 ? in.get(2) : null;
        INDArray y = out.get(0);
        if (!suits(x, w, y) || (b != null && (b.length() != y.size(3) || !sameType(x, b) || !allDense(b)))
                || y.size(0) != x.size(0) || y.size(1) != x.size(1) || y.size(2) != x.size(2)) {
            return null;
        }
        long m = x.length() / x.size(3);
        long c = x.size(3);
        long o = y.size(3);
        List<Runnable> calls = new ArrayList<>();
        double beta = 0;
        if (b != null && !biasAfter) {
            // The bias in every row first (a column of ones times the bias), then the product added to it: one
            // write of the output instead of a second pass that reads and writes it.
            calls.add(work.copiesOfRow(view(b, 1, o), view(y, m, o)));
            beta = 1;
        }
        calls.add(work.prepared(DynamicCustomOp.builder("matmul").addInputs(view(x, m, c), view(w, c, o))
                .addOutputs(view(y, m, o)).addFloatingPointArguments(1.0, beta).build()));
        if (b != null && biasAfter) {
            calls.add(work.prepared(DynamicCustomOp.builder("biasadd").addInputs(view(y, m, o), b)
                    .addOutputs(view(y, m, o)).addBooleanArguments(false).build()));
        }
        return calls.size() == 1 ? calls.get(0) : () -> calls.forEach(Runnable::run);
    }

    /**
     * @param iArgs             {@code conv2d_bp}'s integer arguments, as {@code conv2d}'s
     * @param in                x, weights, the bias when there is one, the output gradient g
     * @param out               dx, dw, the bias gradient when there is a bias
     * @param inputGradientUnread whether nothing reads dx (a network's first convolution): it is not computed
     * @return the calls, or null when the convolution or the arrays do not suit them
     */
    static Runnable gradient(long[] iArgs, List<INDArray> in, List<INDArray> out, boolean inputGradientUnread,
            Workspace work) {
        boolean bias = in.size() == 4;
        if ((in.size() != 3 && !bias) || out.size() != in.size() - 1 || !pointwise(iArgs)) {
            return null;
        }
        INDArray x = in.get(0);
        INDArray w = in.get(1);
        INDArray g = in.get(in.size() - 1);
        INDArray dx = out.get(0);
        INDArray dw = out.get(1);
        INDArray db = bias ? out.get(2) : null;
        if (!suits(x, w, g) || !suits(dx, dw, g) || !x.equalShapes(dx) || !w.equalShapes(dw)
                || g.size(0) != x.size(0) || g.size(1) != x.size(1) || g.size(2) != x.size(2)
                || (bias && (db.length() != g.size(3) || !sameType(x, db) || !allDense(db)))) {
            return null;
        }
        long m = x.length() / x.size(3);
        long c = x.size(3);
        long o = g.size(3);
        INDArray gm = view(g, m, o);
        List<Runnable> calls = new ArrayList<>();
        if (!inputGradientUnread) {
            calls.add(work.prepared(DynamicCustomOp.builder("matmul").addInputs(gm, view(w, c, o))
                    .addOutputs(view(dx, m, c)).addIntegerArguments(0, 1, 0).build())); // w transposed
        }
        calls.add(work.prepared(DynamicCustomOp.builder("matmul").addInputs(view(x, m, c), gm)
                .addOutputs(view(dw, c, o)).addIntegerArguments(1, 0, 0).build())); // x transposed
        if (bias) {
            calls.add(work.sumOfRows(gm, view(db, 1, o), 1));
        }
        return () -> calls.forEach(Runnable::run);
    }

    /** Whether {@code conv2d}'s arguments describe a 1x1, stride-1, unpadded, undilated NHWC convolution. */
    static boolean pointwise(long[] iArgs) {
        return iArgs.length >= 10 && iArgs[0] == 1 && iArgs[1] == 1 && iArgs[2] == 1 && iArgs[3] == 1
                && iArgs[4] == 0 && iArgs[5] == 0 && iArgs[6] == 1 && iArgs[7] == 1 && iArgs[9] == 1
                && (iArgs.length < 11 || iArgs[10] == 0);
    }

    /** x [N, H, W, C], weights [1, 1, C, O] and an [N, H, W, O] array, dense, of one floating-point type. */
    private static boolean suits(INDArray x, INDArray w, INDArray y) {
        return x.rank() == 4 && w.rank() == 4 && y.rank() == 4 && w.size(0) == 1 && w.size(1) == 1
                && w.size(2) == x.size(3) && w.size(3) == y.size(3)
                && (x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE)
                && sameType(x, w) && sameType(x, y) && allDense(x, w, y);
    }

    private static boolean sameType(INDArray a, INDArray b) {
        return a.dataType() == b.dataType();
    }
}
