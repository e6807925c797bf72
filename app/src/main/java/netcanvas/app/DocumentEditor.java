package netcanvas.app;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import netcanvas.canvas.CanvasEditor;
import netcanvas.commands.Connect;
import netcanvas.commands.Disconnect;
import netcanvas.commands.Document;
import netcanvas.commands.EditRefused;
import netcanvas.commands.MoveNodes;
import netcanvas.graph.Node;

/** The canvas's mouse edits, as commands on the document. */
final class DocumentEditor implements CanvasEditor {
    private final Document doc;
    private final Consumer<String> tell;

    DocumentEditor(Document doc, Consumer<String> tell) {
        this.doc = doc;
        this.tell = tell;
    }

    @Override
    public void move(Map<String, Node.Position> positions) {
        doc.execute(MoveNodes.drag(positions));
    }

    @Override
    public Optional<String> connect(String from, String to) {
        return doc.execute(new Connect(from, to));
    }

    @Override
    public Optional<String> checkConnect(String from, String to) {
        try {
            Connect.check(doc.network(), from, to);
            return Optional.empty();
        } catch (EditRefused e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public void disconnect(String from, String to) {
        doc.execute(new Disconnect(from, to));
    }

    @Override
    public void tell(String message) {
        tell.accept(message);
    }
}
