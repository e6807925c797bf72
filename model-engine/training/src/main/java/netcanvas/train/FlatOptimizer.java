package netcanvas.train;

import static netcanvas.train.ops.Views.dense;
import static netcanvas.train.ops.Views.part;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The weight update of a training step, over every weight's gradient end to end in one array: whoever computes the
 * gradients writes them into {@link #slices()}, then {@link #step()} applies regularization and the optimizer to all
 * of them at once as SameDiff's {@code fit} applies them to each weight: one native call a step instead of one per
 * weight (62 in ResNet-18). Each of these acts on each value alone, so one call is the same arithmetic.
 */
final class FlatOptimizer {
    private final SameDiff sd;
    private final TrainingConfig config;
    /** Weight name to its gradient's name in the gradient graph. */
    private final Map<String, String> gradients = new LinkedHashMap<>();
    private final INDArray flatGradient;
    /** Weight name to its slice of {@link #flatGradient}, shaped as the weight. */
    private final Map<String, INDArray> slices = new LinkedHashMap<>();
    /** The optimizer over {@link #flatGradient}; its state is one array per kind, each sliced per weight below. */
    private final GradientUpdater optimizer;
    private final Map<String, Map<String, INDArray>> state = new LinkedHashMap<>();
    private int iteration;
    private int epoch;

    /**
     * @param sd        a network whose gradient graph exists ({@code createGradients})
     * @param iteration steps already taken (non-zero when resuming; Adam's bias correction and the schedule read it)
     * @param epoch     epochs already done
     * @throws IllegalStateException when a weight does not reach the loss, the weights' types differ, or the
     *                               optimizer's state is not one value per weight value
     */
    FlatOptimizer(SameDiff sd, TrainingConfig config, long iteration, int epoch) {
        this.sd = sd;
        this.config = config;
        this.iteration = Math.toIntExact(iteration);
        this.epoch = epoch;
        long total = 0;
        DataType type = null;
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() != VariableType.VARIABLE) {
                continue;
            }
            INDArray w = v.getArr();
            SDVariable g = v.gradient();
            if (g == null) {
                throw new IllegalStateException("weight '" + v.name() + "' has no gradient: it does not reach the"
                        + " loss; remove the layer or connect it to the output");
            }
            if (type != null && w.dataType() != type) {
                throw new IllegalStateException("weight '" + v.name() + "' is " + w.dataType() + ", others " + type);
            }
            type = w.dataType();
            gradients.put(v.name(), g.name());
            total += w.length();
        }
        if (type == null) {
            throw new IllegalStateException("the network has no weights to train");
        }
        IUpdater updater = config.getUpdater();
        flatGradient = Nd4j.create(type, 1, total);
        long stateSize = updater.stateSize(total);
        optimizer = updater.instantiate(stateSize == 0 ? null : Nd4j.zeros(type, 1, stateSize), true);
        Map<String, INDArray> flatState = optimizer.getState() == null ? Map.of() : optimizer.getState();
        for (var e : flatState.entrySet()) {
            if (e.getValue().length() != total || !dense(e.getValue())) {
                throw new IllegalStateException("optimizer state '" + e.getKey() + "' of " + updater
                        + " is not one value per weight value: it cannot be split by weight");
            }
        }
        long offset = 0;
        for (String w : gradients.keySet()) {
            long[] shape = sd.getArrForVarName(w).shape();
            long n = sd.getArrForVarName(w).length();
            slices.put(w, part(flatGradient, offset, shape));
            // A [1, n] row per weight, as a per-weight optimizer lays its state out: checkpoints stay interchangeable.
            Map<String, INDArray> mine = new LinkedHashMap<>();
            for (var e : flatState.entrySet()) {
                mine.put(e.getKey(), part(e.getValue(), offset, 1, n));
            }
            state.put(w, mine);
            offset += n;
        }
    }

    /** Weight name to its gradient's variable name in the gradient graph, in the flat gradient's order. */
    Map<String, String> gradientNames() {
        return gradients;
    }

    /** Weight name to where its gradient goes: a view of the flat gradient, shaped as the weight. */
    Map<String, INDArray> slices() {
        return slices;
    }

    /** The optimizer state of each weight (Adam's moments, SGD's momentum buffer), by weight name, then state name. */
    Map<String, Map<String, INDArray>> state() {
        return state;
    }

    int iteration() {
        return iteration;
    }

    /** Counts a finished epoch (schedules and some optimizers read the epoch number). */
    void epochDone() {
        epoch++;
        config.setEpochCount(epoch);
    }

    /**
     * Regularization before the optimizer, the optimizer, regularization after it, then the step on every weight,
     * from the gradients in {@link #slices()}.
     */
    void step() {
        IUpdater updater = config.getUpdater();
        double lr = updater.hasLearningRate() ? updater.getLearningRate(iteration, epoch) : 1.0;
        List<Regularization> regs = config.getRegularization() == null ? List.of() : config.getRegularization();
        regularize(regs, Regularization.ApplyStep.BEFORE_UPDATER, lr);
        optimizer.applyUpdater(flatGradient, iteration, epoch);
        regularize(regs, Regularization.ApplyStep.POST_UPDATER, lr);
        for (var e : slices.entrySet()) {
            INDArray w = sd.getArrForVarName(e.getKey());
            if (config.isMinimize()) {
                w.subi(e.getValue());
            } else {
                w.addi(e.getValue());
            }
        }
        iteration++;
        config.setIterationCount(iteration);
    }

    /** Native calls of {@link #step}: the optimizer over the flat gradient, each weight's step and regularization. */
    int callsPerStep() {
        int regs = config.getRegularization() == null ? 0 : config.getRegularization().size();
        return 1 + slices.size() * (1 + regs);
    }

    private void regularize(List<Regularization> regs, Regularization.ApplyStep when, double lr) {
        for (Regularization r : regs) {
            if (r.applyStep() == when) {
                for (var e : slices.entrySet()) {
                    r.apply(sd.getArrForVarName(e.getKey()), e.getValue(), lr, iteration, epoch);
                }
            }
        }
    }
}
