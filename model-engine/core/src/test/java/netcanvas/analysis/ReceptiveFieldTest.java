package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import netcanvas.graph.Add;
import netcanvas.graph.AvgPool2d;
import netcanvas.graph.Conv2d;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.Hw;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Padding;
import org.junit.jupiter.api.Test;

/**
 * Receptive field and effective stride (jump) along a chain: r_out = r_in + (extent - 1) * j_in, j_out = j_in * s,
 * where extent = d*(k-1) + 1. The receptive fields were also measured in PyTorch (reference_values.py: the input
 * rows that reach one output of an all-ones network): 3, 5, 6, 10, 14, 30.
 */
class ReceptiveFieldTest {

    @Test
    void chainOfConvolutionsAndPooling() {
        Analysis a = Analyzer.analyze(new NetBuilder("rf").input(1, 64, 64)
                .then("c1", Conv2d.of(1, 3, 1, 1, true))
                .then("c2", Conv2d.of(1, 3, 1, 1, true))
                .then("pool", AvgPool2d.of(2, 2, 0))
                .then("c3", Conv2d.of(1, 3, 1, 1, true))
                .then("c4", Conv2d.of(1, 3, 2, 1, true))
                .then("c5", new Conv2d(1, Hw.of(3), Hw.of(1), Padding.of(2), Hw.of(2), 1, true))
                .then("gap", new GlobalAvgPool())
                .build());
        assertFalse(a.hasErrors(), a.diagnostics()::toString);
        assertEquals(1, a.layer("input").receptiveField());
        assertEquals(1, a.layer("input").jump());
        // c1: 1 + (3-1)*1 = 3, jump 1
        assertRf(a, "c1", 3, 1);
        // c2: 3 + (3-1)*1 = 5, jump 1
        assertRf(a, "c2", 5, 1);
        // pool 2/2: 5 + (2-1)*1 = 6, jump 1*2 = 2
        assertRf(a, "pool", 6, 2);
        // c3: 6 + (3-1)*2 = 10, jump 2
        assertRf(a, "c3", 10, 2);
        // c4 3x3/2: 10 + (3-1)*2 = 14, jump 2*2 = 4
        assertRf(a, "c4", 14, 4);
        // c5 3x3 dilation 2, extent 2*(3-1)+1 = 5: 14 + (5-1)*4 = 30, jump 4
        assertRf(a, "c5", 30, 4);
        // 64 -> pool 32 -> c4 16 -> c5 16; global pool over 16 rows: 30 + (16-1)*4 = 90, jump 4*16 = 64
        assertRf(a, "gap", 90, 64);
    }

    @Test
    void aJoinTakesTheLargerField() {
        // branch a: one 3x3 (rf 3); branch b: two 3x3 (rf 5); their sum sees 5 input rows
        Analysis a = Analyzer.analyze(new NetBuilder("rf").input(1, 16, 16)
                .add("a", Conv2d.of(1, 3, 1, 1, true), "input")
                .add("b1", Conv2d.of(1, 3, 1, 1, true), "input")
                .add("b2", Conv2d.of(1, 3, 1, 1, true), "b1")
                .add("sum", new Add(), "a", "b2").build());
        assertRf(a, "sum", 5, 1);
    }

    private static void assertRf(Analysis a, String id, long rf, long jump) {
        assertEquals(rf, a.layer(id).receptiveField(), id + " receptive field");
        assertEquals(jump, a.layer(id).jump(), id + " jump");
    }
}
