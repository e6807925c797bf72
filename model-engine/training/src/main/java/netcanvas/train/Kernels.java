package netcanvas.train;

import java.util.List;
import netcanvas.train.ops.BatchMoments;
import netcanvas.train.ops.BatchNormBackward;
import netcanvas.train.ops.Workspace;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2DDerivative;

/**
 * Which of a training step's operations run as NetCanvas's own native calls instead of themselves: the one table of
 * kernel substitutions. A kernel must compute exactly what its operation does (the step's self-check compares them);
 * it returns null for arrays it does not suit, and the operation runs as itself.
 */
@FunctionalInterface
interface Kernels {

    /**
     * @param firstOutputUnread whether nothing reads the operation's first output (a convolution's input gradient at
     *                          the first layer)
     * @return the replacement calls, or null to run the operation itself
     */
    Runnable kernel(SameDiffOp op, List<INDArray> in, List<INDArray> out, boolean firstOutputUnread, Workspace work);

    /** Batch-norm statistics and gradient, and the weight gradient of a convolution whose input gradient is unread. */
    Kernels STANDARD = (op, in, out, firstOutputUnread, work) -> {
        if (op.getOp() instanceof BatchMoments m && out.size() == 2) {
            return m.kernel(in.get(0), out.get(0), out.get(1), work);
        }
        if (op.getOp() instanceof BatchNormBackward b && out.size() == 5) {
            return b.kernel(in, out, work);
        }
        if (op.getOp() instanceof Conv2DDerivative conv && firstOutputUnread) {
            return ConvWeightGradient.kernel(conv.iArgs(), in, out, work);
        }
        return null;
    };

    /** None: every operation runs as itself. */
    Kernels NONE = (op, in, out, firstOutputUnread, work) -> null;
}
