package netcanvas.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start as a user meets it, each run a fresh process: `netcanvas summary resnet50` until it exits, and, where
 * there is a display, the desktop app until its window is first laid out (the app prints that itself when
 * NETCANVAS_PRINT_STARTUP is set; see DesktopApp). Runs the same launcher this process was started with: the
 * installer's bin/NetCanvas, or java with this class path.
 */
final class StartupBenchmark {
    // Kept as text so that this class never loads JavaFX (DesktopApp's constants are the same strings).
    static final String PRINT_STARTUP = "NETCANVAS_PRINT_STARTUP";
    static final String STARTUP_LINE = "netcanvas startup: window shown after ";
    /** How the app's line of phase lengths starts (StartupClock.PHASES_LINE). */
    static final String PHASES_LINE = "netcanvas startup phases:";
    /** Issue 18's goal for the window: an editable canvas within 2.5 s of a cold start. */
    static final long WINDOW_TARGET_MS = 2500;

    private StartupBenchmark() {
    }

    static void run(int runs, PrintWriter out) throws Exception {
        List<String> launcher = launcher();
        out.println("launcher: " + String.join(" ", launcher.size() > 2 ? launcher.subList(0, 2) : launcher)
                + (launcher.size() > 2 ? " ... netcanvas.app.Main" : ""));
        long[] summary = new long[runs];
        for (int i = 0; i < runs; i++) {
            List<String> c = new ArrayList<>(launcher);
            c.addAll(List.of("summary", "resnet50"));
            long t0 = System.nanoTime();
            Process p = fresh(c).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                String text = new String(output, StandardCharsets.UTF_8);
                throw new CommandFailure(ExitCodes.INTERNAL, "'summary resnet50' failed: " + c + ": "
                        + text.substring(Math.max(0, text.length() - 2000)));
            }
            summary[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        out.println(line("summary resnet50 (process start to exit)", summary));

        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            out.println("window: not measured, no display (run under xvfb-run to measure it headless)");
            return;
        }
        long[] window = new long[runs];
        Map<String, long[]> phases = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            ProcessBuilder pb = fresh(launcher).redirectErrorStream(true);
            pb.environment().put(PRINT_STARTUP, "exit");
            Path home = Files.createTempDirectory("netcanvas-startup");  // no autosave, recovery or recent files
            pb.environment().put("JAVA_TOOL_OPTIONS", "-Dnetcanvas.home=" + home);
            Process p = pb.start();
            long ms = -1;
            StringBuilder seen = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    if (l.startsWith(STARTUP_LINE)) {
                        ms = Long.parseLong(l.substring(STARTUP_LINE.length()).replace(" ms", "").trim());
                    } else if (l.startsWith(PHASES_LINE)) {
                        int run = i;
                        phases(l).forEach((phase, t) -> phases.computeIfAbsent(phase, k -> new long[runs])[run] = t);
                    } else if (!l.startsWith("Picked up JAVA_TOOL_OPTIONS")) {
                        seen.append(l).append('\n');
                    }
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            if (ms < 0) {
                throw new CommandFailure(ExitCodes.INTERNAL, "the desktop app did not report its start-up: " + seen);
            }
            window[i] = ms;
        }
        out.println(line("desktop window (process start to first layout of the shown window)", window));
        long median = median(window);
        out.println(String.format(Locale.ROOT, "  target %d ms: the median is %.2f times the target (%s)",
                WINDOW_TARGET_MS, median / (double) WINDOW_TARGET_MS, median <= WINDOW_TARGET_MS ? "met" : "missed"));
        out.println("  phases, median of each (they need not add up to the median total):");
        phases.forEach((phase, ms) -> out.println(String.format(Locale.ROOT, "    %-12s %6d ms  (%s)", phase,
                median(ms), PHASE_MEANING.getOrDefault(phase, ""))));
    }

    /** What each phase the app reports covers (its end is the start of the next). */
    private static final Map<String, String> PHASE_MEANING = Map.of(
            "jvm", "process start to main(): launcher, JVM, class-data sharing",
            "main", "main() to the JavaFX launch (ND4J's memory cap and natives are set on a background thread)",
            "javafx", "JavaFX toolkit: GTK, renderer, first thread",
            "window", "building the main window: canvas, panels, menus, first analysis",
            "show", "showing it: CSS, control skins, first layout, fit to the network",
            "first frame", "until the first layout pulse after the window is shown");

    /** "jvm 170 ms, main 90 ms" after the PHASES_LINE prefix, in order. */
    static Map<String, Long> phases(String line) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String part : line.substring(PHASES_LINE.length()).split(",")) {
            String p = part.trim();
            if (p.endsWith(" ms")) {
                int space = p.lastIndexOf(' ', p.length() - 4);
                try {
                    out.put(p.substring(0, space), Long.parseLong(p.substring(space + 1, p.length() - 3)));
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    // a phase this version cannot read: left out of the table
                }
            }
        }
        return out;
    }

    private static long median(long[] ms) {
        long[] s = ms.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String line(String what, long[] ms) {
        long[] s = ms.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%s: median %d ms, min %d ms, max %d ms over %d runs", what,
                s[s.length / 2], s[0], s[s.length - 1], s.length);
    }

    /**
     * A process as a user starts it. jpackage's launcher marks its environment (_JPACKAGE_LAUNCHER) so that a child
     * launcher passes its arguments to plain java: the mark must not reach the launchers started here.
     */
    private static ProcessBuilder fresh(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("_JPACKAGE"));
        return pb;
    }

    /** The installer's launcher (jpackage names it in jpackage.app-path), else java with this class path. */
    private static List<String> launcher() {
        String app = System.getProperty("jpackage.app-path");
        if (app != null && Files.isExecutable(Path.of(app))) {
            return List.of(app);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "netcanvas.app.Main");
    }
}
