package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The choice of ND4J's native build from the CPU's flags, the user's request and what the build ships. */
class NativeLibrariesTest {
    /** An AVX-512 server's flags line (Intel Xeon, Ice Lake), shortened; and a Zen 2 desktop's, which has AVX2 only. */
    private static final String XEON = "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx avx2 fma"
            + " avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl avx512vbmi\nbugs\t\t: spectre_v1\n\n"
            + "processor\t: 1\nflags\t\t: fpu\n";
    private static final String ZEN2 = "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma sha_ni\n";

    @Test
    void readsTheFirstProcessorsFlags() {
        Set<String> flags = NativeLibraries.flagsOf(XEON);
        assertEquals(true, flags.containsAll(Set.of("avx2", "avx512f", "avx512bw", "avx512dq", "avx512vl")));
        assertEquals(Set.of(), NativeLibraries.flagsOf("no flags here\n"));
    }

    @Test
    void picksAvx512OnlyWhereTheCpuHasItAndTheBuildShipsIt() {
        assertEquals("-onednn-avx512", NativeLibraries.choose(null, NativeLibraries.flagsOf(XEON), true));
        assertEquals("-onednn-avx2", NativeLibraries.choose(null, NativeLibraries.flagsOf(XEON), false));
        assertEquals("-onednn-avx2", NativeLibraries.choose(null, NativeLibraries.flagsOf(ZEN2), true));
        // avx512f alone (Knights Landing) lacks the byte/word and vector-length subsets the build uses
        assertEquals("-onednn-avx2", NativeLibraries.choose("", Set.of("avx2", "avx512f", "avx512cd"), true));
        assertNull(NativeLibraries.choose(null, Set.of(), true), "unreadable flags leave JavaCPP's default");
    }

    @Test
    void theEnvironmentChoosesWhenItNamesABuild() {
        assertEquals("-onednn-avx2", NativeLibraries.choose("avx2", NativeLibraries.flagsOf(XEON), true));
        assertEquals("-onednn-avx512", NativeLibraries.choose(" AVX512 ", NativeLibraries.flagsOf(ZEN2), true));
        assertEquals("-onednn-avx2", NativeLibraries.choose("onednn-avx2", Set.of(), true));
        assertEquals("-onednn-avx2", NativeLibraries.choose("fastest", NativeLibraries.flagsOf(ZEN2), true));
    }

    @Test
    void namesTheClassifierFromTheLoadedLibrarysFolder() {
        assertEquals("linux-x86_64-onednn-avx512", NativeLibraries.classifierOf("/root/.javacpp/cache/"
                + "nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar/org/nd4j/linalg/cpu/nativecpu/bindings/"
                + "linux-x86_64-onednn-avx512/libjnind4jcpu.so"));
    }
}
