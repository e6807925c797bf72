package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import netcanvas.canvas.AutoLayout;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.presets.Presets;
import org.junit.jupiter.api.Test;

/**
 * The window's first network is built in code, already placed, so that start-up reads no JSON and runs no layout.
 * It must still be the shipped lenet5 preset, where Auto-layout would put it.
 */
class StartNetworkTest {

    @Test
    void isTheLenet5PresetLayerForLayer() throws Exception {
        Network preset = Presets.load("lenet5");
        Network start = StartNetwork.lenet5();
        assertEquals(preset.name(), start.name());
        assertEquals(unplaced(preset.nodes()), unplaced(start.nodes()));
    }

    @Test
    void sitsWhereAutoLayoutPutsThePreset() throws Exception {
        Network laidOut = AutoLayout.apply(Presets.load("lenet5"));
        Map<String, Node.Position> expected = new TreeMap<>();
        laidOut.nodes().forEach(n -> expected.put(n.id(), n.position()));
        Map<String, Node.Position> actual = new TreeMap<>();
        for (Node n : StartNetwork.lenet5().nodes()) {
            assertNotNull(n.position(), n.id() + " has no position: the window would lay it out at start");
            actual.put(n.id(), n.position());
        }
        assertEquals(expected, actual, "Auto-layout now places LeNet-5 elsewhere: update StartNetwork's columns");
    }

    private static List<Node> unplaced(List<Node> nodes) {
        return nodes.stream().map(n -> n.withPosition(null)).toList();
    }
}
