package netcanvas.train.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * What a training step's plan lends the kernels that replace some of its operations ({@link BatchMoments},
 * {@link BatchNormBackward}, the first convolution's weight gradient): arrays that live as long as the plan, and
 * native calls prepared once. Kernels run one
 * at a time, so scratch arrays are shared between them.
 */
public interface Workspace {
    /** An array of this shape (the data's type) whose contents any kernel may overwrite. */
    INDArray scratch(long[] shape);

    /** An array of zeros of this shape for one kernel alone, which may keep parts of it zero across steps. */
    INDArray zeros(long[] shape);

    /** A [1, m] row (the data's type) holding {@code value} everywhere, never written. */
    INDArray row(long m, double value);

    /** The op, built with its arrays and arguments, ready to run on them each step. */
    Runnable prepared(DynamicCustomOp op);

    /**
     * A native call made through an array's own method (a copy into a view) rather than prepared: returned as it is,
     * and counted with the prepared ones ({@code TrainingStep.callsPerStep}).
     */
    default Runnable unprepared(Runnable call) {
        return call;
    }

    /**
     * The weighted sum of an [m, c] array's rows into [1, c]: one product with a row holding the weight, which
     * oneDNN's matrix product runs faster than libnd4j's reduction along the first axis (the kernels' sums over a
     * batch: bias gradients, batch norm's moments, the grouped convolution's weight copies).
     */
    default Runnable sumOfRows(INDArray rows, INDArray sums, double weight) {
        long m = rows.size(0);
        return prepared(DynamicCustomOp.builder("matmul").addInputs(row(m, weight), rows).addOutputs(sums).build());
    }

    /**
     * {@code copies} [n, c] filled with n copies of a [1, c] row: one product of a column of ones with the row (a
     * bias laid in every row of an output, the grouped convolution's weights repeated for every image).
     */
    default Runnable copiesOfRow(INDArray row, INDArray copies) {
        long n = copies.size(0);
        INDArray ones = Views.view(row(n, 1), n, 1);
        return prepared(DynamicCustomOp.builder("matmul").addInputs(ones, row).addOutputs(copies).build());
    }
}
