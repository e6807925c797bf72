package netcanvas.graph;

import static netcanvas.graph.Shape.chw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each kind's training work ({@link PrimitiveSpec#trainingWork}) against counts worked out by hand from its training
 * lowering (the calls it makes forward and backward as SameDiff differentiates it, and the arrays they pass over);
 * {@code StepWorkTest} in the training module checks every kind's calls against the calls the step really plans.
 */
class TrainingWorkTest {
    private static TrainingWork work(PrimitiveSpec spec, boolean readsData, Shape... in) throws ShapeException {
        List<Shape> inputs = List.of(in);
        return spec.trainingWork(inputs, spec.outputShape(inputs), readsData);
    }

    @Test
    void lenetsFirstConvolutionComputesItsWeightGradientByOneProductPerTap() throws ShapeException {
        // 1x32x32 -> 6 filters 5x5, no padding, bias, on the data: forward 1; backward 25 tap products, the bias's
        // product and the output gradient's copy onto the 32x32 grid (its 28x28 is smaller; no padding to copy the
        // input onto): 28 calls
        TrainingWork w = work(new Conv2d(6, Hw.of(5), Hw.of(1), Padding.of(0), Hw.of(1), 1, true), true,
                chw(1, 32, 32));
        assertEquals(28, w.calls());
        // each tap reads the 32x32 grid of 1 input and 6 gradient channels: 25 x 1,024 x 7 values; the copies read
        // and write the input (1,024) and the gradient (6 x 28 x 28 = 4,704): 4 x (179,200 + 2,048 + 9,408) B
        assertEquals(4.0 * (179_200 + 2_048 + 9_408), w.bytes(), 1e-9);
        assertFalse(w.ownTraffic());
        assertEquals(2, w.weightArrays());
        // its kernels read the one input channel as it is and compute the 6 output channels in vectors
        assertEquals(0, w.vectorIn());
        assertEquals(6, w.vectorOut());
    }

    @Test
    void aLaterConvolutionIsOneCallEachWayAndAGroupedOneAsManyWhateverItsGroups() throws ShapeException {
        Conv2d plain = new Conv2d(16, Hw.of(5), Hw.of(1), Padding.of(0), Hw.of(1), 1, false);
        TrainingWork later = work(plain, false, chw(6, 14, 14));
        assertEquals(2, later.calls()); // conv2d forward, conv2d_bp backward
        assertEquals(0, later.bytes(), 0);
        assertEquals(1, later.weightArrays());
        assertEquals(6, later.vectorIn());
        assertEquals(16, later.vectorOut());
        // strided: conv2d_bp even on the data
        assertEquals(2, work(new Conv2d(8, Hw.of(3), Hw.of(2), Padding.of(1), Hw.of(1), 1, true), true,
                chw(3, 8, 8)).calls());
        // 2 or 4 groups on 8 channels: im2col and one batched product, as many calls whatever the groups (the
        // per-group lowering before grew with them; StepWorkTest matches the count to the step's plan)
        assertEquals(23, work(new Conv2d(8, Hw.of(3), Hw.of(1), Padding.of(1), Hw.of(1), 4, false), false,
                chw(8, 6, 6)).calls());
        assertEquals(23, work(new Conv2d(8, Hw.of(3), Hw.of(1), Padding.of(1), Hw.of(1), 2, false), false,
                chw(8, 6, 6)).calls());
        // depthwise: one call each way, the shape of the weights' reshape to [3, 3, 8, 1] and the copy of the weight
        // gradient (a view of that reshape) into the flat gradient
        assertEquals(4, work(new Conv2d(8, Hw.of(3), Hw.of(1), Padding.of(1), Hw.of(1), 8, false), false,
                chw(8, 6, 6)).calls());
    }

    @Test
    void aPointwiseConvolutionIsItsMatrixProducts() throws ShapeException {
        Conv2d pointwise = new Conv2d(24, Hw.of(1), Hw.of(1), Padding.of(0), Hw.of(1), 1, false);
        assertTrue(pointwise.pointwise());
        // forward x w; backward g w^T for the input and x^T g for the weights
        assertEquals(3, work(pointwise, false, chw(16, 7, 7)).calls());
        // with a bias: the bias laid in every row before the product, and its gradient (a row of ones times g)
        Conv2d withBias = new Conv2d(24, Hw.of(1), Hw.of(1), Padding.of(0), Hw.of(1), 1, true);
        assertEquals(5, work(withBias, false, chw(16, 7, 7)).calls());
        assertEquals(2, work(withBias, false, chw(16, 7, 7)).weightArrays());
        // on the data nothing reads the input gradient: fill, product, weight gradient, bias gradient
        assertEquals(4, work(withBias, true, chw(3, 8, 8)).calls());
        assertEquals(0, work(withBias, true, chw(3, 8, 8)).bytes(), 0);
        // strided (ResNet's downsampling shortcut), padded or grouped 1x1: libnd4j's conv2d and conv2d_bp
        Conv2d strided = new Conv2d(24, Hw.of(1), Hw.of(2), Padding.of(0), Hw.of(1), 1, false);
        assertFalse(strided.pointwise());
        assertEquals(2, work(strided, false, chw(16, 8, 8)).calls());
        assertFalse(new Conv2d(24, Hw.of(1), Hw.of(1), Padding.of(1), Hw.of(1), 1, false).pointwise());
        assertFalse(new Conv2d(24, Hw.of(1), Hw.of(1), Padding.of(0), Hw.of(1), 4, false).pointwise());
        assertTrue(new Conv2d(24, Hw.of(1), Hw.of(1), Padding.SAME, Hw.of(1), 1, false).pointwise());
    }

    @Test
    void denseBatchNormAddFlattenAndDropoutCountTheirOwnCalls() throws ShapeException {
        // dense on 16x5x5 with bias: the reshape, the copy to channels-first and its gradient's copy back, then the
        // product and the bias forward and backward: 7 calls, two weight arrays
        TrainingWork fc = work(new Dense(120, true), false, chw(16, 5, 5));
        assertEquals(7, fc.calls());
        assertEquals(2, fc.weightArrays());
        // on a feature vector without bias: the product forward and backward
        TrainingWork plain = work(new Dense(10, false), false, Shape.features(84));
        assertEquals(2, plain.calls());
        assertEquals(1, plain.weightArrays());
        // batch norm: 3 calls for the moments, 1 to normalise, 6 backward; 4 + 2 + 12 passes over its output
        TrainingWork bn = work(BatchNorm.standard(), false, chw(16, 8, 8));
        assertEquals(10, bn.calls());
        assertEquals(18, bn.passes());
        assertTrue(bn.ownTraffic());
        assertEquals(2, bn.weightArrays());
        // three inputs added: 2 additions reading 3 arrays and writing 1; no backward call
        TrainingWork add = work(new Add(), false, chw(4, 2, 2), chw(4, 2, 2), chw(4, 2, 2));
        assertEquals(2, add.calls());
        assertEquals(4, add.passes());
        // flatten of a 16x5x5 map: the reshape and the two copies (each read and written); of 16x1x1: the reshape
        assertEquals(3, work(new Flatten(), false, chw(16, 5, 5)).calls());
        assertEquals(4, work(new Flatten(), false, chw(16, 5, 5)).passes());
        assertEquals(1, work(new Flatten(), false, chw(16, 1, 1)).calls());
        assertEquals(0, work(new Flatten(), false, chw(16, 1, 1)).passes());
        // of a vector: an identity forward and backward
        assertEquals(2, work(new Flatten(), false, Shape.features(84)).calls());
        // of the data: its gradient is not computed, so only the copy to channels-first, read and written
        assertEquals(1, work(new Flatten(), true, chw(3, 5, 5)).calls());
        assertEquals(2, work(new Flatten(), true, chw(3, 5, 5)).passes());
        // x * sigmoid(x): sigmoid and product forward; the product's gradient (one call), the sigmoid's and the sum
        // of x's two gradients backward; relu6(x + 3) / 6: add, ReLU6, divide forward, the division's gradient and
        // ReLU6's (five calls: two step masks, 6 - x, their product, the product with g) backward; x times that: the
        // product forward too, and its gradient and the sum of x's two gradients backward
        assertEquals(5, work(new SiLU(), false, chw(4, 2, 2)).calls());
        assertEquals(3 + 1 + 5, work(new Hardsigmoid(), false, chw(4, 2, 2)).calls());
        assertEquals(4 + 1 + 5 + 1 + 1, work(new Hardswish(), false, chw(4, 2, 2)).calls());
        // ReLU6: one call forward, five backward, over 14 output-sized reads and writes
        assertEquals(6, work(new ReLU6(), false, chw(4, 2, 2)).calls());
        assertEquals(14, work(new ReLU6(), false, chw(4, 2, 2)).passes());
        // dropout lowers to nothing at p = 0; else the shape, a draw, a comparison, its cast, the scaled mask and the
        // product, and one product backward
        assertEquals(0, work(new Dropout(0), false, chw(4, 2, 2)).calls());
        assertEquals(7, work(new Dropout(0.5), false, chw(4, 2, 2)).calls());
    }

    @Test
    void reshapingPaddingAndPoolingKindsCountTheirLoweringsCalls() throws ShapeException {
        // scale: the factor's reshape to 1x1xC (its shape kept for the backward pass), the product, its gradient
        assertEquals(3, work(new Scale(), false, chw(8, 4, 4), chw(8, 1, 1)).calls());
        // channel shuffle: the two reshapes' shapes, the transposed copy and its gradient's; 2 copies read and written
        TrainingWork shuffle = work(new ChannelShuffle(2), false, chw(8, 4, 4));
        assertEquals(4, shuffle.calls());
        assertEquals(4, shuffle.passes());
        assertTrue(shuffle.ownTraffic());
        // adaptive average pool 12x12 -> 6x6: 3 copies, 2 products and 4 reshapes' shapes forward; 3 copies and 2
        // products' gradients backward; to its input's own size an identity
        assertEquals(9 + 5, work(new AdaptiveAvgPool(Hw.of(6)), false, chw(4, 12, 12)).calls());
        assertEquals(2, work(new AdaptiveAvgPool(Hw.of(6)), false, chw(4, 6, 6)).calls());
        // an explicit padding is 4 calls: the pad; the slice of the gradient, its bounds and the shape they need
        assertEquals(4, TrainingWork.PAD_CALLS);
        assertEquals(2, work(MaxPool2d.of(2, 2, 0, false), false, chw(4, 8, 8)).calls());
        assertEquals(2 + 4, work(MaxPool2d.of(3, 1, 1, false), false, chw(4, 8, 8)).calls());
        // 7x7 with a 2x2 window, stride 2, ceil mode: the last window reaches past the end, so the input is padded
        assertEquals(2 + 4, work(MaxPool2d.of(2, 2, 0, true), false, chw(4, 7, 7)).calls());
        // a padded average is rescaled to PyTorch's divisor: a product and its gradient more
        assertEquals(2, work(AvgPool2d.of(2, 2, 0), false, chw(4, 8, 8)).calls());
        assertEquals(2 + 4 + 2, work(AvgPool2d.of(3, 1, 1), false, chw(4, 8, 8)).calls());
        // local response norm: the square, 2 reshapes' shapes, the window mean, scale, shift, power, its derivative
        // and the quotient forward (9); the quotient's gradient, the product with the derivative, its scaling, the
        // mean's gradient, the square's and 2 sums of gradients backward (7): 16; across 5 channels the channel
        // axis is padded: 4 more
        assertEquals(20, work(new LocalResponseNorm(5, 1e-4, 0.75, 1), false, chw(8, 4, 4)).calls());
        assertEquals(16, work(new LocalResponseNorm(1, 1e-4, 0.75, 1), false, chw(8, 4, 4)).calls());
    }

    @Test
    void negativeWorkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingWork(-1, 0, false, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingWork(1, 0, false, 0, Double.NaN, 0, 0));
    }
}
