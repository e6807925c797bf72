package netcanvas.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop designer. {@code Main} starts it when the command line is given no arguments. */
public final class DesktopApp {
    private DesktopApp() {
    }

    /** Opens the main window and returns when it is closed. */
    public static void launch(String[] args) {
        Application.launch(Fx.class, args);
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
