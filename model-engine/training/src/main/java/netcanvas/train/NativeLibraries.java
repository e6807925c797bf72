package netcanvas.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks which build of ND4J's native library loads: the oneDNN AVX-512 build on a CPU that has the AVX-512 subsets it
 * was compiled for, else the oneDNN AVX2 build. Both ship; JavaCPP loads the build named by the system property
 * {@code org.bytedeco.javacpp.platform.extension} ({@code -onednn-avx512} or {@code -onednn-avx2}, the suffixes of
 * the nd4j-native jars' classifiers), so the property must be set before the first ND4J class loads: the program's
 * entry point calls {@link #selectForCpu()}. A property given on the command line (-D) wins, and so does
 * {@code NETCANVAS_ND4J_NATIVES=avx2} (or {@code avx512}) in the environment, to compare the two builds.
 */
public final class NativeLibraries {
    static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String ENVIRONMENT = "NETCANVAS_ND4J_NATIVES";
    static final String AVX512 = "-onednn-avx512";
    static final String AVX2 = "-onednn-avx2";
    /** libnd4j's AVX-512 build targets Skylake-X: foundation, byte/word, double/quad word and vector length. */
    static final List<String> AVX512_FLAGS = List.of("avx512f", "avx512bw", "avx512dq", "avx512vl");
    /** Where the AVX-512 jar keeps its libraries; absent when the build does not ship it. */
    static final String AVX512_BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn-avx512/";

    private NativeLibraries() {
    }

    /**
     * Sets the extension for this CPU unless the user chose one. Loads no ND4J class.
     *
     * @return the extension chosen, or null when the user's choice stands or nothing needs choosing
     */
    public static String selectForCpu() {
        if (System.getProperty(PROPERTY) != null) {
            return null;
        }
        String choice = choose(System.getenv(ENVIRONMENT), cpuFlags(),
                NativeLibraries.class.getClassLoader().getResource(AVX512_BINDINGS) != null);
        if (choice != null) {
            System.setProperty(PROPERTY, choice);
        }
        return choice;
    }

    /**
     * The extension to load: the environment's choice when it names one, else AVX-512 when the CPU has it and the
     * build ships it, else AVX2. Null (JavaCPP's own default) when the CPU's flags cannot be read and nothing was
     * asked.
     */
    static String choose(String requested, Set<String> flags, boolean avx512Shipped) {
        if (requested != null && !requested.isBlank()) {
            String r = requested.strip().toLowerCase(Locale.ROOT);
            if (r.equals("avx512") || r.equals(AVX512.substring(1))) {
                return AVX512;
            }
            if (r.equals("avx2") || r.equals(AVX2.substring(1))) {
                return AVX2;
            }
        }
        if (flags.isEmpty()) {
            return null;
        }
        return avx512Shipped && flags.containsAll(AVX512_FLAGS) ? AVX512 : AVX2;
    }

    /** The CPU's feature flags from /proc/cpuinfo (Linux), or none where it cannot be read. */
    public static Set<String> cpuFlags() {
        try {
            return flagsOf(Files.readString(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** The flags of the first processor listed in a /proc/cpuinfo text. */
    static Set<String> flagsOf(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("flags")) {
                return new TreeSet<>(java.util.Arrays.asList(line.substring(colon + 1).strip().split("\\s+")));
            }
        }
        return Set.of();
    }

    /**
     * One line for benchmarks and logs: the native build that loaded (from the path JavaCPP loaded libnd4j's JNI
     * library from) and whether the CPU has AVX-512. Call it after ND4J has started.
     */
    public static String describe() {
        String loaded = "unknown";
        for (Map.Entry<String, String> e : org.bytedeco.javacpp.Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().startsWith("jnind4jcpu")) {
                loaded = classifierOf(e.getValue());
            }
        }
        Set<String> flags = cpuFlags();
        String cpu = flags.isEmpty() ? "CPU flags unreadable"
                : flags.containsAll(AVX512_FLAGS) ? "CPU has AVX-512 (" + String.join(" ", AVX512_FLAGS) + ")"
                : flags.contains("avx2") ? "CPU has AVX2, no AVX-512" : "CPU has neither AVX2 nor AVX-512";
        String why = System.getProperty(PROPERTY) == null ? "JavaCPP's default"
                : PROPERTY + "=" + System.getProperty(PROPERTY);
        return "ND4J natives " + loaded + " (" + why + "); " + cpu;
    }

    /** "linux-x86_64-onednn-avx2" from a path .../bindings/linux-x86_64-onednn-avx2/libjnind4jcpu.so. */
    static String classifierOf(String path) {
        String p = path.replace('\\', '/');
        int end = p.lastIndexOf('/');
        int start = end > 0 ? p.lastIndexOf('/', end - 1) : -1;
        return end > 0 ? p.substring(start + 1, end) : p;
    }
}
