package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Flatten;
import netcanvas.graph.Hw;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.Padding;
import netcanvas.graph.ReLU;
import org.junit.jupiter.api.Test;

/** Training memory and time per layer, against figures computed by hand for a five-layer network. */
class EstimatesTest {
    /** 1x4x4 -> conv 2 filters 3x3, padding 1, bias -> batch norm -> ReLU -> 2x2 max pool -> flatten -> dense 3. */
    static Network tiny() {
        return new NetBuilder("tiny").input(1, 4, 4).then("conv", Conv2d.of(2, 3, 1, 1, true))
                .then("bn", BatchNorm.standard()).then("relu", new ReLU()).then("pool", MaxPool2d.of(2, 2, 0, false))
                .then("flatten", new Flatten()).then("fc", new Dense(3, true)).then("out", new Output()).build();
    }

    private static LayerMemory layer(MemoryEstimate m, String id) {
        return m.layers().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void perLayerMemoryAtBatchTwoWithAdamIsTheHandComputedBytes() {
        MemoryEstimate m = Analyzer.analyze(tiny()).memoryPerLayer(2, Optimizer.ADAM);
        assertEquals(2, m.statesPerWeight());
        long kernel = 3L << 20;
        // input: 16 values = 64 B per sample, x2 samples = 128 B; the batch and its channels-last copy (2), and
        // their gradients (2)
        assertEquals(new LayerMemory("input", 0, 0, 0, 256, 256, 0, 0), layer(m, "input"));
        // conv: 2 x 9 weights + 2 biases = 20 parameters = 80 B, gradients 80 B, Adam's two moments 160 B; output
        // 2x4x4 = 32 values = 128 B, x2 = 256 B, its gradient 256 B; im2col: 16 output pixels x 1 channel x 9 x 2
        // samples x 4 B = 1,152 B, and its gradient as much: 2,304 B
        assertEquals(new LayerMemory("conv", 80, 80, 160, 256, 256, kernel, 2304), layer(m, "conv"));
        // bn: gamma, beta (4 values) and running mean, variance (4) = 32 B; gradients 16 B; moments 32 B; output
        // 256 B; its input gradient and the gradient plus SameDiff's constant zero: 512 B
        assertEquals(new LayerMemory("bn", 32, 16, 32, 256, 512, 0, 0), layer(m, "bn"));
        assertEquals(new LayerMemory("relu", 0, 0, 0, 256, 256, 0, 0), layer(m, "relu"));
        // pool: 2x2x2 = 8 values = 32 B, x2 = 64 B
        assertEquals(new LayerMemory("pool", 0, 0, 0, 64, 64, 0, 0), layer(m, "pool"));
        assertEquals(new LayerMemory("flatten", 0, 0, 0, 64, 64, 0, 0), layer(m, "flatten"));
        // fc: 8 x 3 + 3 = 27 parameters = 108 B; moments 216 B; output 3 values = 12 B, x2 = 24 B
        assertEquals(new LayerMemory("fc", 108, 108, 216, 24, 24, 0, 0), layer(m, "fc"));
        // out: the logits and the loss's softmax, 2 x 24 B, and their gradients
        assertEquals(new LayerMemory("out", 0, 0, 0, 48, 48, 0, 0), layer(m, "out"));
        // held: weights 220 + gradients 204 + moments 408 + activations 1,224 + their gradients 1,480 + one
        // convolution's kernels 3,145,728 = 3,149,264; the peak adds the largest workspace, 2,304
        assertEquals(3_149_264, m.total().held());
        assertEquals(3_151_568, m.peak());
        assertTrue(m.complete());
        // a flat network: each layer is its own designed node
        assertEquals(List.of("input", "conv", "bn", "relu", "pool", "flatten", "fc", "out"),
                List.copyOf(m.stages().keySet()));
        assertEquals(layer(m, "bn"), m.stages().get("bn"));
    }

    /**
     * A grouped convolution (4x4x4, 4 filters 3x3 in 2 groups, padding 1, no bias) at batch 2 with Adam: its unfolded
     * input, repeated weights and the product before the permute are values of the graph, held with their gradients.
     */
    @Test
    void groupedConvolutionHoldsItsColumnsAsValues() {
        Network n = new NetBuilder("grouped").input(4, 4, 4)
                .then("g", new Conv2d(4, Hw.of(3), Hw.of(1), Padding.of(1), Hw.of(1), 2, false))
                .then("flatten", new Flatten()).then("fc", new Dense(3, true)).then("out", new Output()).build();
        MemoryEstimate m = Analyzer.analyze(n).memoryPerLayer(2, Optimizer.ADAM);
        // weights 2 x 9 x 4 = 72 values = 288 B, gradients 288 B, moments 576 B; output 4x4x4 = 64 values = 256 B,
        // x2 samples = 512 B. Columns: 16 output pixels x 4 channels x 9 = 576 values, the weights repeated: 72,
        // (576 + 72) x 2 samples x 4 B = 5,184 B, plus the product as large as the output, 512 B: 5,696 B, so
        // 512 + 5,696 = 6,208 B of values and as much of gradients; no conv2d kernels, no workspace
        assertEquals(new LayerMemory("g", 288, 288, 576, 6208, 6208, 0, 0), layer(m, "g"));
    }

    @Test
    void optimizerStateFollowsTheOptimizer() {
        Analysis a = Analyzer.analyze(tiny());
        // 20 + 4 + 27 = 51 trainable parameters: SGD keeps nothing, momentum one value (204 B), Adam two (408 B)
        assertEquals(0, a.memoryPerLayer(2, Optimizer.SGD).total().optimizerState());
        assertEquals(204, a.memoryPerLayer(2, Optimizer.MOMENTUM).total().optimizerState());
        assertEquals(408, a.memoryPerLayer(2, Optimizer.ADAMW).total().optimizerState());
        assertThrows(IllegalArgumentException.class, () -> MemoryEstimate.of(a, 0, 2));
    }

    @Test
    void stagesSumTheirBlocksLayers() throws Exception {
        Analysis a = Analyzer.analyze(netcanvas.presets.Presets.load("resnet20"));
        MemoryEstimate m = a.memoryPerLayer(8, Optimizer.SGD);
        long saved = 0;
        long largest = 0;
        for (LayerMemory l : m.layers()) {
            if (l.id().startsWith("layer2.")) {
                saved += l.savedActivations();
                largest = Math.max(largest, l.workspace());
            }
        }
        assertTrue(saved > 0);
        assertEquals(saved, m.stages().get("layer2").savedActivations());
        assertEquals(largest, m.stages().get("layer2").workspace());
        // layer2's 3x3 convolutions from 32 channels to 32x14x14 (not its first, from 16 channels): 196 pixels x
        // 32 x 9 x 8 samples x 4 B, twice (the matrix and its gradient)
        assertEquals(2 * 196L * 32 * 9 * 8 * 4, largest);
    }

    @Test
    void rooflineTakesTheSlowerOfArithmeticAndTraffic() {
        MachineSpeed s = new MachineSpeed(10, 20);
        // 1 GFLOP at 10 GFLOP/s = 0.1 s; 1 GB at 20 GB/s = 0.05 s: the arithmetic sets it
        assertEquals(0.1, s.seconds(1e9, 1e9), 1e-12);
        assertFalse(s.memoryBound(1e9, 1e9));
        // 0.1 GFLOP = 0.01 s; 4 GB = 0.2 s: the traffic sets it
        assertEquals(0.2, s.seconds(1e8, 4e9), 1e-12);
        assertTrue(s.memoryBound(1e8, 4e9));
        assertThrows(IllegalArgumentException.class, () -> new MachineSpeed(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MachineSpeed(1, Double.NaN));
    }

    @Test
    void layerTimesAreTheRooflineOfHandCountedFlopsAndBytes() {
        TimeEstimate t = Analyzer.analyze(tiny()).timePerLayer(2, Optimizer.ADAM, new MachineSpeed(1, 1));
        LayerTime conv = t.layers().stream().filter(l -> l.id().equals("conv")).findFirst().orElseThrow();
        // MACs per sample: 2 filters x 16 pixels x 9 = 288; forward and backward 3 x 2 x 288 x 2 samples = 3,456
        assertEquals(3456, conv.flops(), 1e-9);
        // 2 samples x (3 x 64 B input + 2 x 128 B output) + 3 x 80 B of weights = 1,136 B
        assertEquals(1136, conv.bytes(), 1e-9);
        assertEquals(3.456e-6, conv.seconds(), 1e-15);
        assertFalse(conv.memoryBound());
        LayerTime fc = t.layers().stream().filter(l -> l.id().equals("fc")).findFirst().orElseThrow();
        // 24 MACs: 3 x 48 x 2 = 288 FLOPs; 2 x (3 x 32 + 2 x 12) + 3 x 108 = 564 B: memory-bound
        assertEquals(288, fc.flops(), 1e-9);
        assertEquals(564, fc.bytes(), 1e-9);
        assertEquals(564e-9, fc.seconds(), 1e-15);
        assertTrue(fc.memoryBound());
        // Adam's update: 51 weights x (2 + 2 x 2) x 4 B = 1,224 B; 51 x (2 + 4 x 2) = 510 FLOPs
        assertEquals(1224, t.update().bytes(), 1e-9);
        assertEquals(1224e-9, t.update().seconds(), 1e-15);
        double sum = t.update().seconds();
        for (LayerTime l : t.layers()) {
            sum += l.seconds();
        }
        assertEquals(sum, t.stepSeconds(), 1e-15);
        // 5 images at batch 2: 3 steps
        assertEquals(3 * t.stepSeconds(), t.epochSeconds(5), 1e-15);
        assertEquals("conv", t.slowest(1).get(0));
    }
}
