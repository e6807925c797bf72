package netcanvas.train;

import netcanvas.analysis.Optimizer;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/** The ND4J updater that implements each {@link Optimizer}, as PyTorch's class of the same name steps. */
final class Updaters {
    private Updaters() {
    }

    /**
     * The updater for this optimizer. AdamW's decoupled weight decay is not part of the updater: the training
     * configuration adds it (see {@link Trainer}), so AdamW without weight decay is Adam.
     *
     * @param momentum used by {@link Optimizer#MOMENTUM} and {@link Optimizer#NESTEROV}
     */
    static IUpdater of(Optimizer optimizer, ISchedule lr, double momentum) {
        return switch (optimizer) {
            case SGD -> new TorchSgd(lr, 0, false);
            case MOMENTUM -> new TorchSgd(lr, momentum, false);
            case NESTEROV -> new TorchSgd(lr, momentum, true);
            case ADAM, ADAMW -> new Adam(lr);
        };
    }

    /** Whether weight decay is decoupled from the gradient (AdamW) rather than added to it as an L2 term. */
    static boolean decoupledWeightDecay(Optimizer optimizer) {
        return optimizer == Optimizer.ADAMW;
    }
}
