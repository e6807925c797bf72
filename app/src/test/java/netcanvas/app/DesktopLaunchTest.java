package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Without arguments netcanvas opens the desktop app; a build without it says so instead of failing obscurely. */
class DesktopLaunchTest {

    @Test
    void aBuildWithoutTheDesktopAppSaysSo() {
        // Once the desktop app is in the build this would open a window, so the test then stands aside.
        assumeTrue(Main.class.getClassLoader().getResource("netcanvas/app/DesktopApp.class") == null,
                "the desktop app is in this build");
        StringWriter err = new StringWriter();
        int status = Main.launchDesktop(new String[0], new PrintWriter(err, true));
        assertEquals(1, status);
        assertTrue(err.toString().contains("the desktop app is not in this build"), err.toString());
    }
}
