package netcanvas.app;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import netcanvas.canvas.NodeView;
import org.testfx.api.FxRobot;

/** Screen points of things on the canvas, for a robot that uses the mouse like a person. */
final class Ui {
    private Ui() {
    }

    static Point2D centre(Node n) {
        Bounds b = n.localToScreen(n.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    static Point2D outPort(NodeView v) {
        return centre(v.outPort());
    }

    /** A point on the box's body (the middle of its top half, away from ports and badge). */
    static Point2D body(NodeView v) {
        Bounds b = v.localToScreen(v.getBoundsInLocal());
        return new Point2D(b.getMinX() + b.getWidth() * 0.35, b.getMinY() + b.getHeight() * 0.45);
    }

    /** Drags from one screen point to another with the primary button, in small steps like a hand. */
    static void drag(FxRobot robot, Point2D from, Point2D to) {
        robot.moveTo(from);
        robot.press(javafx.scene.input.MouseButton.PRIMARY);
        robot.moveTo(from.interpolate(to, 0.3));
        robot.moveTo(from.interpolate(to, 0.7));
        robot.moveTo(to);
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
    }
}
