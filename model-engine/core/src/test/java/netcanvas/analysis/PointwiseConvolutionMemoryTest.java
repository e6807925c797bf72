package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import netcanvas.graph.Conv2d;
import netcanvas.graph.Flatten;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import org.junit.jupiter.api.Test;

/**
 * A pointwise (1x1, stride 1) convolution is matrix products on the arrays as they lie: no unfolded input and no
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
        // strided: 3x3 output pixels x 8 channels x 1 tap x 2 samples x 4 B = 576 B of columns, and their gradient
        assertEquals(1152, s.workspace());
        assertEquals(3L << 20, s.kernelState());
    }
}
