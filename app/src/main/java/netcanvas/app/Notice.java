package netcanvas.app;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * A refusal shown where the user is looking: a banner at the bottom of the canvas (a refused connection, an edit
 * inside a read-only block), not only in the status bar at the window's edge. It stays until it has been read
 * (a few seconds), the next notice replaces it, and a click dismisses it. A note the status bar has no room for
 * ("Saved mynet.json" beside resnet50's figures at 1280 px) is shown here too, in the plain panel colours.
 */
final class Notice extends Label {
    static final double SECONDS = 8;
    private final PauseTransition expiry = new PauseTransition(Duration.seconds(SECONDS));

    Notice() {
        setId("notice");
        setWrapText(true);
        setMaxWidth(560);
        StackPane.setAlignment(this, Pos.BOTTOM_CENTER);
        StackPane.setMargin(this, new javafx.geometry.Insets(0, 0, 28, 0));
        setVisible(false);
        setManaged(false);
        setOnMouseClicked(e -> hide());
        expiry.setOnFinished(e -> hide());
    }

    private static final String SHAPE = "-fx-border-width: 0 0 0 4; -fx-padding: 8 12 8 12; -fx-font-size: 13px; "
            + "-fx-effect: dropshadow(gaussian, rgba(0,0,0,0.25), 8, 0, 0, 2);";
    private static final String REFUSAL = "-fx-background-color: -nc-notice; -fx-border-color: -nc-notice-edge; "
            + "-fx-text-fill: -nc-notice-text; " + SHAPE;
    private static final String NOTE = "-fx-background-color: -nc-panel; -fx-border-color: -nc-accent; "
            + "-fx-text-fill: -fx-text-background-color; " + SHAPE;

    /** Shows this refusal for a few seconds. */
    void show(String text) {
        setStyle(REFUSAL);
        appear(text);
    }

    /** Shows a note (not a refusal) for a few seconds. */
    void inform(String text) {
        setStyle(NOTE);
        appear(text);
    }

    private void appear(String text) {
        setText(text);
        setVisible(true);
        setManaged(true);
        expiry.playFromStart();
    }

    void hide() {
        expiry.stop();
        setVisible(false);
        setManaged(false);
    }
}
