package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What the command line prints for a failure nothing expected. */
class ErrorHandlingTest {

    @Test
    void aBackendThatCannotLoadIsTheMachinesNotABug() {
        StringWriter out = new StringWriter();
        int code = ErrorHandling.unexpected(new PrintWriter(out), "netcanvas", new ExceptionInInitializerError(
                new UnsatisfiedLinkError("libjnicudart.so: libcuda.so.1: cannot open shared object file")));
        assertEquals(ExitCodes.UNSUPPORTED_MACHINE, code);
        assertTrue(out.toString().startsWith("netcanvas: ND4J's native backend could not load: libjnicudart.so:"
                + " libcuda.so.1"), out.toString());
        assertFalse(out.toString().contains("bug"), out.toString());
    }

    @Test
    void anythingElseIsReportedAsABug() {
        StringWriter out = new StringWriter();
        int code = ErrorHandling.unexpected(new PrintWriter(out), "netcanvas train", new IllegalStateException("x"));
        assertEquals(ExitCodes.INTERNAL, code);
        assertTrue(out.toString().contains("netcanvas train: internal error: java.lang.IllegalStateException: x"),
                out.toString());
    }
}
