package netcanvas.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The optimizer's memory (Adam's and AdamW's moments m and v, SGD's momentum buffer) inside a checkpoint, so a
 * resumed run takes the step the uninterrupted run would have taken. Without it Adam restarts from zero moments and
 * bias-corrects them as if at step 1, which jolts a network that was well into training.
 *
 * <p>The arrays are stored beside the weights as {@code optimizer/<variable>/<state>}. ND4J creates its updaters
 * only inside the first step, so {@link Restore} puts the saved state in there.
 */
final class OptimizerState {
    static final String PREFIX = "optimizer/";

    private OptimizerState() {
    }

    /** Adds the optimizer's current state to a checkpoint's arrays (nothing before the first step, or for SGD). */
    static void addTo(Map<String, INDArray> arrays, SameDiff sd) {
        Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
        if (updaters == null) {
            return;
        }
        for (var u : updaters.entrySet()) {
            Map<String, INDArray> state = u.getValue().getState();
            if (state != null) {
                state.forEach((k, a) -> arrays.put(PREFIX + u.getKey() + "/" + k, a));
            }
        }
    }

    /** The saved state in a checkpoint's arrays, by variable, then by state name. */
    static Map<String, Map<String, INDArray>> in(Map<String, INDArray> arrays) {
        Map<String, Map<String, INDArray>> out = new LinkedHashMap<>();
        for (var e : arrays.entrySet()) {
            if (e.getKey().startsWith(PREFIX)) {
                String rest = e.getKey().substring(PREFIX.length());
                int slash = rest.lastIndexOf('/');
                out.computeIfAbsent(rest.substring(0, slash), k -> new LinkedHashMap<>())
                        .put(rest.substring(slash + 1), e.getValue());
            }
        }
        return out;
    }

    /**
     * The names of the state an optimizer keeps per weight ({"M", "V"} for Adam and AdamW, {"buf"} for momentum,
     * none for plain SGD), learnt from one instance on a one-value weight.
     */
    static Set<String> keysOf(IUpdater updater) {
        long size = updater.stateSize(1);
        if (size == 0) {
            return Set.of();
        }
        INDArray view = Nd4j.zeros(DataType.FLOAT, 1, size);
        Map<String, INDArray> state = updater.instantiate(view, true).getState();
        return state == null ? Set.of() : Set.copyOf(state.keySet());
    }

    /**
     * Puts a checkpoint's optimizer state back at the start of a resumed run, when it fits this run's optimizer
     * exactly (same state names and sizes for every weight); otherwise the state starts afresh and the user is told
     * why. ND4J M2.1 creates its updaters lazily inside the first step (after {@code iterationStart}), so the step
     * count is set at {@code iterationStart} (the updaters read it from the {@link At} then) and the arrays are
     * copied before the first operation runs, when the updaters exist and none has stepped yet.
     */
    static final class Restore extends BaseListener {
        private final Map<String, Map<String, INDArray>> saved;
        private final Set<String> keys;
        private final long iterations;
        private final int epochs;
        private final Consumer<String> say;
        private boolean counted;
        private boolean done;
        /** The graph being fitted: operations report the gradient sub-graph instead, which has no updaters. */
        private SameDiff fitted;

        /**
         * @param saved      the checkpoint's state ({@link #in})
         * @param keys       the state names this run's optimizer keeps ({@link #keysOf})
         * @param iterations steps taken before the checkpoint
         * @param epochs     epochs done before the checkpoint
         */
        Restore(Map<String, Map<String, INDArray>> saved, Set<String> keys, long iterations, int epochs,
                Consumer<String> say) {
            this.saved = saved;
            this.keys = keys;
            this.iterations = iterations;
            this.epochs = epochs;
            this.say = say;
        }

        @Override
        public boolean isActive(Operation operation) {
            return !done && operation == Operation.TRAINING;
        }

        @Override
        public void iterationStart(SameDiff sd, At at, MultiDataSet data, long etlMs) {
            if (counted) {
                return;
            }
            counted = true;
            fitted = sd;
            if (keys.isEmpty() && saved.isEmpty()) {
                done = true; // plain SGD keeps no state, before or now
                return;
            }
            String misfit = saved.isEmpty() ? "the checkpoint holds none (saved by an older NetCanvas, or by plain SGD)"
                    : saved.values().stream().allMatch(m -> m.keySet().equals(keys)) ? null
                    : "it was saved by another optimizer (it kept " + saved.values().iterator().next().keySet()
                            + " per weight, this one keeps " + keys + ")";
            if (misfit != null) {
                done = true;
                say.accept("optimizer state starts afresh: " + misfit);
                return;
            }
            at.setIteration((int) iterations);
            at.setEpoch(epochs);
            sd.getTrainingConfig().setIterationCount((int) iterations);
            sd.getTrainingConfig().setEpochCount(epochs);
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext ctx) {
            if (done) {
                return;
            }
            done = true;
            Map<String, GradientUpdater> updaters = fitted.getUpdaterMap();
            for (var u : updaters.entrySet()) {
                Map<String, INDArray> was = saved.get(u.getKey());
                Map<String, INDArray> now = u.getValue().getState();
                for (var k : now.entrySet()) {
                    INDArray a = was == null ? null : was.get(k.getKey());
                    if (a == null || a.length() != k.getValue().length()) {
                        // Names matched but sizes do not: the design changed; the run cannot continue exactly.
                        throw new IllegalStateException("the checkpoint's optimizer state for '" + u.getKey()
                                + "' does not fit this network");
                    }
                    k.getValue().assign(a.reshape(k.getValue().shape()));
                }
            }
            say.accept(String.format(java.util.Locale.ROOT, "optimizer state restored (%s for %d weights, step %,d)",
                    String.join(", ", new java.util.TreeSet<>(keys)), updaters.size(), iterations));
        }
    }
}
