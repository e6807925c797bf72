package netcanvas.app;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.geometry.Point2D;
import netcanvas.canvas.CanvasView;
import netcanvas.canvas.EdgeModel;
import netcanvas.canvas.NodeView;
import netcanvas.commands.AddNodes;
import netcanvas.commands.Disconnect;
import netcanvas.commands.Document;
import netcanvas.commands.InsertAfter;
import netcanvas.commands.PasteNodes;
import netcanvas.commands.RemoveNodes;
import netcanvas.palette.PaletteEntry;
import netcanvas.graph.Network;
import netcanvas.graph.Node;

/** Edit-menu actions on the selection: add, delete, cut, copy, paste, duplicate, select all. All go via commands. */
final class EditActions {
    private static final double PASTE_OFFSET = 30;
    /** One row of the layout: a box and the gap below it (as the auto-layout spaces a chain). */
    static final double ROW = NodeView.HEIGHT + 44;
    private final Document doc;
    private final CanvasView canvas;
    private List<Node> clipboard = List.of();
    private int pastes;

    EditActions(Document doc, CanvasView canvas) {
        this.doc = doc;
        this.canvas = canvas;
    }

    /** Adds a palette entry (a kind with its defaults), centred on a canvas point; selects it. */
    String addAt(PaletteEntry entry, Point2D world) {
        String id = doc.network().freshId(entry.name());
        Node n = new Node(id, entry.create(), List.of(), new Node.Position(
                Math.round(world.getX() - NodeView.WIDTH / 2), Math.round(world.getY() - NodeView.HEIGHT / 2)));
        doc.execute(AddNodes.one(n));
        canvas.selection().set(List.of(id));
        return id;
    }

    /**
     * Adds a palette entry without a position chosen by the user: after the one selected node, wired to it (one
     * undo step), or else in the middle of the view, beside any box already there.
     */
    String addInView(PaletteEntry entry) {
        String anchor = canvas.selection().single();
        if (anchor != null && doc.network().node(anchor) != null) {
            String id = doc.network().freshId(entry.name());
            Node n = new Node(id, entry.create(), List.of(), doc.network().node(anchor).position());
            if (doc.execute(new InsertAfter(anchor, n, ROW)).isEmpty()) {
                canvas.selection().set(List.of(id));
                return id;
            }
        }
        Point2D centre = canvas.localToScene(canvas.getWidth() / 2, canvas.getHeight() / 2);
        Point2D at = canvas.toWorld(centre.getX(), centre.getY());
        // never on top of another box: step right until the spot is free
        for (int i = 0; i < 50 && overlapsABox(at); i++) {
            at = at.add(NodeView.WIDTH + 30, 0);
        }
        return addAt(entry, at);
    }

    /** Whether a box centred on this world point would cover part of an existing box. */
    private boolean overlapsABox(Point2D centre) {
        double x = centre.getX() - NodeView.WIDTH / 2;
        double y = centre.getY() - NodeView.HEIGHT / 2;
        for (NodeView v : canvas.views().values()) {
            if (Math.abs(v.x() - x) < NodeView.WIDTH && Math.abs(v.y() - y) < NodeView.HEIGHT) {
                return true;
            }
        }
        return false;
    }

    void delete() {
        Set<String> ids = canvas.selection().nodes();
        if (!ids.isEmpty()) {
            doc.execute(RemoveNodes.delete(ids));
            return;
        }
        for (EdgeModel e : canvas.selection().edges()) {
            doc.execute(new Disconnect(e.from(), e.to()));
        }
    }

    void copy() {
        clipboard = selectedNodes();
        pastes = 0;
    }

    void cut() {
        copy();
        if (!clipboard.isEmpty()) {
            doc.execute(new RemoveNodes("Cut", canvas.selection().nodes()));
        }
    }

    void paste() {
        if (!clipboard.isEmpty()) {
            pastes++;
            insertCopies("Paste", clipboard, PASTE_OFFSET * pastes);
        }
    }

    void duplicate() {
        List<Node> chosen = selectedNodes();
        if (!chosen.isEmpty()) {
            insertCopies("Duplicate", chosen, PASTE_OFFSET);
        }
    }

    private void insertCopies(String name, List<Node> nodes, double offset) {
        AddNodes add = PasteNodes.of(name, doc.network(), nodes, offset, offset);
        if (doc.execute(add).isEmpty()) {
            canvas.selection().set(add.nodes().stream().map(Node::id).toList());
        }
    }

    void selectAll() {
        canvas.selection().set(doc.network().nodes().stream().map(Node::id).toList());
    }

    /** The selected nodes in network order (so pasted copies keep their file order). */
    private List<Node> selectedNodes() {
        Set<String> ids = new LinkedHashSet<>(canvas.selection().nodes());
        List<Node> out = new ArrayList<>();
        Network n = doc.network();
        for (Node node : n.nodes()) {
            if (ids.contains(node.id())) {
                out.add(node);
            }
        }
        return out;
    }
}
