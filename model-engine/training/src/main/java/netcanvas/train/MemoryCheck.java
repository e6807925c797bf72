package netcanvas.train;

import java.util.Locale;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Optimizer;
import netcanvas.analysis.TrainingMemory;
import org.bytedeco.javacpp.Pointer;

/** Refuses a run whose estimated memory exceeds what ND4J may allocate, before any allocation happens. */
public final class MemoryCheck {
    private MemoryCheck() {
    }

    /** Bytes ND4J can still allocate: the lower of its off-heap limit's remainder and the machine's free memory. */
    public static long available() {
        long limit = Pointer.maxBytes();
        long left = limit > 0 ? limit - Pointer.totalBytes() : Long.MAX_VALUE;
        long physical = Pointer.availablePhysicalBytes();
        return Math.min(left, physical > 0 ? physical : Long.MAX_VALUE);
    }

    public static void check(Analysis a, int batch, Optimizer optimizer) throws TrainingException {
        TrainingMemory m = a.trainingMemory(batch, optimizer);
        long avail = available();
        // The evaluation graph keeps a second copy of the weights.
        long need = m.total() > Long.MAX_VALUE - m.weights() ? Long.MAX_VALUE : m.total() + m.weights();
        if (need > avail) {
            throw new TrainingException(String.format(Locale.ROOT,
                    "training '%s' at batch %d needs about %s (weights %s and their copy for evaluation, gradients %s,"
                            + " %s state %s, activations %s)"
                            + " but only %s is available (ND4J off-heap limit %s, free memory %s): lower the batch"
                            + " size%s",
                    a.network().name(), batch, mib(need), mib(m.weights()), mib(m.gradients()), optimizer,
                    mib(m.optimizerState()), mib(m.activations()), mib(avail), mib(Pointer.maxBytes()),
                    mib(Pointer.availablePhysicalBytes()),
                    m.activations() / Math.max(1, batch) * 2 < avail ? " (about " + Math.max(1,
                            (avail - m.weights() - m.gradients() - m.optimizerState()) / Math.max(1,
                                    m.activations() / batch)) + " fits)" : ", shrink the input or the network"));
        }
    }

    static String mib(long bytes) {
        return bytes >= (1L << 30) ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
