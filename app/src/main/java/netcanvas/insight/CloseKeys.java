package netcanvas.insight;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * The keys that close a secondary window, as users expect of one: Escape and Ctrl+W (Cmd+W on a Mac). A control
 * that uses Escape itself (a menu, an open choice list) gets it first: the window only sees what nobody consumed.
 */
final class CloseKeys {
    private static final KeyCombination CLOSE = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

    private CloseKeys() {
    }

    static void install(Stage stage) {
        stage.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE || CLOSE.match(e)) {
                e.consume();
                stage.close();
            }
        });
    }
}
