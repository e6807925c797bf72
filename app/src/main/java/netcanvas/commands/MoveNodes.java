package netcanvas.commands;

import java.util.Map;
import netcanvas.graph.Network;
import netcanvas.graph.Node.Position;

/** Moves nodes on the canvas (a drag, or Auto-layout placing every node). */
public record MoveNodes(String name, Map<String, Position> positions) implements Command {

    public MoveNodes {
        positions = Map.copyOf(positions);
    }

    public static MoveNodes drag(Map<String, Position> positions) {
        return new MoveNodes(positions.size() == 1 ? "Move " + positions.keySet().iterator().next()
                : "Move " + positions.size() + " nodes", positions);
    }

    @Override
    public Network apply(Network before) {
        return before.map(n -> positions.containsKey(n.id()) ? n.withPosition(positions.get(n.id())) : n);
    }
}
