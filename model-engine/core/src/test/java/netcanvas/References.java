package netcanvas;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Independent references (Debian's PyTorch, the Fashion-MNIST package) that some tests compare against. On a
 * developer's machine without one, such a test is skipped with the reason. Under CI (the CI environment variable
 * set, as .ci/run runs) it fails instead: CI installs every reference, so a missing one is a broken set-up, and a
 * skipped comparison must never pass as a green build.
 */
public final class References {
    private References() {
    }

    public static void require(boolean present, String what) {
        if (!present && System.getenv("CI") != null) {
            fail(what + " is missing on CI, where .ci/run installs it: the comparison would have been skipped");
        }
        assumeTrue(present, what + " is not installed here; the test is skipped");
    }
}
