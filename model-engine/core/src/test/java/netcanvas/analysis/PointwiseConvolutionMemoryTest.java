package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import netcanvas.graph.Conv2d;
import netcanvas.graph.Flatten;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import org.junit.jupiter.api.Test;

/**
 * A pointwise (1x1, stride 1) convolution is matrix products on the arrays as they lie: no oneDNN copies and no
 * oneDNN primitives, where a strided 1x1 is still libnd4j's convolution with both.
 */
class PointwiseConvolutionMemoryTest {

    @Test
    void aPointwiseConvolutionHasNoWorkspaceNorKernelState() {
        Network net = new NetBuilder("pointwise").input(4, 6, 6).then("p", Conv2d.of(8, 1, 1, 0, true))
                .then("s", Conv2d.of(8, 1, 2, 0, false)).then("flatten", new Flatten()).then("out", new Output())
                .build();
        MemoryEstimate m = Analyzer.analyze(net).memoryPerLayer(2, Optimizer.ADAM);
        LayerMemory p = m.layers().stream().filter(l -> l.id().equals("p")).findFirst().orElseThrow();
        LayerMemory s = m.layers().stream().filter(l -> l.id().equals("s")).findFirst().orElseThrow();
        assertEquals(0, p.workspace());
        assertEquals(0, p.kernelState());
        // strided: oneDNN's 4 blocked copies of the larger map (decision 0015): the input, 8 channels (fewer than a
        // block of 16, read unpadded) x 6 x 6 = 288 floats, against the output, 8 channels padded to 16 x 3 x 3 = 144;
        // 4 copies x 288 x 4 B x 2 samples = 9,216 B
        assertEquals(9216, s.workspace());
        assertEquals(3L << 20, s.kernelState());
    }
}
