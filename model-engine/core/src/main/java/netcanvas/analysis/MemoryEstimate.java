package netcanvas.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netcanvas.graph.Add;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.Concat;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dropout;
import netcanvas.graph.Hardsigmoid;
import netcanvas.graph.Hardswish;
import netcanvas.graph.Input;
import netcanvas.graph.LocalResponseNorm;
import netcanvas.graph.Output;
import netcanvas.graph.PrimitiveSpec;
import netcanvas.graph.SiLU;
import netcanvas.graph.Shape;

/**
 * Training memory per layer for a batch size and optimizer, as NetCanvas's own training step ({@code
 * netcanvas.train.TrainingStep}) holds it at its peak.
 *
 * <p>What the step holds: every weight, its gradient (one flat array) and the optimizer's state per weight value;
 * and, for the batch, the values of the gradient graph SameDiff differentiated. The step plans its arrays on its
 * first batch by running that graph once through SameDiff's session, which keeps every forward value and every
 * gradient alive at the same moment; later steps reuse arrays whose last reader has run, so they hold less. The
 * peak is therefore the planning pass: per layer, its forward values (the output, plus the intermediate values its
 * lowering creates: SiLU's sigmoid, dropout's mask, the input's copy in channels-last order) and the gradients of
 * each (batch norm's input gradient passes through an added constant zero, a second array; an addition's gradient
 * is one array per input), and, while one convolution runs, its unfolded input (the im2col matrix, batch x output
 * pixels x input channels per group x kernel area; a grouped convolution's unfolded input is a value of the graph
 * instead, held with the others). Batch-norm batch statistics are per channel and negligible.
 * Each distinct convolution also costs native memory that no array accounts for (oneDNN's primitives for its
 * forward and backward passes and their scratch buffers): {@link #KERNEL_STATE}, a constant measured with the
 * benchmark. oneDNN keeps its primitives in a cache keyed by what they compute, so convolutions of the same kind on
 * inputs of the same shape (ResNet-20's 21 convolutions are 8 distinct ones) share one set.
 * The bench {@code memory} command compares this with the resident memory of real steps.
 */
public final class MemoryEstimate {
    /**
     * Native memory per distinct convolution beyond its arrays, 3 MiB: the intercept of resident memory against batch
     * size (bench memory: ResNet-20 and the VGG-style network at batches 32 and 128) divided by their convolutions.
     */
    public static final long KERNEL_STATE = 3L << 20;

    private final int batch;
    private final int statesPerWeight;
    private final List<LayerMemory> layers;
    private final Map<String, LayerMemory> stages;
    private final LayerMemory total;
    private final boolean complete;

    private MemoryEstimate(int batch, int statesPerWeight, List<LayerMemory> layers, Map<String, LayerMemory> stages,
            LayerMemory total, boolean complete) {
        this.batch = batch;
        this.statesPerWeight = statesPerWeight;
        this.layers = List.copyOf(layers);
        this.stages = java.util.Collections.unmodifiableMap(stages);
        this.total = total;
        this.complete = complete;
    }

    /**
     * @param statesPerWeight the optimizer's state values per weight ({@link Optimizer#statesPerWeight})
     */
    public static MemoryEstimate of(Analysis analysis, int batch, int statesPerWeight) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        if (statesPerWeight < 0) {
            throw new IllegalArgumentException("optimizer state per weight must be 0 or more, got " + statesPerWeight);
        }
        List<LayerMemory> rows = new ArrayList<>();
        Map<String, LayerMemory> stages = new LinkedHashMap<>();
        LayerMemory sum = new LayerMemory("total", 0, 0, 0, 0, 0, 0, 0);
        boolean complete = analysis.totals().complete();
        java.util.Set<List<Object>> convolutions = new java.util.HashSet<>();
        for (LayerResult l : analysis.layers()) {
            if (!l.known()) {
                complete = false;
                continue;
            }
            // the first convolution of its kind and input shape holds the primitives the later ones reuse
            boolean first = l.spec() instanceof Conv2d && convolutions.add(java.util.Arrays.asList(l.spec(),
                    l.inputs().isEmpty() ? null : analysis.shapeOf(l.inputs().get(0))));
            LayerMemory m = layer(analysis, l, batch, statesPerWeight, first);
            rows.add(m);
            LayerMemory none = new LayerMemory(l.owner(), 0, 0, 0, 0, 0, 0, 0);
            stages.merge(l.owner(), none.plus(l.owner(), m), (a, b) -> a.plus(l.owner(), b));
            sum = sum.plus("total", m);
        }
        return new MemoryEstimate(batch, statesPerWeight, rows, stages, sum, complete);
    }

    /**
     * One layer's share; {@code l} must have a known output.
     *
     * @param firstOfItsKind a convolution that no earlier one of the same kind on the same input shape precedes: it
     *                       holds the native kernel state
     */
    static LayerMemory layer(Analysis analysis, LayerResult l, int batch, int statesPerWeight,
            boolean firstOfItsKind) {
        long params = l.cost().params();
        long weights = Sat.mul(Sat.add(params, l.cost().state()), 4);
        long grads = Sat.mul(params, 4);
        long state = Sat.mul(grads, statesPerWeight);
        long out = Sat.mul(l.memoryBytes(), batch);
        PrimitiveSpec spec = l.spec();
        long saved = Sat.mul(out, forwardValues(spec));
        long gradients = Sat.mul(out, gradientValues(spec, l.inputs().size()));
        long workspace = 0;
        long kernel = spec instanceof Conv2d && firstOfItsKind ? KERNEL_STATE : 0;
        if (spec instanceof Conv2d c && !l.inputs().isEmpty()) {
            Shape in = analysis.shapeOf(l.inputs().get(0));
            Shape o = l.output();
            if (c.pointwise()) {
                // Matrix products on the arrays as they lie (the training step's PointwiseConvolution): no
                // unfolded input, and no oneDNN primitives.
                kernel = 0;
            } else if (in != null && o.spatial() && c.groups() > 1 && c.groups() < in.channels()) {
                // A grouped convolution is lowered as graph values (SameDiffCompiler.grouped), all held by the
                // planning pass: the whole input unfolded (im2col, every channel), the weights repeated for each
                // sample, the product before its permute to channels-last; and the gradient of each. No conv2d.
                long columns = Sat.mul(Sat.mul(o.height(), o.width()), Sat.mul(in.channels(),
                        (long) c.kernel().h() * c.kernel().w()));
                long repeated = Sat.mul(Sat.mul(in.channels() / c.groups(),
                        (long) c.kernel().h() * c.kernel().w()), c.outChannels());
                long values = Sat.add(Sat.mul(Sat.add(columns, repeated), Sat.mul(batch, 4)), out);
                saved = Sat.add(saved, values);
                gradients = Sat.add(gradients, values);
                kernel = 0;
            } else if (in != null && o.spatial()) {
                long columns = Sat.mul(Sat.mul(o.height(), o.width()), Sat.mul(in.channels() / c.groups(),
                        (long) c.kernel().h() * c.kernel().w()));
                // the unfolded input and, in the backward pass, its gradient (libnd4j's conv2d_bp keeps both)
                workspace = Sat.mul(Sat.mul(columns, batch), 8);
            }
        }
        return new LayerMemory(l.id(), weights, grads, state, saved, gradients, kernel, workspace);
    }

    /** Forward values of the batch per output-sized array that the layer's lowering keeps. */
    static int forwardValues(PrimitiveSpec spec) {
        if (spec instanceof Output) {
            return 2; // the logits and the softmax of the loss
        }
        if (spec instanceof Input || spec instanceof SiLU) {
            return 2; // the batch and its channels-last copy; sigmoid and product
        }
        if (spec instanceof Dropout d) {
            return d.p() > 0 ? 4 : 1; // uniform draw, its comparison, the scaled mask, the product
        }
        if (spec instanceof Hardswish || spec instanceof Hardsigmoid) {
            return 3; // x + 3, its ReLU6, the scaled result
        }
        if (spec instanceof LocalResponseNorm) {
            return 5; // square, window mean, scaled, power, quotient
        }
        return 1;
    }

    /** Gradient arrays of the batch per output-sized array. */
    static int gradientValues(PrimitiveSpec spec, int inputs) {
        if (spec instanceof BatchNorm) {
            return 2; // the input gradient and its sum with SameDiff's constant zero
        }
        if (spec instanceof Add || spec instanceof Concat) {
            return 1 + inputs; // the sum's gradient, then one per input
        }
        return forwardValues(spec);
    }

    public int batch() {
        return batch;
    }

    public int statesPerWeight() {
        return statesPerWeight;
    }

    /** Every layer with a known shape, in topological order. */
    public List<LayerMemory> layers() {
        return layers;
    }

    /** Sums by the designed network's node that holds each layer (a stage, a block, a top-level layer), in order. */
    public Map<String, LayerMemory> stages() {
        return stages;
    }

    /** The sums over every layer; its workspace is the largest layer's. */
    public LayerMemory total() {
        return total;
    }

    /** The step's peak: everything held plus the largest workspace. */
    public long peak() {
        return total.total();
    }

    /** False when errors left layers without a shape: then the figures are lower bounds. */
    public boolean complete() {
        return complete;
    }
}
