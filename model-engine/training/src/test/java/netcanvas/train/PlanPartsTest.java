package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.ReLU6;
import netcanvas.train.ops.BatchMoments;
import netcanvas.train.ops.BatchNormBackward;
import netcanvas.train.ops.Views;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2DDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** The named parts of a training step's plan, each on a graph small enough to work out by hand. */
class PlanPartsTest {

    /** x -> a = x + 1 -> b = 2a -> c = a + b -> r = reshape(c); and an unneeded d = x - 1. */
    private static SameDiff diamond() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 2, 3);
        SDVariable a = x.add("a", 1.0);
        SDVariable b = a.mul("b", 2.0);
        SDVariable c = a.add("c", b);
        sd.reshape("r", c, 3, 2);
        x.sub("d", 1.0);
        return sd;
    }

    private static List<String> outputs(List<SameDiffOp> order) {
        return order.stream().map(op -> op.getOutputsOfOp().get(0)).toList();
    }

    @Test
    void executionOrderRunsOnlyWhatIsNeededAfterItsInputs() {
        SameDiff sd = diamond();
        assertEquals(List.of("a", "b", "c"), outputs(ExecutionOrder.of(sd, Set.of("c"))));
        assertEquals(List.of("a", "b", "c", "r"), outputs(ExecutionOrder.of(sd, Set.of("r"))));
        assertEquals(List.of("d"), outputs(ExecutionOrder.of(sd, Set.of("d"))));
    }

    @Test
    void livenessFollowsViewsToTheArrayTheyView() {
        SameDiff sd = diamond();
        List<SameDiffOp> order = ExecutionOrder.of(sd, Set.of("r"));
        Liveness live = new Liveness(order, new AliasRules(sd, sd, Map.of()), Set.of("r"));
        // the reshape of c (computed, so dense) is a view of c: r lives in c's array, which the step keeps
        assertEquals("c", live.viewSource(order.get(3)));
        assertNull(live.viewSource(order.get(2)));
        assertEquals("c", live.root("r"));
        assertTrue(live.pinned("c"));
        // a is read by b (op 1) and c (op 2); b by c; x by a (op 0)
        assertEquals(2, live.lastUse("a"));
        assertEquals(2, live.lastUse("b"));
        assertEquals(0, live.lastUse("x"));
        // c's last reader is the reshape (op 3), a view: c counts as read
        assertFalse(live.unread("c"));
        assertEquals(Liveness.NEVER_READ, live.lastUse("nothing reads this"));
    }

    @Test
    void thePoolHandsBackAnArrayOnceAndOnlyForItsTypeAndShape() {
        ArrayPool pool = new ArrayPool();
        ArraySpec small = new ArraySpec(DataType.FLOAT, new long[] {2, 3});
        assertNull(pool.take(small));
        INDArray a = Nd4j.create(DataType.FLOAT, 2, 3);
        pool.release("a", a);
        pool.release("a", a);
        assertTrue(pool.released("a"));
        assertNull(pool.take(new ArraySpec(DataType.FLOAT, new long[] {3, 2})));
        assertNull(pool.take(new ArraySpec(DataType.DOUBLE, new long[] {2, 3})));
        assertSame(a, pool.take(small));
        assertNull(pool.take(small), "released twice, pooled once");
    }

    @Test
    void overlapIsByMemoryNotByObject() {
        INDArray flat = Nd4j.create(DataType.FLOAT, 1, 10);
        INDArray first = Views.part(flat, 0, 5);
        INDArray second = Views.part(flat, 5, 5);
        assertTrue(PlanInvariants.overlap(flat, first));
        assertTrue(PlanInvariants.overlap(flat, second));
        assertFalse(PlanInvariants.overlap(first, second));
        assertTrue(PlanInvariants.overlap(second, Views.view(second, 5)));
        assertFalse(PlanInvariants.overlap(flat, Nd4j.create(DataType.FLOAT, 1, 10)));
    }

    @Test
    void theInvariantsCatchAnOperationWritingIntoItsInputOrOverALiveValue() {
        INDArray x = Nd4j.create(DataType.FLOAT, 4);
        INDArray p = Nd4j.create(DataType.FLOAT, 4);
        INDArray q = Nd4j.create(DataType.FLOAT, 4);
        var in = new PlanInvariants.Value("x", x, PlanInvariants.FOREVER);
        var a = new PlanInvariants.Value("a", p, 2);
        var b = new PlanInvariants.Value("b", q, 2);
        var c = new PlanInvariants.Value("c", p, 3); // reuses a's array after a's last read (op 2)
        List<PlanInvariants.Write> sound = List.of(new PlanInvariants.Write("A", 0, List.of(in), List.of(a)),
                new PlanInvariants.Write("B", 1, List.of(a), List.of(b)),
                new PlanInvariants.Write("C", 2, List.of(a, b), List.of(new PlanInvariants.Value("c", x.dup(), 3))),
                new PlanInvariants.Write("D", 3, List.of(b), List.of(c)));
        assertEquals(List.of(), PlanInvariants.violations(sound, List.of(in)));

        List<PlanInvariants.Write> inPlace = List.of(new PlanInvariants.Write("A", 0, List.of(in),
                List.of(new PlanInvariants.Value("a", x, 1))));
        List<String> problems = PlanInvariants.violations(inPlace, List.of(in));
        assertTrue(problems.contains("operation A writes its output 'a' into its input 'x'"), problems.toString());

        // b written over a while C still has to read a
        List<PlanInvariants.Write> early = List.of(new PlanInvariants.Write("A", 0, List.of(in), List.of(a)),
                new PlanInvariants.Write("B", 1, List.of(in), List.of(new PlanInvariants.Value("b", p, 2))),
                new PlanInvariants.Write("C", 2, List.of(a), List.of(b)));
        List<String> clobbered = PlanInvariants.violations(early, List.of(in));
        assertEquals(List.of("operation B writes 'b' over 'a', which is still to be read by operation #2 of the"
                + " execution order"), clobbered);
    }

    @Test
    void theKernelTableIsKeyedByTheClassesTheGradientGraphHolds() throws Exception {
        CompiledNet net = SameDiffCompiler.compile(new NetBuilder("k").input(1, 6, 6)
                .then("c", Conv2d.of(4, 3, 1, 1, false)).then("bn", BatchNorm.standard()).then("r6", new ReLU6())
                .then("g", Conv2d.of(4, 3, 1, 1, false).withGroups(2)).then("r", new ReLU())
                .then("fc", new Dense(3, true)).then("out", new Output()).build(), Mode.TRAIN, 1);
        Quietly.createGradients(net.sd());
        Set<Class<?>> held = new HashSet<>();
        for (SameDiffOp op : net.sd().getFunction("grad").getOps().values()) {
            held.add(op.getOp().getClass());
        }
        assertEquals(Set.of(BatchMoments.class, BatchNormBackward.class,
                org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D.class, Conv2DDerivative.class, org.nd4j.linalg.api.ops.impl.transforms.gradient.Relu6Derivative.class,
                org.nd4j.linalg.api.ops.impl.shape.Tile.class, org.nd4j.linalg.api.ops.impl.shape.bp.TileBp.class),
                Kernels.TABLE.keySet());
        assertTrue(held.containsAll(Kernels.TABLE.keySet()), "gradient graph ops: " + held);
    }
}
