package netcanvas.export;

import java.util.List;
import java.util.Locale;
import netcanvas.analysis.Optimizer;

/**
 * The training recipe written into an exported file (its defaults; the file's command line can override each).
 *
 * @param optimizer one the script offers ({@link Optimizer#inExportedScript()}: sgd, momentum (SGD with momentum
 *                  0.9), adam or adamw)
 * @param lr        initial learning rate
 * @param schedule  step decay (x0.1 after each third of the epochs), cosine decay to 0, or constant
 * @param batch     samples per step (per process under torchrun)
 * @param epochs    passes over the training set
 */
public record ExportRecipe(Optimizer optimizer, double lr, RecipeSchedule schedule, int batch, int epochs) {

    /** The optimizer spellings the script accepts. */
    public static final List<String> OPTIMIZERS = Optimizer.exportedSpellings();
    /** The schedule spellings the script accepts. */
    public static final List<String> SCHEDULES = RecipeSchedule.spellings();

    public ExportRecipe {
        if (optimizer == null || !optimizer.inExportedScript()) {
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "': use one of "
                    + String.join(", ", OPTIMIZERS));
        }
        java.util.Objects.requireNonNull(schedule, "schedule");
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

    /**
     * A recipe from the names typed on the command line ("adamw", "step", ...), case ignored.
     *
     * @throws IllegalArgumentException naming the unknown optimizer or schedule and the ones the script offers
     */
    public static ExportRecipe parse(String optimizer, double lr, String schedule, int batch, int epochs) {
        String o = optimizer == null ? "" : optimizer.toLowerCase(Locale.ROOT);
        if (!OPTIMIZERS.contains(o)) {
            throw new IllegalArgumentException("unknown optimizer '" + o + "': use one of "
                    + String.join(", ", OPTIMIZERS));
        }
        return new ExportRecipe(Optimizer.parse(o), lr, RecipeSchedule.parse(schedule), batch, epochs);
    }

    /** SGD with momentum 0.9, lr 0.01, cosine decay, batch 64, 10 epochs: a safe start for small networks. */
    public static ExportRecipe defaults() {
        return new ExportRecipe(Optimizer.MOMENTUM, 0.01, RecipeSchedule.COSINE, 64, 10);
    }

    public ExportRecipe withOptimizer(Optimizer o) {
        return new ExportRecipe(o, lr, schedule, batch, epochs);
    }

    public ExportRecipe withLr(double l) {
        return new ExportRecipe(optimizer, l, schedule, batch, epochs);
    }

    public ExportRecipe withSchedule(RecipeSchedule s) {
        return new ExportRecipe(optimizer, lr, s, batch, epochs);
    }

    public ExportRecipe withBatch(int b) {
        return new ExportRecipe(optimizer, lr, schedule, b, epochs);
    }

    public ExportRecipe withEpochs(int e) {
        return new ExportRecipe(optimizer, lr, schedule, batch, e);
    }
}
