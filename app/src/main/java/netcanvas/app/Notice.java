package netcanvas.app;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * A refusal shown where the user is looking: a banner at the bottom of the canvas (a refused connection, an edit
 * inside a read-only block), not only in the status bar at the window's edge. It stays until it has been read
 * (a few seconds), the next notice replaces it, and a click dismisses it.
 */
final class Notice extends Label {
    static final double SECONDS = 8;
    private final PauseTransition expiry = new PauseTransition(Duration.seconds(SECONDS));

    Notice() {
        setId("notice");
        setWrapText(true);
        setMaxWidth(560);
        setStyle("-fx-background-color: -nc-notice; -fx-border-color: -nc-notice-edge; -fx-border-width: 0 0 0 4; "
                + "-fx-text-fill: -nc-notice-text; -fx-padding: 8 12 8 12; -fx-font-size: 13px; "
                + "-fx-effect: dropshadow(gaussian, rgba(0,0,0,0.25), 8, 0, 0, 2);");
        StackPane.setAlignment(this, Pos.BOTTOM_CENTER);
        StackPane.setMargin(this, new javafx.geometry.Insets(0, 0, 28, 0));
        setVisible(false);
        setManaged(false);
        setOnMouseClicked(e -> hide());
        expiry.setOnFinished(e -> hide());
    }

    /** Shows this refusal for a few seconds. */
    void show(String text) {
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
