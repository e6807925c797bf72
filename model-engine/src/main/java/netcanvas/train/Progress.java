package netcanvas.train;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Watches SameDiff's training: the logits of each step (for the loss and training accuracy, computed here because the
 * Loss record fit hands to listeners stays 0) and batch-norm batch statistics (folded into the running statistics with
 * PyTorch's momentum and unbiased variance). Publishes iteration events; asks for a stop on a non-finite loss.
 */
final class Progress extends BaseListener {
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

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public ListenerVariables requiredVariables(SameDiff sd) {
        Set<String> names = new java.util.HashSet<>(byMean.keySet());
        names.addAll(byVar.keySet());
        names.add(CompiledNet.LOGITS);
        return new ListenerVariables(names, Set.of(), Set.of(), Set.of());
    }

    @Override
    public void activationAvailable(SameDiff sd, At at, MultiDataSet batchData, SameDiffOp op, String varName,
            INDArray activation) {
        if (varName.equals(CompiledNet.LOGITS)) {
            // Loss and accuracy of this batch from its logits (the Loss record fit hands to listeners stays 0).
            double[][] z = activation.castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] y = batchData.getLabels(0).castTo(DataType.DOUBLE).toDoubleMatrix();
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                int label = 0;
                int best = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < z[i].length; c++) {
                    if (y[i][c] > y[i][label]) {
                        label = c;
                    }
                    if (z[i][c] > z[i][best]) {
                        best = c;
                    }
                    max = Math.max(max, z[i][c]);
                }
                double lse = 0;
                for (double v : z[i]) {
                    lse += Math.exp(v - max);
                }
                sum += Math.log(lse) + max - z[i][label];
                if (best == label) {
                    correct++;
                }
            }
            lastLoss = sum / z.length;
            return;
        }
        BatchNormState bn = byMean.get(varName);
        boolean isVar = bn == null;
        if (isVar) {
            bn = byVar.get(varName);
        }
        if (bn == null) {
            return;
        }
        // A copy: the activation itself is still needed by the backward pass.
        INDArray batchStat = activation.reshape(bn.channels()).castTo(DataType.FLOAT).dup();
        if (isVar) {
            long n = batchData.getFeatures(0).size(0) * bn.valuesPerChannel();
            batchStat = batchStat.mul(n / (double) Math.max(1, n - 1));
        }
        INDArray running = stats.get(isVar ? bn.runningVar() : bn.runningMean());
        running.muli(1 - bn.momentum()).addi(batchStat.muli(bn.momentum()));
    }

    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet batchData, Loss loss) {
                    double value = lastLoss;
        lastLoss = Double.NaN;
        long images = batchData.getFeatures(0).size(0);
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
