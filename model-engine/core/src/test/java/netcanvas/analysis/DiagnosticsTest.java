package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import netcanvas.analysis.Diagnostic.Severity;
import netcanvas.graph.Add;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.Concat;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.Hw;
import netcanvas.graph.Input;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.Padding;
import netcanvas.graph.ReLU;
import netcanvas.graph.Shape;
import netcanvas.graph.Stage;
import org.junit.jupiter.api.Test;

/** One test per diagnostic the analysis gives; each checks the node it names, the severity and the message. */
class DiagnosticsTest {

    private static Analysis analyze(NetBuilder b) {
        Analysis a = Analyzer.analyze(b.build());
        assertNeverNegative(a);
        return a;
    }

    /** The only error pinned to this node; fails when there is none or several. */
    private static Diagnostic errorAt(Analysis a, String node) {
        List<Diagnostic> found = a.diagnostics().stream().filter(d -> d.node().equals(node) && d.isError()).toList();
        assertEquals(1, found.size(), () -> "errors at '" + node + "': " + a.diagnostics());
        return found.get(0);
    }

    private static void assertMessage(Diagnostic d, String... fragments) {
        for (String f : fragments) {
            assertTrue(d.message().contains(f), () -> "'" + f + "' not in: " + d.message());
        }
    }

    /** No count anywhere in an analysis may be negative, whatever the design. */
    static void assertNeverNegative(Analysis a) {
        for (LayerResult r : a.layers()) {
            assertTrue(r.cost().params() >= 0 && r.cost().state() >= 0 && r.cost().macs() >= 0
                    && r.cost().otherOps() >= 0 && r.memoryBytes() >= 0 && r.receptiveField() >= 0 && r.jump() >= 0,
                    r::toString);
        }
        Totals t = a.totals();
        assertTrue(t.params() >= 0 && t.trainableParams() >= 0 && t.stateValues() >= 0 && t.macs() >= 0
                && t.otherOps() >= 0 && t.activationBytes() >= 0, t::toString);
        for (Optimizer optimizer : Optimizer.values()) {
            MemoryEstimate e = a.memoryPerLayer(256, optimizer);
            LayerMemory m = e.total();
            assertTrue(m.weights() >= 0 && m.gradients() >= 0 && m.optimizerState() >= 0 && m.activations() >= 0
                    && m.kernelState() >= 0 && m.workspace() >= 0 && e.peak() >= 0, m::toString);
        }
    }

    @Test
    void addOfUnequalShapesShowsBothAndOnlyDownstreamBecomesUnknown() {
        // input 3x32x32; a: 3x3 pad 1 to 8 channels (8x32x32); b: 3x3 pad 1 to 16 channels (16x32x32)
        NetBuilder n = new NetBuilder("t").input(3, 32, 32)
                .add("a", Conv2d.of(8, 3, 1, 1, true), "input")
                .add("b", Conv2d.of(16, 3, 1, 1, true), "input")
                .add("sum", new Add(), "a", "b")
                .add("after", new ReLU(), "sum")
                .add("other", new ReLU(), "b");
        Analysis a = analyze(n);
        Diagnostic d = errorAt(a, "sum");
        assertEquals(Severity.ERROR, d.severity());
        assertEquals("sum", d.owner());
        assertMessage(d, "8x32x32", "16x32x32");
        assertNull(a.shapeOf("sum"));
        assertNull(a.shapeOf("after"), "downstream of the error is unknown");
        assertEquals(0, a.layer("after").cost().otherOps());
        // the unrelated branch still has numbers: 16x32x32, one op per element = 16,384
        assertEquals(Shape.chw(16, 32, 32), a.shapeOf("other"));
        assertEquals(16_384, a.layer("other").cost().otherOps());
        assertFalse(a.totals().complete());
        // totals still count what is known: a = 8*3*9 + 8 = 224, b = 16*3*9 + 16 = 448
        assertEquals(672, a.totals().trainableParams());
    }

    @Test
    void concatWithUnequalHeightOrWidth() {
        // 1x3x3/2 pool, 16x16 -> floor((16-3)/2)+1 = 7; concat 3x16x16 with 3x7x7
        Analysis a = analyze(new NetBuilder("t").input(3, 16, 16)
                .add("pool", MaxPool2d.of(3, 2, 0, false), "input")
                .add("cat", new Concat(), "input", "pool"));
        assertMessage(errorAt(a, "cat"), "3x16x16", "3x7x7", "height and width");
    }

    @Test
    void outputSizeAtMostZero() {
        // 5x5 kernel on a 3x3 input: floor((3 + 0 - 4 - 1)/1) + 1 = -1 <= 0
        Analysis a = analyze(new NetBuilder("t").input(1, 3, 3).then("c", Conv2d.of(4, 5, 1, 0, true)));
        assertMessage(errorAt(a, "c"), "does not fit", "3x3");
        assertNull(a.shapeOf("c"));
    }

    @Test
    void channelsNotDivisibleByGroups() {
        Analysis a = analyze(new NetBuilder("t").input(6, 8, 8).then("c", Conv2d.of(8, 3, 1, 1, true).withGroups(4)));
        assertMessage(errorAt(a, "c"), "input channels 6", "groups 4");
        Analysis out = analyze(new NetBuilder("t").input(8, 8, 8).then("c", Conv2d.of(6, 3, 1, 1, true).withGroups(4)));
        assertMessage(errorAt(out, "c"), "out channels 6", "groups 4");
    }

    @Test
    void errorsInsideABlockNameTheInnerLayerAndPinToTheBlock() {
        // width 64 with 3 groups: the grouped 3x3 (b.conv2) cannot split 64 channels
        Analysis a = analyze(new NetBuilder("t").input(64, 8, 8).then("b", new BottleneckBlock(64, 256, 1, 3, false, 0))
                .then("after", new ReLU()));
        Diagnostic d = errorAt(a, "b.conv2");
        assertEquals("b", d.owner());
        assertMessage(d, "groups 3");
        assertEquals(1, a.diagnosticsFor("b").size());
        assertNull(a.shapeOf("b"));
        assertNull(a.shapeOf("after"));
        assertEquals(Shape.chw(64, 8, 8), a.shapeOf("b.conv1"), "the layers before the error keep their shapes");
    }

    @Test
    void missingInputs() {
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).add("sum", new Add(), "input"));
        assertMessage(errorAt(a, "sum"), "at least 2 inputs", "has 1");
        assertNull(a.shapeOf("sum"));
    }

    @Test
    void extraInputs() {
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).add("r", new ReLU(), "input")
                .add("two", new ReLU(), "input", "r"));
        assertMessage(errorAt(a, "two"), "one input", "has 2", "Add or Concat");
        Analysis in = analyze(new NetBuilder("t").input(3, 8, 8).add("r", new ReLU(), "input")
                .add("second", new Input(3, 8, 8), "r"));
        // a second Input is also reported as such; both errors pin to it
        assertTrue(in.diagnosticsFor("second").stream().anyMatch(d -> d.isError()
                && d.message().contains("an Input takes no inputs")), in.diagnostics()::toString);
    }

    @Test
    void danglingEdge() {
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).add("r", new ReLU(), "ghost"));
        assertMessage(errorAt(a, "r"), "'ghost' does not exist");
        assertNull(a.shapeOf("r"));
    }

    @Test
    void cycleMessagesShowTheCycleFromEachNode() {
        // data flows a -> b -> c -> a; d only reads c, so it is downstream of the cycle but not on it
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8)
                .add("a", new Add(), "input", "c")
                .add("b", new ReLU(), "a")
                .add("c", new ReLU(), "b")
                .add("d", new ReLU(), "c"));
        assertMessage(errorAt(a, "a"), "(a -> b -> c -> a)");
        assertMessage(errorAt(a, "b"), "(b -> c -> a -> b)");
        assertMessage(errorAt(a, "c"), "(c -> a -> b -> c)");
        assertTrue(a.diagnostics().stream().noneMatch(d -> d.node().equals("d")), a.diagnostics()::toString);
        assertNull(a.shapeOf("d"));
        assertEquals(Shape.chw(3, 8, 8), a.shapeOf("input"));
    }

    @Test
    void cyclesSharingANodeAndANodeBetweenCycles() {
        // a <-> b and b <-> c share b (one strongly connected part, two cycles); d reads c and feeds the separate
        // cycle e <-> f, so d lies between cycles but on none
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8)
                .add("a", new Concat(), "input", "b")
                .add("b", new Concat(), "a", "c")
                .add("c", new ReLU(), "b")
                .add("d", new ReLU(), "c")
                .add("e", new Add(), "d", "f")
                .add("f", new ReLU(), "e"));
        assertMessage(errorAt(a, "a"), "(a -> b -> a)");
        assertMessage(errorAt(a, "c"), "(c -> b -> c)");
        Diagnostic b = errorAt(a, "b");
        assertTrue(b.message().contains("(b -> a -> b)") || b.message().contains("(b -> c -> b)"), b.message());
        assertMessage(errorAt(a, "e"), "(e -> f -> e)");
        assertMessage(errorAt(a, "f"), "(f -> e -> f)");
        assertTrue(a.diagnostics().stream().noneMatch(d -> d.node().equals("d")), a.diagnostics()::toString);
    }

    @Test
    void selfLoop() {
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).add("x", new Add(), "input", "x"));
        assertMessage(errorAt(a, "x"), "(x -> x)");
    }

    @Test
    void longCyclesAreShortenedAndLargeGraphsDoNotStall() {
        // a ring r0 -> r1 -> ... -> r999 -> r0: 1,000 nodes, 12 shown, 988 left out
        NetBuilder ring = new NetBuilder("t").input(1, 4, 4);
        for (int i = 0; i < 1000; i++) {
            ring.add("r" + i, new ReLU(), "r" + ((i + 999) % 1000));
        }
        Analysis a = analyze(ring);
        assertMessage(errorAt(a, "r5"), "(r5 -> r6 -> r7 -> r8 -> r9 -> r10 -> ... (988 more) -> r999 -> r0 -> r1 "
                + "-> r2 -> r3 -> r4 -> r5)");
        // A guard against a hang, not a speed target: a 50,000-node ring, and a 2-cycle with a 50,000-node tail,
        // took minutes with a path search per node; a linear search takes well under a second.
        NetBuilder bigRing = new NetBuilder("t").input(1, 4, 4);
        NetBuilder tail = new NetBuilder("t").input(1, 4, 4).add("p", new ReLU(), "q").add("q", new ReLU(), "p");
        for (int i = 0; i < 50_000; i++) {
            bigRing.add("r" + i, new ReLU(), "r" + ((i + 49_999) % 50_000));
            tail.add("t" + i, new ReLU(), i == 0 ? "q" : "t" + (i - 1));
        }
        Network r = bigRing.build();
        Network t = tail.build();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertEquals(50_000, Analyzer.analyze(r).diagnostics().stream().filter(Diagnostic::isError).count());
            assertEquals(2, Analyzer.analyze(t).diagnostics().stream().filter(Diagnostic::isError).count());
        });
    }

    @Test
    void unreachableNode() {
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).then("r", new ReLU())
                .add("floating", Conv2d.of(4, 3, 1, 1, true)).then("after", new ReLU()));
        assertMessage(errorAt(a, "floating"), "unreachable");
        assertNull(a.shapeOf("after"));
        assertEquals(Shape.chw(3, 8, 8), a.shapeOf("r"));
    }

    @Test
    void moreThanOneInput() {
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).add("second", new Input(1, 4, 4)));
        assertMessage(errorAt(a, "second"), "more than one Input");
    }

    @Test
    void noInput() {
        Analysis a = analyze(new NetBuilder("t").add("r", new ReLU(), "x"));
        assertTrue(a.diagnostics().stream().anyMatch(d -> d.isError() && d.node().isEmpty()
                && d.message().contains("no Input")), a.diagnostics()::toString);
        Analysis empty = Analyzer.analyze(new Network("empty", List.of()));
        assertTrue(empty.hasErrors());
        assertEquals(0, empty.totals().params());
    }

    @Test
    void duplicateIds() {
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).then("r", new ReLU()).then("r", new ReLU()));
        assertMessage(errorAt(a, "r"), "used by more than one node");
    }

    @Test
    void aNodeNamedLikeALayerInsideABlock() {
        // block "b" expands to "b.conv1", ...; a node of the same name is refused rather than silently merged
        Analysis a = analyze(new NetBuilder("t").input(64, 8, 8).then("b", new BasicBlock(64, 1, false, 0))
                .add("b.conv1", new ReLU(), "b"));
        assertMessage(errorAt(a, "b.conv1"), "rename");
    }

    @Test
    void samePaddingWithStrideTwo() {
        Conv2d c = new Conv2d(8, Hw.of(3), Hw.of(2), Padding.SAME, Hw.of(1), 1, true);
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).then("c", c));
        assertMessage(errorAt(a, "c"), "\"same\" needs stride 1");
    }

    @Test
    void poolPaddingOverHalfTheKernel() {
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).then("p", MaxPool2d.of(3, 1, 2, false)));
        assertMessage(errorAt(a, "p"), "more than half");
        // a padding near 2^31 must not overflow the check: 1,500,000,000 * 2 > kernel 2,000,000,000
        MaxPool2d huge = new MaxPool2d(Hw.of(2_000_000_000), Hw.of(1), Hw.of(1_500_000_000), false);
        Analysis h = analyze(new NetBuilder("t").input(3, 8, 8).then("p", huge));
        assertMessage(errorAt(h, "p"), "more than half");
    }

    @Test
    void spatialLayerAfterDenseAndOutputOnAMap() {
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).then("fc", new Dense(10, true))
                .then("c", Conv2d.of(4, 1, 1, 0, true)));
        assertMessage(errorAt(a, "c"), "flat vector of 10 features", "before the Flatten or Dense");
        Analysis o = analyze(new NetBuilder("t").input(3, 8, 8).then("c", Conv2d.of(10, 1, 1, 0, true))
                .then("out", new Output()));
        assertMessage(errorAt(o, "out"), "10x8x8", "Dense");
    }

    @Test
    void unusedOutputsAndMissingOutputAreWarnings() {
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).add("spare", new ReLU(), "input")
                .add("gap", new GlobalAvgPool(), "input").then("out", new Output()));
        assertFalse(a.hasErrors());
        Diagnostic d = a.diagnosticsFor("spare").get(0);
        assertEquals(Severity.WARNING, d.severity());
        assertMessage(d, "not used");
        Analysis none = analyze(new NetBuilder("t").input(3, 8, 8).then("r", new ReLU()));
        assertFalse(none.hasErrors());
        assertTrue(none.diagnostics().get(0).message().contains("no Output"));
    }

    @Test
    void millionChannelChainWarnsAndNeverGoesNegative() {
        // 3x224x224, then 40 convs of 3x3 pad 1 to 1,000,000 channels. The second alone has
        // 1,000,000 * 1,000,000 * 9 = 9e12 weights and 1e6*224*224 * 9e6 = 4.5e17 MACs; forty such overflow 2^63.
        NetBuilder b = new NetBuilder("t").input(3, 224, 224);
        for (int i = 0; i < 40; i++) {
            b.then("c" + i, Conv2d.of(1_000_000, 3, 1, 1, false));
        }
        Analysis a = analyze(b);
        Diagnostic first = a.diagnosticsFor("c0").get(0);
        assertEquals(Severity.WARNING, first.severity());
        assertMessage(first, "implausibly large");
        assertTrue(a.diagnostics().stream().anyMatch(d -> d.message().contains("too large to count")),
                a.diagnostics()::toString);
        assertEquals(Long.MAX_VALUE, a.totals().macs(), "capped, not wrapped");
    }

    @Test
    void trainingMemoryOfAHugeNetworkIsCappedNotWrapped() {
        // 1 -> 2e9 units -> BatchNorm (state 2 * 2e9 = 4e9) -> 2e9 units: the last dense alone has 2e9 * 2e9 = 4e18
        // weights; 4 bytes each is 1.6e19 > 2^63, so weight memory is capped, and adding the 1.6e10 bytes of
        // batch-norm state to the cap must not wrap around to a negative number
        Analysis a = analyze(new NetBuilder("t").input(1, 1, 1).then("fc1", new Dense(2_000_000_000, true))
                .then("bn", BatchNorm.standard()).then("fc2", new Dense(2_000_000_000, true)));
        assertEquals(4_000_000_000L, a.totals().stateValues());
        assertEquals(Long.MAX_VALUE, a.memoryPerLayer(1, Optimizer.SGD).total().weights());
        assertEquals(Long.MAX_VALUE, a.memoryPerLayer(1, Optimizer.ADAM).peak());
    }

    @Test
    void aLayerTooLargeToCountIsAnErrorAndDownstreamIsUnknown() {
        // 1,000,000 x 100,000 x 100,000 = 1e16 elements (4e16 bytes: still countable); a 3x3 conv to 1,000,000
        // channels needs 1e16 * 9e6 = 9e22 MACs > 2^63 = 9.2e18
        Analysis a = analyze(new NetBuilder("t").input(1_000_000, 100_000, 100_000)
                .then("c", Conv2d.of(1_000_000, 3, 1, 1, false)).then("r", new ReLU()));
        assertMessage(errorAt(a, "c"), "too large to count");
        assertNull(a.shapeOf("c"));
        assertNull(a.shapeOf("r"));
        Analysis in = analyze(new NetBuilder("t").input(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertMessage(errorAt(in, "input"), "too large to count");
    }

    @Test
    void stagesRefuseBlocksThatNeedSeveralInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Stage(2, new Add()));
        assertTrue(e.getMessage().contains("needs 2 inputs"), e.getMessage());
    }

    @Test
    void batchNormOnAnUnknownInputStaysUnknownWithoutExtraErrors() {
        Analysis a = analyze(new NetBuilder("t").input(3, 8, 8).add("bad", new Add(), "input")
                .then("bn", BatchNorm.standard()).then("b", new BasicBlock(64, 1, false, 0)));
        assertEquals(1, a.diagnostics().stream().filter(Diagnostic::isError).count(), a.diagnostics()::toString);
        assertNull(a.shapeOf("b"));
        assertNotNull(a.layer("b.conv1"), "the block still expands, with unknown shapes");
    }
}
