package netcanvas.train;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.shape.Shape;

/**
 * An operation that {@link TrainingStep} can run as a prepared sequence of native calls on the arrays it allocated
 * once, when that is faster than the operation's own native kernel (libnd4j reduces over a tensor's non-contiguous
 * axes slowly; the same sums as matrix products over contiguous rows take a fraction of the time).
 */
interface BoundKernel {
    /**
     * @return the calls that fill {@code outputs} from {@code inputs}, or null when the arrays do not suit them (the
     *         operation then runs as itself)
     */
    Runnable bind(List<INDArray> inputs, List<INDArray> outputs);

    /** A native call on fixed arrays, built once. */
    static DynamicCustomOp call(String op, INDArray[] inputs, INDArray output, int... intArgs) {
        return DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(output).addIntegerArguments(intArgs).build();
    }

    /** Whether an array's elements lie in row-major order without gaps, so that reshaping it gives a view. */
    static boolean dense(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.length() > 0;
    }
}
