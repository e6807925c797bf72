package netcanvas.app;

import java.util.logging.Logger;
import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop designer. {@code Main} starts it when the command line is given no arguments. */
public final class DesktopApp {
    /**
     * JavaFX's own logger. Held here so that its filter outlives garbage collection (java.util.logging keeps loggers
     * weakly).
     */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    /**
     * Set (to anything; "exit" to close again) to print the start-up time, and how long each phase took, when the
     * window is first laid out.
     */
    public static final String PRINT_STARTUP = "NETCANVAS_PRINT_STARTUP";
    /** How that line starts; {@code bench startup} reads it. */
    public static final String STARTUP_LINE = "netcanvas startup: window shown after ";
    /** How the line of each phase's length starts (printed just before that one); `bench startup` reads it. */
    public static final String PHASES_LINE = "netcanvas startup phases:";

    private DesktopApp() {
    }

    /** Opens the main window and returns when it is closed. */
    public static void launch(String[] args) {
        StartupClock.mark("main");
        quietClasspathWarning();
        Application.launch(Fx.class, args);
    }

    /**
     * NetCanvas runs JavaFX from the class path on purpose: the headless export draws with Monocle, whose classes
     * share a package with the javafx.graphics module and so load only from the class path. JavaFX warns about
     * that configuration at every start ("Unsupported JavaFX configuration: classes were loaded from 'unnamed
     * module'"), which tells the user nothing they can act on. This drops that one record; every other JavaFX
     * message still prints.
     */
    static void quietClasspathWarning() {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null
                || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    /** The JavaFX application object (JavaFX instantiates it by reflection, so it must be public). */
    public static final class Fx extends Application {
        @Override
        public void start(Stage stage) {
            StartupClock.mark("javafx");
            MainWindow window = new MainWindow(stage, StartNetwork.lenet5(), netcanvas.files.FilePicker.system(),
                    WindowSettings.standard());
            StartupClock.mark("window");
            window.show();
            window.files().offerRecovery();
            window.files().startAutosave();
            StartupClock.mark("show");
            String report = System.getenv(PRINT_STARTUP);
            if (stage.getScene() != null) {
                afterFirstFrame(stage, report, "exit".equals(report));
            }
        }

        /**
         * At the first pulse that lays out the shown window (the frame after it is rendered): where asked, prints
         * the time from process start until then and each phase's share, for `bench startup` (with "exit", then
         * closes the app); and starts loading the layout engine, which the first network did not need, so that
         * the first Auto-layout or opened preset does not wait for it.
         */
        private static void afterFirstFrame(Stage stage, String report, boolean exit) {
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                stage.getScene().removePostLayoutPulseListener(once[0]);
                if (report != null) {
                    StartupClock.mark("first frame");
                    long ms = StartupClock.sinceProcessStart();
                    System.err.println(StartupClock.phasesLine());
                    System.err.println(STARTUP_LINE + ms + " ms");
                }
                if (exit) {
                    javafx.application.Platform.runLater(javafx.application.Platform::exit);
                } else {
                    warmUpLayoutEngine();
                }
            };
            stage.getScene().addPostLayoutPulseListener(once[0]);
        }

        /** Lays out two boxes on a low-priority thread: ELK's classes load while the user looks at the window. */
        private static void warmUpLayoutEngine() {
            Thread t = new Thread(() -> {
                try {
                    netcanvas.canvas.AutoLayout.positions(java.util.List.of("a", "b"),
                            java.util.List.<String[]>of(new String[] {"a", "b"}));
                } catch (RuntimeException | LinkageError e) {
                    // the first real layout meets the same problem and reports it
                }
            }, "layout-warm-up");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }
}
