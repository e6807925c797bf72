package netcanvas.train;

import java.util.List;
import java.util.Map;
import netcanvas.train.ops.BatchMoments;
import netcanvas.train.ops.BatchNormBackward;
import netcanvas.train.ops.Workspace;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2DDerivative;
import org.nd4j.linalg.api.ops.impl.shape.Tile;
import org.nd4j.linalg.api.ops.impl.shape.bp.TileBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.Relu6Derivative;

/**
 * Which of a training step's operations run as NetCanvas's own native calls instead of themselves. A kernel must
 * compute exactly what its operation does (the step's self-check compares them); it returns null for arrays it does
 * not suit, and the operation runs as itself.
 */
@FunctionalInterface
interface Kernels {

    /**
     * @param firstOutputUnread whether nothing reads the operation's first output (a convolution's input gradient at
     *                          the first layer)
     * @return the replacement calls, or null to run the operation itself
     */
    Runnable kernel(SameDiffOp op, List<INDArray> in, List<INDArray> out, boolean firstOutputUnread, Workspace work);

    /**
     * The one table of kernel substitutions, by the operation's class: batch-norm statistics and gradient (when the
     * operation has all its outputs), a pointwise (1x1) convolution and its gradients as matrix products, the weight
     * gradient of another convolution whose input gradient is unread, ReLU6's gradient, and a tile along the first
     * axis and its gradient (the grouped convolution's repeated weights).
     */
    Map<Class<?>, Kernels> TABLE = Map.of(
            BatchMoments.class, (op, in, out, firstOutputUnread, work) -> out.size() == BatchMoments.OUTPUTS
                    ? ((BatchMoments) op.getOp()).kernel(in.get(0), out.get(0), out.get(1), work) : null,
            BatchNormBackward.class, (op, in, out, firstOutputUnread, work) -> out.size() == BatchNormBackward.OUTPUTS
                    ? ((BatchNormBackward) op.getOp()).kernel(in, out, work) : null,
            Conv2D.class, (op, in, out, firstOutputUnread, work) ->
                    PointwiseConvolution.forward(((Conv2D) op.getOp()).iArgs(), in, out, work),
            Conv2DDerivative.class, (op, in, out, firstOutputUnread, work) -> {
                long[] iArgs = ((Conv2DDerivative) op.getOp()).iArgs();
                Runnable products = PointwiseConvolution.gradient(iArgs, in, out, firstOutputUnread, work);
                return products != null || !firstOutputUnread ? products
                        : ConvWeightGradient.kernel(iArgs, in, out, work);
            },
            Relu6Derivative.class, (op, in, out, firstOutputUnread, work) ->
                    Relu6Gradient.kernel(((Relu6Derivative) op.getOp()).tArgs(), in, out, work),
            Tile.class, (op, in, out, firstOutputUnread, work) -> BatchRepeat.forward(in, out, work),
            TileBp.class, (op, in, out, firstOutputUnread, work) -> BatchRepeat.gradient(in, out, work));

    /** The substitutions of {@link #TABLE}. */
    Kernels STANDARD = of(TABLE);

    /** None: every operation runs as itself. */
    Kernels NONE = (op, in, out, firstOutputUnread, work) -> null;

    /** The kernels of a table by operation class; an operation of another class runs as itself. */
    static Kernels of(Map<Class<?>, Kernels> table) {
        return (op, in, out, firstOutputUnread, work) -> {
            Kernels k = table.get(op.getOp().getClass());
            return k == null ? null : k.kernel(op, in, out, firstOutputUnread, work);
        };
    }
}
