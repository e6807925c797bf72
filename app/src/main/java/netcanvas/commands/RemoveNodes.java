package netcanvas.commands;

import java.util.List;
import java.util.Set;
import netcanvas.graph.Network;

/** Removes nodes and every edge into or out of them (Delete and Cut). */
public record RemoveNodes(String name, Set<String> ids) implements Command {

    public RemoveNodes {
        ids = Set.copyOf(ids);
    }

    public static RemoveNodes delete(Set<String> ids) {
        return new RemoveNodes(ids.size() == 1 ? "Delete " + ids.iterator().next() : "Delete " + ids.size()
                + " nodes", ids);
    }

    @Override
    public Network apply(Network before) {
        Network n = before;
        for (String id : List.copyOf(ids)) {
            n = n.without(id);
        }
        return n;
    }
}
