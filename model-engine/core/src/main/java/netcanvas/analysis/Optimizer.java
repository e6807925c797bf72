package netcanvas.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The optimizers NetCanvas trains with, estimates memory for and writes into exported scripts: one list, so a name is
 * accepted, counted and exported the same way everywhere. Free of ND4J (the updater for each lives in
 * {@code netcanvas.train}).
 */
public enum Optimizer {
    /** Plain stochastic gradient descent: no state. */
    SGD("sgd", 0, "torch.optim.SGD", true),
    /** SGD with (heavy-ball) momentum: one velocity buffer per weight. */
    MOMENTUM("momentum", 1, "torch.optim.SGD", true),
    /** SGD with Nesterov momentum: one buffer per weight; the exported script does not offer it. */
    NESTEROV("nesterov", 1, "torch.optim.SGD", false),
    /** Adam: first and second moments per weight. */
    ADAM("adam", 2, "torch.optim.Adam", true),
    /** Adam with decoupled weight decay: the same two moments. */
    ADAMW("adamw", 2, "torch.optim.AdamW", true);

    private final String spelling;
    private final int statesPerWeight;
    private final String pytorchClass;
    private final boolean inExportedScript;

    Optimizer(String spelling, int statesPerWeight, String pytorchClass, boolean inExportedScript) {
        this.spelling = spelling;
        this.statesPerWeight = statesPerWeight;
        this.pytorchClass = pytorchClass;
        this.inExportedScript = inExportedScript;
    }

    /** The name used on the command line, in the training panel and in exported recipes ("sgd", "adamw", ...). */
    public String spelling() {
        return spelling;
    }

    /** Values the optimizer keeps per trainable weight (0 for SGD, 1 for momentum, 2 for Adam's moments). */
    public int statesPerWeight() {
        return statesPerWeight;
    }

    /** The PyTorch class that implements it. */
    public String pytorchClass() {
        return pytorchClass;
    }

    /** Whether an exported PyTorch script's recipe offers it. */
    public boolean inExportedScript() {
        return inExportedScript;
    }

    /** Every spelling, in order: sgd, momentum, nesterov, adam, adamw. */
    public static List<String> spellings() {
        return Arrays.stream(values()).map(Optimizer::spelling).toList();
    }

    /** The spellings an exported script accepts: sgd, momentum, adam, adamw. */
    public static List<String> exportedSpellings() {
        return Arrays.stream(values()).filter(Optimizer::inExportedScript).map(Optimizer::spelling).toList();
    }

    /**
     * The optimizer with this spelling, ignoring case and surrounding spaces.
     *
     * @throws IllegalArgumentException "unknown optimizer 'x': use one of sgd, momentum, nesterov, adam, adamw"
     */
    public static Optimizer parse(String name) {
        String s = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Optimizer o : values()) {
            if (o.spelling.equals(s)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "': use one of "
                + String.join(", ", spellings()));
    }

    /** The spelling, so messages and reports read "adam", as typed. */
    @Override
    public String toString() {
        return spelling;
    }
}
