package netcanvas.train;

import java.util.Locale;

/**
 * A learning-rate schedule: constant; step decay, spelled "step" (multiply by gamma every {@code every} epochs, as
 * PyTorch's StepLR; an exported script's "step" is the same decay with its interval fixed to a third of the run);
 * cosine (from the base rate
 * to 0 over the run, per iteration, as CosineAnnealingLR with T_max = all iterations); or reduce-on-plateau
 * (multiply by gamma when validation loss has not improved for {@code patience} epochs).
 */
public record Schedule(Kind kind, int every, double gamma, int patience) {
    public enum Kind {
        CONSTANT, STEP_DECAY, COSINE, PLATEAU
    }

    public static final Schedule CONSTANT = new Schedule(Kind.CONSTANT, 0, 1, 0);

    /** What each kind accepts; a rate must stay positive and finite, so a step's gamma is in (0, 1]. */
    public Schedule {
        if (kind == Kind.STEP_DECAY) {
            if (every < 1) {
                throw new IllegalArgumentException("step schedule: EPOCHS must be a whole number of at least 1, got "
                        + every);
            }
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("step schedule: GAMMA must be more than 0 and at most 1, got "
                        + gamma);
            }
        } else if (kind == Kind.PLATEAU) {
            if (!(gamma > 0 && gamma < 1)) {
                throw new IllegalArgumentException("plateau schedule: GAMMA must be more than 0 and less than 1, got "
                        + gamma);
            }
            if (patience < 0) {
                throw new IllegalArgumentException("plateau schedule: PATIENCE must be 0 or more epochs, got "
                        + patience);
            }
        }
    }

    /** Multiply the rate by gamma every {@code every} epochs (text form "step:EVERY:GAMMA"). */
    public static Schedule stepDecay(int every, double gamma) {
        return new Schedule(Kind.STEP_DECAY, every, gamma, 0);
    }

    public static Schedule cosine() {
        return new Schedule(Kind.COSINE, 0, 0, 0);
    }

    public static Schedule plateau(double gamma, int patience) {
        return new Schedule(Kind.PLATEAU, 0, gamma, patience);
    }

    private static final String FORMS = "use constant, step[:EPOCHS:GAMMA] (EPOCHS at least 1, GAMMA in (0, 1]), "
            + "cosine or plateau[:GAMMA:PATIENCE] (GAMMA in (0, 1), PATIENCE at least 0)";

    /**
     * "constant", "step", "step:10:0.1", "cosine", "plateau", "plateau:0.1:2".
     *
     * @throws IllegalArgumentException saying which part is wrong and what is allowed
     */
    public static Schedule parse(String s) {
        String[] p = s.trim().split(":", -1);
        p[0] = p[0].toLowerCase(Locale.ROOT);
        int parts = switch (p[0]) {
            case "constant", "none", "cosine" -> 1;
            case "step", "plateau" -> 3;
            default -> throw new IllegalArgumentException("unknown schedule '" + s + "': " + FORMS);
        };
        if (p.length > parts) {
            throw new IllegalArgumentException("schedule '" + s + "' has too many parts: " + FORMS);
        }
        try {
            return switch (p[0]) {
                case "constant", "none" -> CONSTANT;
                case "step" -> stepDecay(p.length > 1 ? whole(p[1], "EPOCHS", s) : 10,
                        p.length > 2 ? number(p[2], "GAMMA", s) : 0.1);
                case "cosine" -> cosine();
                default -> plateau(p.length > 1 ? number(p[1], "GAMMA", s) : 0.1,
                        p.length > 2 ? whole(p[2], "PATIENCE", s) : 2);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("schedule '") ? e.getMessage()
                    : "schedule '" + s + "': " + e.getMessage());
        }
    }

    private static int whole(String text, String name, String schedule) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("schedule '" + schedule + "': " + name + " '" + text
                    + "' is not a whole number; " + FORMS);
        }
    }

    private static double number(String text, String name, String schedule) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("schedule '" + schedule + "': " + name + " '" + text
                + "' is not a number; " + FORMS);
    }
}
