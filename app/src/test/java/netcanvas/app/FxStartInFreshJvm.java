package netcanvas.app;

import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;

/**
 * Starts JavaFX (on Monocle's headless platform, as the UI tests do) in a process of its own and ends it again, for
 * {@link JavaFxLaunchTest}, which reads what the start printed.
 */
public final class FxStartInFreshJvm {
    private FxStartInFreshJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        System.out.println("javafx started from " + Platform.class.getModule());
        Platform.exit();
        System.exit(0);
    }
}
