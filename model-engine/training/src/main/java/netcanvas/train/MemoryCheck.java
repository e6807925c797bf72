package netcanvas.train;

import java.util.Locale;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Optimizer;
import netcanvas.analysis.LayerMemory;
import netcanvas.analysis.MemoryEstimate;
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

    /**
     * Refuses a run whose training-memory peak ({@link MemoryEstimate}, the estimate {@code summary --memory} shows)
     * plus the evaluation graph's copy of the weights exceeds {@link #available}.
     */
    public static void check(Analysis a, int batch, Optimizer optimizer) throws TrainingException {
        MemoryEstimate e = a.memoryPerLayer(batch, optimizer);
        LayerMemory m = e.total();
        long avail = available();
        // The evaluation graph keeps a second copy of the weights.
        long need = add(e.peak(), m.weights());
        if (need > avail) {
            long fixed = add(add(add(m.weights(), m.weights()), add(m.gradients(), m.optimizerState())),
                    m.kernelState());
            long perSample = add(m.activations(), m.workspace()) / batch;
            throw new TrainingException(String.format(Locale.ROOT,
                    "training '%s' at batch %d needs about %s (weights %s and their copy for evaluation, gradients %s,"
                            + " %s state %s, activations and their gradients %s, convolution kernels %s, largest"
                            + " workspace %s) but only %s is available (ND4J off-heap limit %s, free memory %s):"
                            + " lower the batch size%s",
                    a.network().name(), batch, mib(need), mib(m.weights()), mib(m.gradients()), optimizer,
                    mib(m.optimizerState()), mib(m.activations()),
                    mib(m.kernelState()), mib(m.workspace()), mib(avail), mib(Pointer.maxBytes()),
                    mib(Pointer.availablePhysicalBytes()),
                    fixed < avail && perSample > 0 && (avail - fixed) / perSample >= 1
                            ? " (about " + (avail - fixed) / perSample + " fits)"
                            : ", shrink the input or the network"));
        }
    }

    /** The sum of two byte counts, capped at Long.MAX_VALUE as the estimate's own sums are. */
    private static long add(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    static String mib(long bytes) {
        return bytes >= (1L << 30) ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
