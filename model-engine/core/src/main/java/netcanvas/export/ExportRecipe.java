package netcanvas.export;

import java.util.List;
import java.util.Locale;

/**
 * The training recipe written into an exported file (its defaults; the file's command line can override each).
 *
 * @param optimizer "sgd" (plain), "momentum" (SGD with momentum 0.9), "adam" or "adamw"
 * @param lr        initial learning rate
 * @param schedule  "step" (x0.1 after each third of the epochs), "cosine" (cosine decay to 0) or "constant"
 * @param batch     samples per step (per process under torchrun)
 * @param epochs    passes over the training set
 */
public record ExportRecipe(String optimizer, double lr, String schedule, int batch, int epochs) {

    public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "adam", "adamw");
    public static final List<String> SCHEDULES = List.of("step", "cosine", "constant");

    public ExportRecipe {
        optimizer = optimizer == null ? "" : optimizer.toLowerCase(Locale.ROOT);
        schedule = schedule == null ? "" : schedule.toLowerCase(Locale.ROOT);
        if (!OPTIMIZERS.contains(optimizer)) {
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "': use one of "
                    + String.join(", ", OPTIMIZERS));
        }
        if (!SCHEDULES.contains(schedule)) {
            throw new IllegalArgumentException("unknown schedule '" + schedule + "': use one of "
                    + String.join(", ", SCHEDULES));
        }
        if (!(lr > 0 && lr <= 10)) {
            throw new IllegalArgumentException("learning rate must be above 0 and at most 10, got " + lr);
        }
        if (batch < 1 || batch > 1 << 20) {
            throw new IllegalArgumentException("batch must be between 1 and 1048576, got " + batch);
        }
        if (epochs < 1 || epochs > 100_000) {
            throw new IllegalArgumentException("epochs must be between 1 and 100000, got " + epochs);
        }
    }

    /** SGD with momentum 0.9, lr 0.01, cosine decay, batch 64, 10 epochs: a safe start for small networks. */
    public static ExportRecipe defaults() {
        return new ExportRecipe("momentum", 0.01, "cosine", 64, 10);
    }

    public ExportRecipe withOptimizer(String o) {
        return new ExportRecipe(o, lr, schedule, batch, epochs);
    }

    public ExportRecipe withLr(double l) {
        return new ExportRecipe(optimizer, l, schedule, batch, epochs);
    }

    public ExportRecipe withSchedule(String s) {
        return new ExportRecipe(optimizer, lr, s, batch, epochs);
    }

    public ExportRecipe withBatch(int b) {
        return new ExportRecipe(optimizer, lr, schedule, b, epochs);
    }

    public ExportRecipe withEpochs(int e) {
        return new ExportRecipe(optimizer, lr, schedule, batch, e);
    }
}
