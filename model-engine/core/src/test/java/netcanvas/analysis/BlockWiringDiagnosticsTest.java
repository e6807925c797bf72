package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.DenseBlock;
import netcanvas.graph.InceptionModule;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.Shape;
import netcanvas.graph.Stage;
import netcanvas.graph.Transition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A block (stage, residual, inception, dense) wired wrongly gets exactly the diagnostics a primitive layer wired the
 * same way gets, and the analysis returns instead of throwing (it threw NullPointerException for these).
 */
class BlockWiringDiagnosticsTest {

    static Stream<LayerSpec> blocks() {
        return Stream.of(new Stage(2, new ReLU()), new Stage(2, new BasicBlock(8, 1, false, 0)),
                new BasicBlock(8, 1, false, 0), new BottleneckBlock(4, 8, 1, 1, false, 0),
                new InceptionModule(4, 4, 4, 4, 4, 4, false), new DenseBlock(2, 4, 2), new Transition(0.5));
    }

    /** The mistakes, each building input(8x8x8) -> ... with node "b" wired wrongly, then "out" reading "b". */
    enum Wiring {
        MISSING_INPUT(b -> new NetBuilder("t").input(8, 8, 8).add("b", b, "ghost").add("out", new Output(), "b")),
        FEEDS_ITSELF(b -> new NetBuilder("t").input(8, 8, 8).add("b", b, "b").add("out", new Output(), "b")),
        FIRST_IN_A_CYCLE(b -> new NetBuilder("t").input(8, 8, 8).add("b", b, "c").add("c", new ReLU(), "b")
                .add("out", new Output(), "c")),
        CYCLE_OF_TWO_BLOCKS(b -> new NetBuilder("t").input(8, 8, 8).add("b", b, "c").add("c", b, "b")
                .add("out", new Output(), "c")),
        NOT_CONNECTED(b -> new NetBuilder("t").input(8, 8, 8).add("b", b).add("out", new Output(), "b")),
        AFTER_A_BLOCK_THAT_CANNOT_EXPAND(b -> new NetBuilder("t").input(8, 8, 8).add("a", b, "ghost")
                .add("b", b, "a").add("out", new Output(), "b"));

        final Function<LayerSpec, NetBuilder> build;

        Wiring(Function<LayerSpec, NetBuilder> build) {
            this.build = build;
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return blocks().flatMap(b -> Stream.of(Wiring.values())
                .map(w -> org.junit.jupiter.params.provider.Arguments.of(b.getClass().getSimpleName(), b, w)));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void aWronglyWiredBlockIsDiagnosedLikeAPrimitive(String kind, LayerSpec block, Wiring wiring) {
        Network withBlock = wiring.build.apply(block).build();
        Network withPrimitive = wiring.build.apply(new ReLU()).build();
        Analysis a = Analyzer.analyze(withBlock);
        Analysis p = Analyzer.analyze(withPrimitive);

        List<String> expected = p.diagnostics().stream().map(Diagnostic::toString).toList();
        List<String> got = a.diagnostics().stream().map(Diagnostic::toString).toList();
        assertEquals(expected, got);
        assertTrue(a.hasErrors());
        String culprit = wiring == Wiring.AFTER_A_BLOCK_THAT_CANNOT_EXPAND ? "a" : "b";
        assertTrue(a.diagnostics().stream().anyMatch(d -> d.isError() && d.node().equals(culprit)), got::toString);
        assertFalse(a.totals().complete());
        // the block and everything after it are unknown; the Input keeps its shape
        assertNull(a.shapeOf("b"));
        assertNull(a.shapeOf("out"));
        assertEquals(Shape.chw(8, 8, 8), a.shapeOf("input"));
        DiagnosticsTest.assertNeverNegative(a);
    }
}
