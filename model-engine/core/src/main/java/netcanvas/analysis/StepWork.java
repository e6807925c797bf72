package netcanvas.analysis;

import netcanvas.graph.Add;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.Concat;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Dropout;
import netcanvas.graph.Flatten;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.Hw;
import netcanvas.graph.Input;
import netcanvas.graph.Output;
import netcanvas.graph.PrimitiveSpec;
import netcanvas.graph.ReLU;
import netcanvas.graph.Shape;

/**
 * What one layer makes NetCanvas's training step ({@code netcanvas.train.TrainingStep}) do besides its arithmetic:
 * how many native calls its forward and backward passes make, how many times they pass over arrays of the layer's
 * output size, and how many weight arrays the optimizer then updates one call each. Each call costs a fixed time
 * whatever its size (the call into native code, its argument checks, waking the threads), which is most of a small
 * layer's time; the passes are its memory traffic.
 *
 * <p>The counts follow the training lowering ({@code SameDiffCompiler}) and the gradients SameDiff derives from it, as
 * the step runs them: a convolution is one call forward and one backward ({@code conv2d_bp} computes both
 * gradients), except the first, whose input gradient nobody reads: its weight gradient is one matrix product per
 * kernel tap, one for the bias and a copy of the input and of the gradient onto a padded grid, and each product
 * reads the whole grid again ({@link #firstConvolutionBytes}); ReLU is the ReLU and its
 * mask forward and one product backward; batch norm is three calls for the batch moments, one to normalise, six
 * backward. A value read by k layers receives k gradients, summed by k - 1 additions. {@code StepWorkTest} in the
 * training module checks the counts against the calls the step really plans.
 */
public final class StepWork {
    private StepWork() {
    }

    /**
     * One layer's work in a training step.
     *
     * @param calls   native calls, forward and backward
     * @param passes  reads and writes of arrays of the layer's output size (for the batch), forward and backward;
     *                arrays of another size (a convolution's input) are counted in {@link TimeEstimate} itself
     * @param weights the layer's weight arrays (one optimizer call each)
     * @param bytes   further bytes read and written per sample: the first convolution's weight gradient, which
     *                reads the padded input and the output gradient once per kernel tap
     */
    public record Layer(int calls, int passes, int weights, double bytes) {
    }

    /**
     * The work of layer {@code l} of {@code a} whose output is read by {@code readers} layers.
     */
    public static Layer of(Analysis a, LayerResult l, int readers) {
        PrimitiveSpec spec = l.spec();
        // gradients of a value read twice or more are added up (none for the input: its gradient is not computed)
        int sums = spec instanceof Input ? 0 : Math.max(0, readers - 1);
        int calls = calls(a, l) + sums;
        int passes = passes(a, l) + 3 * sums;
        return new Layer(calls, passes, weights(spec, l.cost().params()), firstConvolutionBytes(a, l));
    }

    /** Native calls of the forward and backward pass, without the sums of gradients. */
    static int calls(Analysis a, LayerResult l) {
        PrimitiveSpec spec = l.spec();
        if (spec instanceof Input) {
            return 3; // the copy to channels-last, and the step's copies of the batch and its labels
        }
        if (spec instanceof Conv2d c) {
            return convolutionCalls(a, l, c);
        }
        if (spec instanceof BatchNorm) {
            return 4 + 6;
        }
        if (spec instanceof ReLU) {
            return 2 + 1;
        }
        if (spec instanceof Dropout d) {
            return d.p() > 0 ? 4 + 1 : 0; // uniform draw, comparison, scaled mask, product; one product backward
        }
        if (spec instanceof Add) {
            return Math.max(1, l.inputs().size() - 1); // its gradient passes to every input as it is
        }
        if (spec instanceof Output) {
            return 2; // the batch size, and the loss's gradient (softmax minus labels) in one call
        }
        if (spec instanceof Flatten) {
            return 1 + flattenCopies(a, l);
        }
        if (spec instanceof Dense d) {
            Shape in = l.inputs().isEmpty() ? null : a.shapeOf(l.inputs().get(0));
            int flatten = in != null && d.flattensInput(in) ? 1 + (in.height() * in.width() > 1 ? 2 : 0) : 0;
            return flatten + (d.bias() ? 4 : 2); // product and bias, forward and backward
        }
        if (spec instanceof GlobalAvgPool) {
            return 2;
        }
        if (spec instanceof Concat) {
            return 2;
        }
        return 2; // one call forward, one backward
    }

    /** Passes over output-sized arrays, forward and backward, without the sums of gradients. */
    static int passes(Analysis a, LayerResult l) {
        PrimitiveSpec spec = l.spec();
        if (spec instanceof Input) {
            return 4; // copy the batch in, then to channels-last: read and write each
        }
        if (spec instanceof BatchNorm) {
            // forward: moments read x, squared deviations written and read again (4), normalise reads x, writes y
            // (2); backward: the gradient summed (1), times x (3), that summed (1), the gradient term and the x term
            // (2 + 2), added (3)
            return 6 + 12;
        }
        if (spec instanceof ReLU) {
            return 2 + 2 + 3; // ReLU in and out, its mask in and out; backward gradient times mask into a gradient
        }
        if (spec instanceof Add) {
            return l.inputs().size() + 1; // backward nothing: every input's gradient is the output's
        }
        if (spec instanceof Flatten) {
            return flattenCopies(a, l) * 2;
        }
        return 0; // TimeEstimate's default traffic: 3 x input + 2 x output
    }

    /** The weight arrays of a layer with these parameters (one optimizer call each). */
    static int weights(PrimitiveSpec spec, long params) {
        if (params == 0) {
            return 0;
        }
        if (spec instanceof Conv2d c) {
            return c.bias() ? 2 : 1;
        }
        if (spec instanceof Dense d) {
            return d.bias() ? 2 : 1;
        }
        if (spec instanceof BatchNorm) {
            return 2; // scale and shift
        }
        return 1;
    }

    /** Whether TimeEstimate counts this kind's traffic from its passes alone, not as 3 x input + 2 x output. */
    static boolean ownTraffic(PrimitiveSpec spec) {
        return spec instanceof Input || spec instanceof BatchNorm || spec instanceof ReLU || spec instanceof Add
                || spec instanceof Flatten;
    }

    private static int flattenCopies(Analysis a, LayerResult l) {
        Shape in = l.inputs().isEmpty() ? null : a.shapeOf(l.inputs().get(0));
        return in != null && in.spatial() && in.height() * in.width() > 1 ? 2 : 0; // to channels-first and back
    }

    /**
     * Bytes per sample of the first convolution's weight gradient, when NetCanvas's kernel computes it: each of the
     * kernel's taps is a matrix product reading the input and the output gradient laid on the padded grid (padded
     * height x width x (input + output channels) values), and the input and the gradient are first copied there.
     * Zero for any other layer.
     */
    static double firstConvolutionBytes(Analysis a, LayerResult l) {
        if (!(l.spec() instanceof Conv2d c) || !firstConvolution(a, l, c)) {
            return 0;
        }
        Shape in = a.shapeOf(l.inputs().get(0));
        Shape out = l.output();
        if (in == null || !in.spatial() || out == null || !out.spatial()) {
            return 0;
        }
        Hw pad = c.effectivePadding();
        double grid = (double) (in.height() + 2L * pad.h()) * (in.width() + 2L * pad.w());
        double taps = (double) c.kernel().h() * c.kernel().w();
        double copies = 2.0 * in.elements() + 2.0 * out.elements();
        return 4 * (taps * grid * (in.channels() + out.channels()) + copies);
    }

    /** Whether the step computes only this convolution's weight gradient, by NetCanvas's kernel. */
    private static boolean firstConvolution(Analysis a, LayerResult l, Conv2d c) {
        LayerResult producer = l.inputs().isEmpty() ? null : a.producer(l.inputs().get(0));
        return c.groups() == 1 && c.stride().h() == 1 && c.stride().w() == 1 && c.dilation().h() == 1
                && c.dilation().w() == 1 && producer != null && producer.spec() instanceof Input;
    }

    private static int convolutionCalls(Analysis a, LayerResult l, Conv2d c) {
        int groups = c.groups();
        Shape in = l.inputs().isEmpty() ? null : a.shapeOf(l.inputs().get(0));
        if (groups > 1 && (in == null || groups != in.channels())) {
            // split into groups, one convolution each, joined: forward and backward
            return 2 * (2 * groups + 1);
        }
        if (firstConvolution(a, l, c)) {
            // the first convolution: its weight gradient alone, one product per tap (NetCanvas's kernel)
            int taps = c.kernel().h() * c.kernel().w();
            Hw pad = c.effectivePadding();
            boolean padded = pad.h() > 0 || pad.w() > 0;
            boolean smaller = c.kernel().h() > 1 || c.kernel().w() > 1;
            return 1 + taps + (c.bias() ? 1 : 0) + (padded ? 1 : 0) + (smaller ? 1 : 0);
        }
        return 2;
    }
}
