package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4jBackend;

/** A backend that cannot load is named with what the machine lacks; other errors stay bugs. */
class NativeBackendTest {

    @Test
    void theCudaBuildWithoutADriverSaysWhatItNeeds() {
        // What the -Pcuda build printed here, on a machine without an NVIDIA driver.
        Throwable thrown = new ExceptionInInitializerError(new UnsatisfiedLinkError("/root/.javacpp/cache/"
                + "cuda-11.6-8.3-1.5.7-linux-x86_64.jar/org/bytedeco/cuda/linux-x86_64/libjnicudart.so: libcuda.so.1:"
                + " cannot open shared object file: No such file or directory"));
        String message = NativeBackend.loadFailure(new RuntimeException("training failed", thrown)).orElseThrow();
        assertTrue(message.contains("libcuda.so.1: cannot open shared object file"), message);
        assertTrue(message.contains("NVIDIA") && message.contains("build without -Pcuda"), message);
    }

    @Test
    void aLaterUseInTheSameProcessIsRecognisedToo() {
        Optional<String> m = NativeBackend.loadFailure(
                new NoClassDefFoundError("Could not initialize class org.nd4j.linalg.factory.Nd4j"));
        assertTrue(m.orElseThrow().contains("an earlier attempt in this process failed"), m.orElseThrow());
    }

    @Test
    void nd4jGivingUpIsNotBlamedOnTheClassPath() {
        // After printing the link error, ND4J throws this with advice about the class path, which is not the cause.
        Throwable thrown = new RuntimeException(new Nd4jBackend.NoAvailableBackendException(
                "Please ensure that you have an nd4j backend on your classpath."));
        String m = NativeBackend.loadFailure(thrown).orElseThrow();
        assertTrue(m.contains("no backend could start (ND4J printed why above)") && !m.contains("classpath"), m);
    }

    @Test
    void theCpuBuildPointsAtItsOwnRequirements() {
        // This test runs on the CPU build.
        assertFalse(NativeBackend.cudaBuild());
        String m = NativeBackend.loadFailure(new UnsatisfiedLinkError("no jnind4jcpu in java.library.path"))
                .orElseThrow();
        assertTrue(m.contains("x86-64 with AVX2") && !m.contains("NVIDIA"), m);
    }

    @Test
    void otherErrorsAreNotBackendFailures() {
        assertEquals(Optional.empty(), NativeBackend.loadFailure(new IllegalStateException("a bug")));
        assertEquals(Optional.empty(), NativeBackend.loadFailure(new NoClassDefFoundError("com/example/Missing")));
    }
}
