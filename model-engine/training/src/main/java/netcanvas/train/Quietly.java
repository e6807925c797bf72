package netcanvas.train;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * SameDiff 1.0.0-M2.1 prints one "Added differentiated op" line per operation to System.out while it builds the
 * gradient graph, unconditionally. The graph is built here, up front, with that output discarded, so that the command
 * line shows progress lines only.
 */
final class Quietly {
    private Quietly() {
    }

    static synchronized void createGradients(SameDiff sd) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(original);
        }
    }
}
