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
        assertEquals(DesktopApp.PHASES_LINE, StartupBenchmark.PHASES_LINE);
    }

    @Test
    void readsEachPhaseOfTheAppsLine() {
        assertEquals(java.util.Map.of("jvm", 170L, "main", 9L, "first frame", 1204L),
                StartupBenchmark.phases(StartupBenchmark.PHASES_LINE + " jvm 170 ms, main 9 ms, first frame 1204 ms"));
        assertEquals(java.util.List.of("jvm", "main", "first frame"), java.util.List.copyOf(StartupBenchmark.phases(
                StartupBenchmark.PHASES_LINE + " jvm 170 ms, main 9 ms, first frame 1204 ms").keySet()));
    }
}
