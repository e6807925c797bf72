package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import netcanvas.app.DesktopApp;
import org.junit.jupiter.api.Test;

/** `bench startup` reads the line the desktop app prints; both sides must agree on it. */
class StartupBenchmarkTest {

    @Test
    void benchmarkAndDesktopAppAgreeOnTheStartupLine() {
        assertEquals(DesktopApp.PRINT_STARTUP, StartupBenchmark.PRINT_STARTUP);
        assertEquals(DesktopApp.STARTUP_LINE, StartupBenchmark.STARTUP_LINE);
    }
}
