package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import netcanvas.training.TrainingPanel;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How the UI tests wait for the window and move around in it as a user would: let JavaFX settle, wait for a state
 * checked on the FX thread, scroll the training panel to a control before clicking it, and tell that a run started
 * even when it already ended (a small run on a fast CPU ends before the test looks).
 */
final class UiWait {
    private UiWait() {
    }

    /** Lets JavaFX finish what the last action started (a layout pass can schedule another). */
    static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits, checking on the JavaFX thread every 100 ms, until the condition holds; fails after the given time. */
    static void waitFor(FxRobot robot, double seconds, String what, BooleanSupplier condition)
            throws InterruptedException {
        waitFor(robot, seconds, () -> what, condition);
    }

    /** As above, the state to report computed when giving up. */
    static void waitFor(FxRobot robot, double seconds, Supplier<String> what, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        boolean[] ok = new boolean[1];
        while (System.nanoTime() < end) {
            robot.interact(() -> ok[0] = condition.getAsBoolean());
            if (ok[0]) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gave up after " + seconds + " s waiting for " + what.get());
    }

    /**
     * Asserts that the action just taken started a run: it is running, or it has already completed (its
     * "completed:" line is among the log lines after the first {@code logLinesBefore}).
     */
    static void assertRunStarted(FxRobot robot, TrainingPanel panel, int logLinesBefore) {
        boolean[] started = new boolean[1];
        String[] state = new String[1];
        robot.interact(() -> {
            List<String> log = panel.log();
            started[0] = panel.isRunning() || log.subList(Math.min(logLinesBefore, log.size()), log.size()).stream()
                    .anyMatch(line -> line.startsWith("completed:"));
            state[0] = panel.progressText() + "\n" + String.join("\n", log);
        });
        assertTrue(started[0], "a run started: " + state[0]);
    }

    /** The number of lines in the training panel's log now, read on the FX thread. */
    static int logLines(FxRobot robot, TrainingPanel panel) {
        int[] n = new int[1];
        robot.interact(() -> n[0] = panel.log().size());
        return n[0];
    }

    /**
     * Scrolls the panel so that the node is in view (as the user scrolls before clicking), unless it is already, and
     * waits until it stays there: a pane that opens above it (animated) or content growing below it moves it again.
     */
    static void reveal(FxRobot robot, TrainingPanel panel, Node node) {
        double last = Double.NaN;
        for (int tries = 0; tries < 40; tries++) {
            double[] top = new double[1];
            boolean[] shown = new boolean[1];
            robot.interact(() -> {
                panel.applyCss();
                panel.layout();
                Bounds b = node.localToScene(node.getBoundsInLocal());
                Bounds view = panel.localToScene(panel.getLayoutBounds());
                top[0] = b.getMinY();
                // its top and its middle (where a click lands) in view
                shown[0] = b.getMinY() >= view.getMinY() && b.getCenterY() <= view.getMaxY() - 4
                        && b.getMaxY() > b.getMinY();
                if (shown[0]) {
                    return;
                }
                Bounds content = panel.getContent().localToScene(panel.getContent().getBoundsInLocal());
                double y = b.getMinY() - content.getMinY();
                double scrollable = content.getHeight() - panel.getViewportBounds().getHeight();
                if (scrollable > 0) {
                    panel.setVvalue(Math.max(0, Math.min(1, (y - 20) / scrollable)));
                }
            });
            WaitForAsyncUtils.waitForFxEvents();
            if (shown[0] && top[0] == last) {
                return; // in view, and where it was a moment ago
            }
            last = shown[0] ? top[0] : Double.NaN;
            WaitForAsyncUtils.sleep(60, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("could not scroll " + node + " into the training panel's view");
    }
}
