package netcanvas.train;

import java.util.Locale;

/** What computes a training step's gradients (the weight update is the same {@link FlatOptimizer} in both). */
public enum Engine {
    /** NetCanvas's own executor ({@link TrainingStep}): SameDiff's gradient graph, planned once, with kernels. */
    NETCANVAS,
    /**
     * SameDiff's own execution of the same gradient graph ({@link SameDiffStep}): slower, but none of the executor's
     * planning or kernels, so a run an executor bug breaks (after an ND4J upgrade, a new operation) can still train.
     */
    SAMEDIFF;

    /** "netcanvas" or "samediff". */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException "unknown engine 'x': use netcanvas or samediff"
     */
    public static Engine parse(String name) {
        String s = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Engine e : values()) {
            if (e.spelling().equals(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "': use netcanvas (the default) or samediff");
    }
}
