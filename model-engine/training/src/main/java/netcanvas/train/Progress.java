package netcanvas.train;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Follows the training steps: the logits of each step (the loss and training accuracy) and batch-norm batch
 * statistics (folded into the running statistics with PyTorch's momentum and unbiased variance). Publishes iteration
 * events; asks for a stop on a non-finite loss.
 */
final class Progress {
    private final CompiledNet net;
    private final List<TrainingListener> listeners;
    private final Runnable stop;
    private final Map<String, INDArray> stats;
    private final Map<String, BatchNormState> byMean = new HashMap<>();
    private final Map<String, BatchNormState> byVar = new HashMap<>();
    private final LearningRate lr;
    private final long total;
    private final int batch;
    private long iteration;
    private int epoch;
    private double lossSum;
    private long correct;
    private long epochImages;
    private long epochSteps;
    private long startNanos;
    private double lastLoss = Double.NaN;
    String diverged;

    Progress(CompiledNet net, Map<String, INDArray> stats, LearningRate lr, long iteration, long total, int batch,
            List<TrainingListener> listeners, Runnable stop) {
        this.net = net;
        this.listeners = listeners;
        this.stop = stop;
        this.stats = stats;
        this.lr = lr;
        this.iteration = iteration;
        this.total = total;
        this.batch = batch;
        for (BatchNormState bn : net.batchNorms()) {
            byMean.put(bn.batchMean(), bn);
            byVar.put(bn.batchVar(), bn);
        }
    }

    void beginEpoch(int e) {
        epoch = e;
        lossSum = 0;
        correct = 0;
        epochImages = 0;
        epochSteps = 0;
        startNanos = System.nanoTime();
    }

    long epochImages() {
        return epochImages;
    }

    long iteration() {
        return iteration;
    }

    double epochLoss() {
        return epochSteps == 0 ? Double.NaN : lossSum / epochSteps;
    }

    double epochAccuracy() {
        return epochImages == 0 ? Double.NaN : (double) correct / epochImages;
    }

    /** The activations each step must keep readable: the logits and every batch norm's batch statistics. */
    Set<String> watched() {
        Set<String> names = new HashSet<>(byMean.keySet());
        names.addAll(byVar.keySet());
        names.add(CompiledNet.LOGITS);
        return names;
    }

    /**
     * Records a finished step.
     *
     * @param labels     the batch's one-hot labels
     * @param activation the step's watched activations by name
     */
    void stepDone(INDArray labels, Function<String, INDArray> activation) {
        long images = labels.size(0);
        logits(activation.apply(CompiledNet.LOGITS), labels);
        for (BatchNormState bn : net.batchNorms()) {
            fold(bn, activation.apply(bn.batchMean()), false, images);
            fold(bn, activation.apply(bn.batchVar()), true, images);
        }
        iterationDone(images);
    }

    /** Loss and accuracy of a batch from its logits. */
    private void logits(INDArray activation, INDArray labels) {
        double[][] z = activation.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] y = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            int label = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < z[i].length; c++) {
                if (y[i][c] > y[i][label]) {
                    label = c;
                }
                max = Math.max(max, z[i][c]);
            }
            double lse = 0;
            for (double v : z[i]) {
                lse += Math.exp(v - max);
            }
            sum += Math.log(lse) + max - z[i][label];
            if (Ranks.top1(z[i], label)) {
                correct++;
            }
        }
        lastLoss = sum / z.length;
    }

    /** Folds a batch mean or (biased) variance into the running statistic. */
    private void fold(BatchNormState bn, INDArray activation, boolean isVar, long images) {
        // A copy: the activation is the step's buffer.
        INDArray batchStat = activation.reshape(bn.channels()).castTo(DataType.FLOAT).dup();
        if (isVar) {
            long n = images * bn.valuesPerChannel();
            batchStat = batchStat.mul(n / (double) Math.max(1, n - 1));
        }
        INDArray running = stats.get(isVar ? bn.runningVar() : bn.runningMean());
        running.muli(1 - bn.momentum()).addi(batchStat.muli(bn.momentum()));
    }

    private void iterationDone(long images) {
        double value = lastLoss;
        lastLoss = Double.NaN;
        iteration++;
        epochSteps++;
        epochImages += images;
        lr.iterationDone();
        if (!Double.isFinite(value)) {
            diverged = String.format(Locale.ROOT, "the loss became %s at iteration %d (epoch %d): the learning"
                    + " rate %.3g is probably too high; lower it and train again", value, iteration, epoch,
                    lr.current());
            stop.run();
            return;
        }
        lossSum += value;
        // The epoch's average so far: steady, unlike single steps on a shared machine.
        double rate = epochImages / Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        double eta = (total - iteration) * (double) batch / Math.max(rate, 1e-9);
        for (TrainingListener l : listeners) {
            l.iteration(new TrainingListener.Iteration(epoch, iteration, total, value, rate, eta));
        }
    }
}
