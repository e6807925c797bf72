package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.ReLU;
import netcanvas.graph.Shape;
import netcanvas.graph.Stage;
import org.junit.jupiter.api.Test;

/** Stages of stages can ask for 10,000^8 layers; the analysis stops at {@link Analyzer#MAX_LAYERS} with an error. */
class ExpansionLimitTest {

    @Test
    void nestedStagesStopAtTheLayerCap() {
        // 7 stages of 10,000 repeats around a basic block: 10^28 blocks if expanded
        LayerSpec spec = new BasicBlock(8, 1, false, 0);
        for (int i = 0; i < 7; i++) {
            spec = new Stage(10_000, spec);
        }
        Network n = new NetBuilder("hostile").input(8, 8, 8).then("s", spec).then("after", new ReLU())
                .add("beside", new ReLU(), "input").build();
        // a guard against a hang or running out of memory, not a speed target
        Analysis a = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Analyzer.analyze(n));
        assertTrue(a.layers().size() <= Analyzer.MAX_LAYERS + 100, "layers: " + a.layers().size());
        Diagnostic d = a.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertEquals("s", d.owner());
        assertTrue(d.message().contains("expands to more than 200,000 layers"), d.message());
        assertEquals(1, a.diagnostics().stream().filter(Diagnostic::isError).count(), a.diagnostics()::toString);
        assertNull(a.shapeOf("s"));
        assertNull(a.shapeOf("after"));
        assertEquals(Shape.chw(8, 8, 8), a.shapeOf("beside"), "unrelated layers still get numbers");
        DiagnosticsTest.assertNeverNegative(a);
    }

    @Test
    void aLargeButReasonableStageIsExpandedCompletely() {
        // 10,000 basic blocks of 8 layers each (conv, bn, relu, conv, bn, add, relu + none) = 7 layers each:
        // 70,000 + the input, under the cap
        Analysis a = Analyzer.analyze(new NetBuilder("big").input(8, 8, 8)
                .then("s", new Stage(10_000, new BasicBlock(8, 1, false, 0))).build());
        assertTrue(a.diagnostics().stream().noneMatch(Diagnostic::isError), a.diagnostics()::toString);
        assertEquals(70_001, a.layers().size());
        // each identity block: 2 * 8*8*9 + 2 * 16 = 1,184 params
        assertEquals(11_840_000, a.totals().trainableParams());
    }
}
