package netcanvas.commands;

import java.util.ArrayList;
import java.util.List;
import netcanvas.graph.Network;
import netcanvas.graph.Node;

/** Removes the edge that feeds {@code from} into {@code to}. */
public record Disconnect(String from, String to) implements Command {

    @Override
    public String name() {
        return "Disconnect " + from + " from " + to;
    }

    @Override
    public Network apply(Network before) throws EditRefused {
        Node target = before.node(to);
        if (target == null || !target.inputs().contains(from)) {
            throw new EditRefused("'" + from + "' does not feed '" + to + "'");
        }
        List<String> inputs = new ArrayList<>(target.inputs());
        inputs.remove(from);
        return before.replace(target.withInputs(inputs));
    }
}
