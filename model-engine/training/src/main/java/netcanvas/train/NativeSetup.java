package netcanvas.train;

/**
 * The process-wide settings ND4J reads when its first class loads: the cap on its physical memory
 * ({@link NativeMemory}) and the native build for this CPU ({@link NativeLibraries}). A command sets them before it
 * starts; the desktop window sets them on a background thread while it builds itself (reading the machine's memory
 * size loads the JDK's management classes, time the window's start does not need), and everything that loads ND4J
 * from the window waits for that thread first.
 */
public final class NativeSetup {
    private static Thread background;

    private NativeSetup() {
    }

    /** Sets both now, on this thread. */
    public static void now() {
        NativeMemory.capPhysicalMemory();
        NativeLibraries.selectForCpu();
    }

    /** Sets both on a background thread; {@link #await} waits for it. */
    public static synchronized void inBackground() {
        if (background == null) {
            background = new Thread(NativeSetup::now, "netcanvas-native-setup");
            background.setDaemon(true);
            background.start();
        }
    }

    /** Returns once both are set (at once when {@link #inBackground} was not called, or has finished). */
    public static void await() {
        Thread t;
        synchronized (NativeSetup.class) {
            t = background;
        }
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
