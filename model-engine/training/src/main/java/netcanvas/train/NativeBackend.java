package netcanvas.train;

import java.util.Locale;
import java.util.Optional;

/**
 * Recognises ND4J's native backend failing to load, so that a user sees what the machine lacks instead of a bug
 * report. ND4J loads its natives when its first class initialises: the first use fails with an
 * {@link UnsatisfiedLinkError} (wrapped in an {@link ExceptionInInitializerError}), every later use with a
 * {@link NoClassDefFoundError} naming an ND4J class.
 */
public final class NativeBackend {
    /** The CUDA backend's class; present only in a build made with the {@code cuda} Maven profile. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private NativeBackend() {
    }

    /**
     * @return what to tell the user when {@code t}, or one of its causes, is ND4J's backend failing to load
     */
    public static Optional<String> loadFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String why = String.valueOf(c.getMessage());
            boolean link = c instanceof UnsatisfiedLinkError;
            boolean later = c instanceof NoClassDefFoundError && why.contains("org.nd4j");
            boolean none = c.getClass().getName().endsWith("NoAvailableBackendException");
            if (link || later || none) {
                // ND4J prints the link error itself before it gives up, with a message about the class path.
                String what = link ? why : none ? "no backend could start (ND4J printed why above)"
                        : "an earlier attempt in this process failed (" + why + ")";
                return Optional.of(message(what, cudaBuild() || why.toLowerCase(Locale.ROOT).contains("cuda")));
            }
        }
        return Optional.empty();
    }

    static String message(String why, boolean cuda) {
        String fix = cuda
                ? "This is the GPU build (made with 'mvn -Pcuda'): it needs an NVIDIA GPU with its driver"
                        + " (libcuda.so.1) and CUDA 11.6 with cuDNN 8.3. To train on the CPU, build without -Pcuda."
                : "The CPU build needs Linux on x86-64 with AVX2; check that the jars in app/target/lib are"
                        + " complete (run 'mvn -DskipTests package' again).";
        return "ND4J's native backend could not load: " + why + ". " + fix;
    }

    /** Whether this is the build made with the {@code cuda} profile. */
    static boolean cudaBuild() {
        try {
            Class.forName(CUDA_BACKEND, false, NativeBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
