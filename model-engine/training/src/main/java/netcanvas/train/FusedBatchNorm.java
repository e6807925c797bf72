package netcanvas.train;

import netcanvas.train.ops.BatchMoments;
import netcanvas.train.ops.BatchNormForward;
import netcanvas.train.ops.FastRelu;
import netcanvas.train.ops.OpRegistry;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Training-mode batch norm as native ops, libnd4j's {@code moments} and {@code batchnorm} with {@code batchnorm_bp}
 * as the gradient, and faster equivalents of the statistics and the gradient for {@link TrainingStep} ({@link
 * BatchMoments#kernel}, {@code BatchNormBackward.kernel}). Built from elementary ops and differentiated by SameDiff,
 * batch norm cost about 60% of a ResNet training step (its broadcast multiply and divide gradients are slow in
 * ND4J); with the native ops alone, about 30%, as {@code batchnorm_bp} recomputes the batch-statistics terms with
 * slow broadcasts and reductions; the kernels sum per channel with matrix products instead. Feature maps are N x H x
 * W x C (see {@link SameDiffCompiler}).
 *
 * <p>Why custom op classes: nd4j 1.0.0-M2.1's own {@code BatchNorm.doDiff} cannot build its derivative ("Invalid
 * axis argument: axis must be specified"). SameDiff copies every op through FlatBuffers before differentiating and
 * looks the class up again by op name, so the op classes ({@code netcanvas.train.ops}, one file each) carry their
 * own names and are registered with nd4j's class holder by {@link OpRegistry}; they run the native ops by overriding
 * the op hash and descriptor.
 *
 * <p>The gradient is the full input gradient through the batch mean and variance (dLdI = gamma * stdInv * (g -
 * mean(g) - xhat * mean(g * xhat))), so the statistics op passes no gradient back.
 */
final class FusedBatchNorm {
    static {
        OpRegistry.ensureRegistered();
    }

    private FusedBatchNorm() {
    }

    /**
     * Normalises {@code x} (N x H x W x C, or N x C) over every axis but the channels (the last) with the batch's own
     * statistics.
     *
     * @return {@code [output, batch mean, biased batch variance]}, the statistics of shape [C]
     */
    static SDVariable[] training(SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta, double eps,
            int[] statisticAxes, String meanName, String varName) {
        SDVariable[] stats = new BatchMoments(sd, x, statisticAxes).outputVariables();
        sd.renameVariable(stats[0].name(), meanName);
        sd.renameVariable(stats[1].name(), varName);
        SDVariable mean = sd.getVariable(meanName);
        SDVariable var = sd.getVariable(varName);
        SDVariable y = new BatchNormForward(sd, x, mean, var, gamma, beta, eps, statisticAxes.length + 1)
                .outputVariable();
        return new SDVariable[] {y, mean, var};
    }

    /** ReLU with the faster gradient (see {@link FastRelu}). */
    static SDVariable relu(SameDiff sd, String name, SDVariable x) {
        SDVariable y = new FastRelu(sd, x).outputVariable();
        sd.renameVariable(y.name(), name);
        return sd.getVariable(name);
    }
}
