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
            MainWindow window = new MainWindow(stage);
            window.show();
            window.files().offerRecovery();
            window.files().startAutosave();
        }
    }
}
