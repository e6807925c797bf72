package netcanvas.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The clock the time benchmark and the calibration read: wall time, or, with the system property
 * {@code netcanvas.cpuClock=true}, the calling thread's CPU time. With ND4J on one thread ({@code OMP_NUM_THREADS=1})
 * all of a step's work runs on the calling thread, so its CPU time is the step's work whatever else the machine runs: a
 * comparison of the estimate with the measured steps that holds on a loaded machine, for one thread.
 */
final class BenchClock {
    private static final boolean CPU = Boolean.getBoolean("netcanvas.cpuClock");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private BenchClock() {
    }

    /** Nanoseconds from an arbitrary origin, for differences. */
    static long nanos() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
