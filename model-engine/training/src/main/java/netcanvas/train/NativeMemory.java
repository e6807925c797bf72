package netcanvas.train;

import java.lang.management.ManagementFactory;

/**
 * Caps the process's physical memory for ND4J's off-heap arrays. JavaCPP, which allocates them, collects garbage
 * and retries when the process grows past {@code org.bytedeco.javacpp.maxphysicalbytes}, and fails with a Java
 * OutOfMemoryError (which the trainer reports) rather than growing until the kernel kills the process, which is
 * what a long run did before: SameDiff's finished arrays wait for the garbage collector, and a small Java heap
 * rarely needs one. It must be set before the first ND4J class loads, so the program's entry point calls it.
 */
public final class NativeMemory {
    static final String PROPERTY = "org.bytedeco.javacpp.maxphysicalbytes";
    /** The share of the machine's memory the process may use before a collection is forced. */
    static final double SHARE = 0.7;

    private NativeMemory() {
    }

    /** Sets the cap to 70 % of physical memory unless the user set one (-D on the command line). */
    public static void capPhysicalMemory() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getTotalMemorySize() > 0) {
            System.setProperty(PROPERTY, Long.toString((long) (os.getTotalMemorySize() * SHARE)));
        }
    }
}
