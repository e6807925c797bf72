package netcanvas.train;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a plan's time goes: its bound calls run one by one, each timed on the {@link BenchClock} and summed under its
 * key (an operation's name, or the layer it belongs to). The training step and the inference plan both profile so.
 */
final class OpProfile {
    private OpProfile() {
    }

    /**
     * Milliseconds per pass by key, largest first.
     *
     * @param calls the plan's bound calls, in order
     * @param keys each call's key, as many as calls
     * @param passes how many timed passes; each starts with {@code beforePass} (copying the batch in), not timed
     */
    static Map<String, Double> of(List<Runnable> calls, List<String> keys, int passes, Runnable beforePass) {
        if (calls.size() != keys.size()) {
            throw new IllegalArgumentException(calls.size() + " calls but " + keys.size() + " keys");
        }
        Map<String, Long> nanos = new HashMap<>();
        for (int p = 0; p < passes; p++) {
            beforePass.run();
            for (int i = 0; i < calls.size(); i++) {
                long t = BenchClock.nanos();
                calls.get(i).run();
                nanos.merge(keys.get(i), BenchClock.nanos() - t, Long::sum);
            }
        }
        Map<String, Double> ms = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> ms.put(e.getKey(), e.getValue() / 1e6 / passes));
        return ms;
    }
}
