package netcanvas.train;

import java.util.Locale;

/**
 * A learning-rate schedule: constant; step (multiply by gamma every {@code every} epochs); cosine (from the base rate
 * to 0 over the run, per iteration, as CosineAnnealingLR with T_max = all iterations); or reduce-on-plateau
 * (multiply by gamma when validation loss has not improved for {@code patience} epochs).
 */
public record Schedule(Kind kind, int every, double gamma, int patience) {
    public enum Kind {
        CONSTANT, STEP, COSINE, PLATEAU
    }

    public static final Schedule CONSTANT = new Schedule(Kind.CONSTANT, 0, 1, 0);

    public static Schedule step(int every, double gamma) {
        return new Schedule(Kind.STEP, every, gamma, 0);
    }

    public static Schedule cosine() {
        return new Schedule(Kind.COSINE, 0, 0, 0);
    }

    public static Schedule plateau(double gamma, int patience) {
        return new Schedule(Kind.PLATEAU, 0, gamma, patience);
    }

    /** "constant", "step", "step:10:0.1", "cosine", "plateau", "plateau:0.1:2". */
    public static Schedule parse(String s) {
        String[] p = s.toLowerCase(Locale.ROOT).split(":");
        return switch (p[0]) {
            case "constant", "none" -> CONSTANT;
            case "step" -> step(p.length > 1 ? Integer.parseInt(p[1]) : 10, p.length > 2 ? Double.parseDouble(p[2]) : 0.1);
            case "cosine" -> cosine();
            case "plateau" -> plateau(p.length > 1 ? Double.parseDouble(p[1]) : 0.1,
                    p.length > 2 ? Integer.parseInt(p[2]) : 2);
            default -> throw new IllegalArgumentException("unknown schedule '" + s
                    + "': use constant, step[:EPOCHS:GAMMA], cosine or plateau[:GAMMA:PATIENCE]");
        };
    }
}
