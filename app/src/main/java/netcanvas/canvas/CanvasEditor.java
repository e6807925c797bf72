package netcanvas.canvas;

import java.util.Map;
import java.util.Optional;
import netcanvas.graph.Node.Position;

/** What the canvas asks of the document when the user edits by mouse; a read-only canvas has none. */
public interface CanvasEditor {

    void move(Map<String, Position> positions);

    /** Connects, or returns why not. */
    Optional<String> connect(String from, String to);

    /** Why a connection would be refused, without making it (for feedback while dragging). */
    Optional<String> checkConnect(String from, String to);

    /** Removes the edge from -> to. */
    void disconnect(String from, String to);

    /** A message for the status bar. */
    void tell(String message);
}
