package netcanvas.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import netcanvas.analysis.Analyzer;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.ReLU;
import org.junit.jupiter.api.Test;

class SummaryWriterTest {

    @Test
    void csvHasExactNumbersPerLayer() {
        var a = Analyzer.analyze(new NetBuilder("t").input(1, 32, 32).then("conv1", Conv2d.of(6, 5, 1, 0, true))
                .then("relu", new ReLU()).then("fc", new Dense(10, true)).build());
        String[] lines = SummaryWriter.csv(a).split("\n");
        assertEquals("name,kind,depth,output,params,macs,memory_bytes,receptive_field", lines[0]);
        assertEquals("input,Input,0,1x32x32,0,0,4096,1", lines[1]); // 32*32 floats * 4 bytes
        // 6 filters of 1x5x5 + 6 biases = 156; 28x28 outputs (32-5+1) * 6 * 25 = 117,600 MACs; 6*28*28*4 bytes
        assertEquals("conv1,Conv2d,0,6x28x28,156,117600,18816,5", lines[2]);
        // 4704 inputs * 10 + 10 = 47,050 params, 47,040 MACs
        assertEquals("fc,Dense,0,10,47050,47040,40,5", lines[4]);
    }

    @Test
    void blocksComeWithTheirInnerRowsIndented() {
        var a = Analyzer.analyze(new NetBuilder("b").input(8, 8, 8).then("res", new BasicBlock(8, 1, false, 0))
                .build());
        String csv = SummaryWriter.csv(a);
        assertTrue(csv.contains("\nres,Residual basic,0,8x8x8,"), csv);
        assertTrue(csv.contains("\nres.conv1,Conv2d,1,8x8x8,576,"), csv); // 8*8*3*3, no bias
        String md = SummaryWriter.markdown(a);
        assertTrue(md.startsWith("# b\n\n| Name | Kind |"), md);
        assertTrue(md.contains("| \u00a0\u00a0res.conv1 | Conv2d | 8x8x8 | 576 |"), md);
    }

    @Test
    void formatsCountsAndSizes() {
        assertEquals("25,557,032", Formats.count(25_557_032));
        assertEquals("4.09 G", Formats.si(4_089_184_256L));
        assertEquals("999", Formats.si(999));
        assertEquals("98.0 MiB", Formats.bytes(98L << 20));
    }
}
