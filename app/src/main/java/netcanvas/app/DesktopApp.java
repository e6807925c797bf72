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

    /** Set (to anything; "exit" to close again) to print the start-up time when the window is first laid out. */
    public static final String PRINT_STARTUP = "NETCANVAS_PRINT_STARTUP";
    /** How that line starts; {@code bench startup} reads it. */
    public static final String STARTUP_LINE = "netcanvas startup: window shown after ";

    private DesktopApp() {
    }

    /** Opens the main window and returns when it is closed. */
    public static void launch(String[] args) {
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
            MainWindow window = new MainWindow(stage, StartNetwork.lenet5(), netcanvas.files.FilePicker.system(),
                    WindowSettings.standard());
            window.show();
            window.files().offerRecovery();
            window.files().startAutosave();
            String report = System.getenv(PRINT_STARTUP);
            if (report != null && stage.getScene() != null) {
                reportStartup(stage, "exit".equals(report));
            }
        }

        /**
         * Prints the time from process start until the first pulse that lays out the shown window (the frame after
         * it is rendered), for `bench startup`; with "exit", then closes the app.
         */
        private static void reportStartup(Stage stage, boolean exit) {
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                stage.getScene().removePostLayoutPulseListener(once[0]);
                long ms = ProcessHandle.current().info().startInstant()
                        .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L);
                System.err.println(STARTUP_LINE + ms + " ms");
                if (exit) {
                    javafx.application.Platform.runLater(javafx.application.Platform::exit);
                }
            };
            stage.getScene().addPostLayoutPulseListener(once[0]);
        }
    }
}
