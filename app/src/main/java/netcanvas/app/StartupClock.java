package netcanvas.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When each phase of the desktop app's start ended, counted from the process's start, for `bench startup` (which
 * reads the line {@link #phasesLine()} makes) and for anyone asking why the window came late. Loads no JavaFX.
 */
final class StartupClock {
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Instant> ENDS = new ArrayList<>();

    private StartupClock() {
    }

    /** Notes that a phase ended now. */
    static synchronized void mark(String phase) {
        NAMES.add(phase);
        ENDS.add(Instant.now());
    }

    /** Milliseconds from the process's start to now (-1 where the system does not tell when it started). */
    static long sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
    }

    /**
     * Each phase's own length: "netcanvas startup phases: jvm 170 ms, javafx 640 ms, ..." (the first phase counted
     * from the process's start); empty when the process's start is unknown.
     */
    static synchronized String phasesLine() {
        Instant start = ProcessHandle.current().info().startInstant().orElse(null);
        if (start == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(DesktopApp.PHASES_LINE); // a constant: loads no JavaFX
        Instant previous = start;
        for (int i = 0; i < NAMES.size(); i++) {
            b.append(i == 0 ? " " : ", ").append(NAMES.get(i)).append(' ')
                    .append(Duration.between(previous, ENDS.get(i)).toMillis()).append(" ms");
            previous = ENDS.get(i);
        }
        return b.toString();
    }
}
