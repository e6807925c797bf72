package netcanvas.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One optimisation step of a compiled network, as the trainer drives it, whichever engine computes it. */
interface Step extends AutoCloseable {

    /**
     * Forward, backward and the weight update for one batch.
     *
     * @param features N x C x H x W
     * @param labels   one-hot, N x classes
     */
    void run(INDArray features, INDArray labels);

    /** A watched activation of the last step (overwritten or replaced by the next step). */
    INDArray activation(String name);

    /** Counts a finished epoch (schedules and some optimizers read the epoch number). */
    void epochDone();

    /** The optimizer state of each weight (Adam's moments, SGD's momentum buffer), by weight name, then state name. */
    Map<String, Map<String, INDArray>> optimizerState();

    @Override
    void close();
}
