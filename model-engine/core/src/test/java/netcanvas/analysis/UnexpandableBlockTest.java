package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.Input;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Output;
import netcanvas.graph.Stage;
import org.junit.jupiter.api.Test;

/** A block whose incoming connection was deleted cannot expand; the analysis reports it and does not throw. */
class UnexpandableBlockTest {
    @Test
    void blockWithoutInputIsReportedNotThrown() {
        Network n = new Network("cut", List.of(new Node("input", new Input(3, 8, 8), List.of()),
                new Node("layer1", new Stage(2, new BasicBlock(8, 1, false, 0)), List.of()),
                new Node("out", new Output(), List.of("layer1"))));
        Analysis a = Analyzer.analyze(n);
        assertTrue(a.hasErrors());
        assertEquals("is unreachable: no input is connected; connect an earlier layer's output to it",
                a.diagnosticsFor("layer1").get(0).message());
        assertNull(a.shapeOf("layer1"));
    }
}
