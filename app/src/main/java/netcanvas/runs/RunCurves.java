package netcanvas.runs;

import java.util.ArrayList;
import java.util.List;
import netcanvas.train.TrainingListener;

/**
 * A run's curves as the trainer reports them (loss per iteration, train and validation accuracy per epoch), for its
 * {@link RunRecord}: what the command line keeps while it trains. Called on the trainer's thread, read after the run.
 */
public final class RunCurves implements TrainingListener {
    private final List<double[]> loss = new ArrayList<>();
    private final List<double[]> train = new ArrayList<>();
    private final List<double[]> val = new ArrayList<>();

    @Override
    public synchronized void iteration(Iteration e) {
        loss.add(new double[] {e.iteration(), e.loss()});
    }

    @Override
    public synchronized void epoch(Epoch e) {
        train.add(new double[] {e.epoch(), e.trainAccuracy()});
        if (!Double.isNaN(e.valAccuracy())) {
            val.add(new double[] {e.epoch(), e.valAccuracy()});
        }
    }

    /** Whether the run trained at all (a run refused or stopped before its first step leaves no record). */
    public synchronized boolean trained() {
        return !loss.isEmpty() || !train.isEmpty();
    }

    public synchronized RunRecord record(java.nio.file.Path folder, String network, String data, String recipe,
            Result r) {
        return RunRecord.of(folder, network, data, recipe, r, loss, train, val);
    }
}
