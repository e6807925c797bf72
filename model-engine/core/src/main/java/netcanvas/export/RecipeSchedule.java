package netcanvas.export;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The learning-rate schedules an exported PyTorch script offers, by the spelling its {@code --schedule} accepts.
 * "step" is step decay, as in training ({@code netcanvas.train.Schedule.Kind#STEP_DECAY}); the script fixes its
 * interval to a third of the run and its factor to 0.1, where training takes them as {@code step:EPOCHS:GAMMA}.
 */
public enum RecipeSchedule {
    /** Step decay: x0.1 after each third of the epochs (StepLR, step_size = max(1, epochs // 3), gamma 0.1). */
    STEP_DECAY("step"),
    /** Cosine decay to 0 over the epochs (CosineAnnealingLR, T_max = epochs). */
    COSINE("cosine"),
    /** The initial rate throughout. */
    CONSTANT("constant");

    private final String spelling;

    RecipeSchedule(String spelling) {
        this.spelling = spelling;
    }

    /** The name the script's {@code --schedule} and its RECIPE use. */
    public String spelling() {
        return spelling;
    }

    /** step, cosine, constant. */
    public static List<String> spellings() {
        return Arrays.stream(values()).map(RecipeSchedule::spelling).toList();
    }

    /**
     * The schedule of this spelling, ignoring case.
     *
     * @throws IllegalArgumentException "unknown schedule 'x': use one of step, cosine, constant"
     */
    public static RecipeSchedule parse(String name) {
        String s = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (RecipeSchedule r : values()) {
            if (r.spelling.equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown schedule '" + s + "': use one of "
                + String.join(", ", spellings()));
    }

    @Override
    public String toString() {
        return spelling;
    }
}
