package netcanvas.canvas;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The selected node ids and edge keys of one canvas. View state only: selecting is not an edit. */
public final class Selection {
    private final Set<String> nodes = new LinkedHashSet<>();
    private final Set<EdgeModel> edges = new LinkedHashSet<>();
    private final List<Consumer<Selection>> listeners = new ArrayList<>();

    public Set<String> nodes() {
        return Set.copyOf(nodes);
    }

    /** The single selected node, or null when none or several are. */
    public String single() {
        return nodes.size() == 1 ? nodes.iterator().next() : null;
    }

    public Set<EdgeModel> edges() {
        return Set.copyOf(edges);
    }

    public boolean contains(String id) {
        return nodes.contains(id);
    }

    public void set(Iterable<String> ids) {
        nodes.clear();
        edges.clear();
        ids.forEach(nodes::add);
        fire();
    }

    public void toggle(String id) {
        if (!nodes.remove(id)) {
            nodes.add(id);
        }
        fire();
    }

    public void setEdge(EdgeModel e) {
        nodes.clear();
        edges.clear();
        edges.add(e);
        fire();
    }

    public void clear() {
        if (!nodes.isEmpty() || !edges.isEmpty()) {
            nodes.clear();
            edges.clear();
            fire();
        }
    }

    /** Forgets ids and edges that no longer exist, quietly unless something changed. */
    public void retain(Set<String> ids, Set<EdgeModel> existing) {
        boolean changed = nodes.retainAll(ids) | edges.retainAll(existing);
        if (changed) {
            fire();
        }
    }

    public void addListener(Consumer<Selection> l) {
        listeners.add(l);
    }

    private void fire() {
        for (Consumer<Selection> l : List.copyOf(listeners)) {
            l.accept(this);
        }
    }
}
