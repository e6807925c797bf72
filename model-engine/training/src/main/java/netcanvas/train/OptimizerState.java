package netcanvas.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The optimizer's memory (Adam's and AdamW's moments m and v, SGD's momentum buffer) inside a checkpoint, so a
 * resumed run takes the step the uninterrupted run would have taken. Without it Adam restarts from zero moments and
 * bias-corrects them as if at step 1, which jolts a network that was well into training.
 *
 * <p>The arrays are stored beside the weights as {@code optimizer/<variable>/<state>}.
 */
final class OptimizerState {
    static final String PREFIX = "optimizer/";

    private OptimizerState() {
    }

    /** Adds the optimizer's current state to a checkpoint's arrays (nothing for plain SGD). */
    static void addTo(Map<String, INDArray> arrays, Map<String, Map<String, INDArray>> state) {
        state.forEach((weight, kinds) -> kinds.forEach((k, a) -> arrays.put(PREFIX + weight + "/" + k, a)));
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
     * Puts a checkpoint's optimizer state into a run's updaters before its first step, when it fits this run's
     * optimizer exactly (same state names for every weight); otherwise the state starts afresh and the user is told
     * why.
     *
     * @param saved    the checkpoint's state ({@link #in})
     * @param keys     the state names this run's optimizer keeps ({@link #keysOf})
     * @param state    the run's optimizer state by weight name, then state name (arrays written in place)
     * @param steps    steps taken before the checkpoint, for the message
     * @throws IllegalStateException when the names match but a size does not: the design changed since the save
     */
    static void restore(Map<String, Map<String, INDArray>> saved, Set<String> keys,
            Map<String, Map<String, INDArray>> state, long steps, Consumer<String> say) {
        if (keys.isEmpty() && saved.isEmpty()) {
            return; // plain SGD keeps no state, before or now
        }
        String misfit = saved.isEmpty() ? "the checkpoint holds none (saved by an older NetCanvas, or by plain SGD)"
                : saved.values().stream().allMatch(m -> m.keySet().equals(keys)) ? null
                : "it was saved by another optimizer (it kept " + saved.values().iterator().next().keySet()
                        + " per weight, this one keeps " + keys + ")";
        if (misfit != null) {
            say.accept("optimizer state starts afresh: " + misfit);
            return;
        }
        for (var u : state.entrySet()) {
            Map<String, INDArray> was = saved.get(u.getKey());
            Map<String, INDArray> now = u.getValue();
            for (var k : now.entrySet()) {
                INDArray a = was == null ? null : was.get(k.getKey());
                if (a == null || a.length() != k.getValue().length()) {
                    throw new IllegalStateException("the checkpoint's optimizer state for '" + u.getKey()
                            + "' does not fit this network");
                }
                k.getValue().assign(a.reshape(k.getValue().shape()));
            }
        }
        say.accept(String.format(java.util.Locale.ROOT, "optimizer state restored (%s for %d weights, step %,d)",
                String.join(", ", new java.util.TreeSet<>(keys)), state.size(), steps));
    }
}
