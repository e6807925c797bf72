package netcanvas.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Arrays a {@link TrainingStep} plan lends the kernels that replace some of its operations
 * ({@link FusedBatchNorm}, {@link ConvWeightGradient}); they live as long as the plan. Kernels run one at a time, so
 * scratch arrays are shared between them.
 */
interface Workspace {
    /** An array of this shape (the data's type) whose contents any kernel may overwrite. */
    INDArray scratch(long[] shape);

    /** An array of zeros of this shape for one kernel alone, which may keep parts of it zero across steps. */
    INDArray zeros(long[] shape);

    /** A [1, m] row of ones (the data's type), never written. */
    INDArray ones(long m);
}
