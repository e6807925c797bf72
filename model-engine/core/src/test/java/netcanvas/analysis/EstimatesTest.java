package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import netcanvas.graph.Add;
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
        // Every value of the gradient graph, as the planning pass holds it: per layer its forward arrays (of its
        // output's size), further backward arrays of its output's size, and its input's gradient (of the input's).
        // input: 16 values = 64 B per sample, x2 samples = 128 B; the batch and its channels-last copy, no gradient
        assertEquals(new LayerMemory("input", 0, 0, 0, 256, 0, 0, 0), layer(m, "input"));
        // conv: 2 x 9 weights + 2 biases = 20 parameters = 80 B, gradients 80 B, Adam's two moments 160 B; output
        // 2x4x4 = 32 values = 128 B, x2 = 256 B; its input's gradient 128 B; workspace: oneDNN's 4 blocked copies
        // of the larger map, the output's 2 channels padded to 16 x 16 pixels (the 1-channel input is read as it
        // is): 4 x 256 x 4 B x 2 = 8,192 B
        assertEquals(new LayerMemory("conv", 80, 80, 160, 256, 128, kernel, 8192), layer(m, "conv"));
        // bn: gamma, beta (4 values) and running mean, variance (4) = 32 B; gradients 16 B; moments 32 B; output
        // 256 B; its input's gradient and that plus SameDiff's constant zero: 512 B
        assertEquals(new LayerMemory("bn", 32, 16, 32, 256, 512, 0, 0), layer(m, "bn"));
        // relu: output 256 B; the mask (step) and the input's gradient, its product with the output's: 512 B
        assertEquals(new LayerMemory("relu", 0, 0, 0, 256, 512, 0, 0), layer(m, "relu"));
        // pool: 2x2x2 = 8 values = 32 B, x2 = 64 B; its input's gradient is the input's size, 256 B
        assertEquals(new LayerMemory("pool", 0, 0, 0, 64, 256, 0, 0), layer(m, "pool"));
        // flatten: the copy to channels-first and its reshape, 2 x 64 B; the reshaped gradient and its copy back
        assertEquals(new LayerMemory("flatten", 0, 0, 0, 128, 128, 0, 0), layer(m, "flatten"));
        // fc: 8 x 3 + 3 = 27 parameters = 108 B; moments 216 B; the product and the sum, 3 values each = 12 B, x2 =
        // 48 B; the sum's gradient 24 B and the input's, 8 values x 2 x 4 B = 64 B
        assertEquals(new LayerMemory("fc", 108, 108, 216, 48, 88, 0, 0), layer(m, "fc"));
        // out: the loss's softmax, 24 B; its gradients to the labels and to the logits, 48 B
        assertEquals(new LayerMemory("out", 0, 0, 0, 24, 48, 0, 0), layer(m, "out"));
        // held: weights 220 + gradients 204 + moments 408 + activations 1,288 + their gradients 1,672 + one
        // convolution's kernels 3,145,728 = 3,149,520; the peak adds the largest workspace, 8,192
        assertEquals(3_149_520, m.total().held());
        assertEquals(3_157_712, m.peak());
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
        // layer2's first convolution and its shortcut read 16x28x28, the largest map of the stage: 4 blocked copies
        // of 16 channels x 784 pixels x 4 B x 8 samples
        assertEquals(4L * 16 * 784 * 4 * 8, largest);
    }

    @Test
    void rooflineTakesTheSlowerOfArithmeticAndTraffic() {
        MachineSpeed s = new MachineSpeed(10, 20, 5);
        // 1 GFLOP at 10 GFLOP/s = 0.1 s; 1 GB at 20 GB/s = 0.05 s: the arithmetic sets it
        assertEquals(0.1, s.seconds(1e9, 1e9), 1e-12);
        assertFalse(s.memoryBound(1e9, 1e9));
        // 0.1 GFLOP = 0.01 s; 4 GB = 0.2 s: the traffic sets it
        assertEquals(0.2, s.seconds(1e8, 4e9), 1e-12);
        assertTrue(s.memoryBound(1e8, 4e9));
        // the same with 1,000 calls of 5 us each: 0.2 s + 0.005 s
        assertEquals(0.205, s.seconds(1e8, 4e9, 1000), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new MachineSpeed(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MachineSpeed(1, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new MachineSpeed(1, 1, -1));
    }

    @Test
    void layerTimesAreTheRooflineOfHandCountedFlopsAndBytesPlusTheirCalls() {
        // 1 GFLOP/s, 1 GB/s, 1 us per call: a FLOP or a byte takes 1 ns
        TimeEstimate t = Analyzer.analyze(tiny()).timePerLayer(2, Optimizer.ADAM, new MachineSpeed(1, 1, 1));
        LayerTime conv = layerTime(t, "conv");
        // MACs per sample: 2 filters x 16 pixels x 9 = 288; forward and backward 3 x 2 x 288 x 2 samples = 3,456
        assertEquals(3456, conv.flops(), 1e-9);
        // 2 samples x (3 x 64 B input + 2 x 128 B output) + 3 x 80 B of weights = 1,136 B; and, the first
        // convolution, its weight gradient: 9 taps each reading the 6x6 padded grid of 1 input and 2 gradient
        // channels, 9 x 36 x 3 x 4 B = 3,888 B, after copying the input (16 values) and the gradient (32) there,
        // read and written, 2 x 48 x 4 B = 384 B: 4,272 B per sample, 8,544 B for 2
        assertEquals(1136 + 8544, conv.bytes(), 1e-9);
        // forward 1; its weight gradient alone: 9 taps, the bias, the padded input's copy and the gradient's copy
        // onto the padded grid: 13 calls
        assertEquals(13, conv.calls());
        assertEquals(9.68e-6 + 13e-6, conv.seconds(), 1e-15);
        assertTrue(conv.memoryBound());
        LayerTime bn = layerTime(t, "bn");
        // 18 passes over its 2 x 128 B output = 4,608 B, and its 4 weights 3 times = 48 B; 3 x 32 ops x 2 = 192
        // FLOPs; moments 3 calls, normalise 1, backward 6
        assertEquals(4656, bn.bytes(), 1e-9);
        assertEquals(192, bn.flops(), 1e-9);
        assertEquals(10, bn.calls());
        assertEquals(4656e-9 + 10e-6, bn.seconds(), 1e-15);
        assertTrue(bn.memoryBound());
        LayerTime relu = layerTime(t, "relu");
        // ReLU and its mask forward (2 x 2 passes), one product backward (3): 7 x 256 B = 1,792 B in 3 calls
        assertEquals(1792, relu.bytes(), 1e-9);
        assertEquals(3, relu.calls());
        // flatten of 2x2x2: to channels-first and back, read and written, 4 x 2 x 32 B = 256 B; the copies and
        // the batch size: 3 calls
        assertEquals(256, layerTime(t, "flatten").bytes(), 1e-9);
        assertEquals(3, layerTime(t, "flatten").calls());
        LayerTime fc = layerTime(t, "fc");
        // 24 MACs: 3 x 48 x 2 = 288 FLOPs; 2 x (3 x 32 + 2 x 12) + 3 x 108 = 564 B: memory-bound; product and bias
        // forward and backward: 4 calls
        assertEquals(288, fc.flops(), 1e-9);
        assertEquals(564, fc.bytes(), 1e-9);
        assertEquals(4, fc.calls());
        assertEquals(564e-9 + 4e-6, fc.seconds(), 1e-15);
        assertTrue(fc.memoryBound());
        // the input: to channels-last, and the step's copies of the batch and the labels; the loss: 2; the pool: 2
        assertEquals(3, layerTime(t, "input").calls());
        assertEquals(2, layerTime(t, "out").calls());
        assertEquals(2, layerTime(t, "pool").calls());
        // Adam's update: 51 weights x (2 + 2 x 2) x 4 B = 1,224 B; 51 x (2 + 4 x 2) = 510 FLOPs; one call over the
        // flat gradient and one step per weight array (conv: 2, bn: 2, fc: 2)
        assertEquals(1224, t.update().bytes(), 1e-9);
        assertEquals(7, t.update().calls());
        assertEquals(1224e-9 + 7e-6, t.update().seconds(), 1e-15);
        // 3 + 13 + 10 + 3 + 2 + 3 + 4 + 2 layer calls and 7 for the update
        assertEquals(47, t.calls());
        double sum = t.update().seconds();
        for (LayerTime l : t.layers()) {
            sum += l.seconds();
        }
        assertEquals(sum, t.stepSeconds(), 1e-15);
        // 5 images at batch 2: 3 steps
        assertEquals(3 * t.stepSeconds(), t.epochSeconds(5), 1e-15);
        assertEquals("conv", t.slowest(1).get(0));
    }

    @Test
    void convolutionsOfTheSameKindOnTheSameShapeShareTheirKernelState() {
        // 2x8x8 -> "a" conv 2 (3x3, padding 1) -> "b" the same conv on the same 2x8x8 shape -> "c" the same conv
        // with stride 2 -> "d" the same stride-1 conv again, now on 2x4x4: a, c and d are three distinct ones
        Network net = new NetBuilder("same").input(2, 8, 8).then("a", Conv2d.of(2, 3, 1, 1, false))
                .then("b", Conv2d.of(2, 3, 1, 1, false)).then("c", Conv2d.of(2, 3, 2, 1, false))
                .then("d", Conv2d.of(2, 3, 1, 1, false)).then("fc", new Dense(3, true)).then("out", new Output())
                .build();
        MemoryEstimate m = Analyzer.analyze(net).memoryPerLayer(1, Optimizer.SGD);
        long kernel = 3L << 20;
        assertEquals(kernel, layer(m, "a").kernelState());
        assertEquals(0, layer(m, "b").kernelState());
        assertEquals(kernel, layer(m, "c").kernelState());
        assertEquals(kernel, layer(m, "d").kernelState());
        assertEquals(3 * kernel, m.total().kernelState());
    }

    @Test
    void aValueReadTwiceAddsTheSumOfItsGradients() {
        // 1x4x4 -> conv 2 (3x3, padding 1, no bias) -> ReLU "a" -> conv 2 "b" (3x3, padding 1, no bias), and
        // a + b -> dense 3 -> out: "a" is read by "b" and by the addition
        Network net = new NetBuilder("fork").input(1, 4, 4).then("c", Conv2d.of(2, 3, 1, 1, false))
                .then("a", new ReLU()).then("b", Conv2d.of(2, 3, 1, 1, false)).add("add", new Add(), "a", "b")
                .then("fc", new Dense(3, true)).then("out", new Output()).build();
        TimeEstimate t = Analyzer.analyze(net).timePerLayer(1, Optimizer.SGD, new MachineSpeed(1, 1, 1));
        // ReLU's 3 calls and 7 passes, plus one addition of its two gradients: 1 call, 3 passes of 128 B
        assertEquals(4, layerTime(t, "a").calls());
        assertEquals(10 * 128, layerTime(t, "a").bytes(), 1e-9);
        // a convolution after the first: conv2d forward, conv2d_bp backward, and the default traffic only:
        // 3 x 128 B input + 2 x 128 B output + 3 x 36 weights x 4 B = 1,072 B
        assertEquals(2, layerTime(t, "b").calls());
        assertEquals(1072, layerTime(t, "b").bytes(), 1e-9);
        // the addition: one call; read 2, write 1; its gradient passes to both inputs as it is
        assertEquals(1, layerTime(t, "add").calls());
        assertEquals(3 * 128, layerTime(t, "add").bytes(), 1e-9);
        // the dense layer flattens 2x4x4 to channels-first (the batch size, a copy, and the copy back) besides its 4
        assertEquals(7, layerTime(t, "fc").calls());
        // memory at batch 1: "a" holds its output (2x4x4 = 128 B), its mask, its input's gradient and the sum of the
        // two gradients it receives (from "b" and from the addition): 3 x 128 B
        LayerMemory a = Analyzer.analyze(net).memoryPerLayer(1, Optimizer.SGD).layers().stream()
                .filter(l -> l.id().equals("a")).findFirst().orElseThrow();
        assertEquals(128, a.savedActivations());
        assertEquals(3 * 128, a.activationGradients());
    }

    @Test
    void emptyVectorLanesSlowAConvolutionsArithmetic() {
        MachineSpeed avx512 = new MachineSpeed(1, 1, 0, 16);
        // 6 of 16 lanes; 20 channels take two vectors of 16, 20 of 32 lanes; 64 channels fill four
        assertEquals(6.0 / 16, avx512.channelEfficiency(6, 16), 1e-12);
        assertEquals(6.0 / 16 * 20 / 32, avx512.channelEfficiency(6, 20), 1e-12);
        assertEquals(1, avx512.channelEfficiency(32, 64), 1e-12);
        assertEquals(6.0 / 16, avx512.channelEfficiency(0, 6), 1e-12); // input channels not vectorised
        assertEquals(1, new MachineSpeed(1, 1, 0).channelEfficiency(6, 3), 1e-12); // width unknown: no rounding
        // LeNet-5's second convolution (6x14x14 to 16 filters 5x5) at batch 1, 1 GFLOP/s, nothing else counted:
        // 3 x 2 x 240,000 MACs = 1.44 MFLOP, taking 16/6 as long as at full lanes
        Network net = new NetBuilder("two").input(1, 32, 32).then("c1", Conv2d.of(6, 5, 1, 0, true))
                .then("p1", MaxPool2d.of(2, 2, 0, false)).then("c2", Conv2d.of(16, 5, 1, 0, true))
                .then("fc", new Dense(3, true)).then("out", new Output()).build();
        LayerTime c2 = layerTime(Analyzer.analyze(net).timePerLayer(1, Optimizer.SGD,
                new MachineSpeed(1, 1000, 0, 16)), "c2");
        assertEquals(1.44e6 * 16 / 6, c2.flops(), 1e-3);
        assertEquals(1.44e-3 * 16 / 6, c2.seconds(), 1e-12);
    }

    private static LayerTime layerTime(TimeEstimate t, String id) {
        return t.layers().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }
}
