package netcanvas.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netcanvas.graph.PrimitiveSpec;
import netcanvas.graph.Shape;
import netcanvas.graph.TrainingMemory;

/**
 * Training memory per layer for a batch size and optimizer, as NetCanvas's own training step ({@code
 * netcanvas.train.TrainingStep}) holds it at its peak.
 *
 * <p>What the step holds: every weight, its gradient (one flat array) and the optimizer's state per weight value;
 * and, for the batch, the values of the gradient graph SameDiff differentiated. The step plans its arrays on its
 * first batch by running that graph once through SameDiff's session, which keeps every forward value and every
 * gradient alive at the same moment; later steps reuse arrays whose last reader has run, so they hold less. The
 * peak is therefore the planning pass: every array of the gradient graph, each layer's as its kind's rule lists them
 * ({@link PrimitiveSpec#trainingMemory}: its forward values, its backward arrays, its inputs' gradients at their
 * own sizes; checked by value against the planning pass for every kind in the training module's
 * {@code MemoryValuesTest}); a value read by k layers adds the k - 1 sums of its gradients. While one convolution's
 * backward pass runs it also needs scratch the size of its unfolded input (the im2col matrix, batch x output pixels x
 * input channels per group x kernel area), counted once for the largest (decision 0015). Batch-norm batch statistics
 * are per channel and negligible.
 * Each distinct convolution also costs native memory that no array accounts for (oneDNN's primitives for its
 * forward and backward passes and their scratch buffers): {@link #KERNEL_STATE}, a constant measured with the
 * benchmark. oneDNN keeps its primitives in a cache keyed by what they compute, so convolutions of the same kind on
 * inputs of the same shape (ResNet-20's 21 convolutions are 8 distinct ones) share one set.
 * This class multiplies the kinds' rules out for the batch and adds them up. The bench {@code memory} command
 * compares the result with the resident memory of real steps.
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
        java.util.Set<List<Object>> kinds = new java.util.HashSet<>();
        Map<String, Integer> readers = analysis.readerCounts();
        for (LayerResult l : analysis.layers()) {
            if (!l.known()) {
                complete = false;
                continue;
            }
            // the first layer of its kind and input shape holds the native primitives the later ones reuse
            boolean first = kinds.add(java.util.Arrays.asList(l.spec(),
                    l.inputs().isEmpty() ? null : analysis.shapeOf(l.inputs().get(0))));
            LayerMemory m = layer(analysis, l, batch, statesPerWeight, first, readers.getOrDefault(l.id(), 0));
            rows.add(m);
            LayerMemory none = new LayerMemory(l.owner(), 0, 0, 0, 0, 0, 0, 0);
            stages.merge(l.owner(), none.plus(l.owner(), m), (a, b) -> a.plus(l.owner(), b));
            sum = sum.plus("total", m);
        }
        return new MemoryEstimate(batch, statesPerWeight, rows, stages, sum, complete);
    }

    /**
     * One layer's share; {@code l} must have a known output. What the layer holds is its kind's rule
     * ({@link PrimitiveSpec#trainingMemory}), multiplied out for the batch here.
     *
     * @param firstOfItsKind no earlier layer of the same kind on the same input shape precedes it: if its kind keeps
     *                       native kernel state, this layer holds it
     * @param readers        the layers that read its output: a value read by k layers receives k gradients, summed
     *                       into k - 1 more arrays of its size (none for the data, whose gradient is not computed)
     */
    static LayerMemory layer(Analysis analysis, LayerResult l, int batch, int statesPerWeight,
            boolean firstOfItsKind, int readers) {
        long params = l.cost().params();
        long weights = Sat.mul(Sat.add(params, l.cost().state()), 4);
        long grads = Sat.mul(params, 4);
        long state = Sat.mul(grads, statesPerWeight);
        long out = Sat.mul(l.memoryBytes(), batch);
        TrainingMemory rule = rule(analysis, l);
        long values = Sat.mul(rule.valueBytes(), batch);
        long saved = Sat.add(Sat.mul(out, rule.forward()), values);
        long sums = l.inputs().isEmpty() ? 0 : Math.max(0, readers - 1);
        long gradients = Sat.add(Sat.mul(out, Sat.add(rule.gradients(), sums)), values);
        for (String in : l.inputs()) {
            Shape s = analysis.shapeOf(in);
            if (s != null) {
                gradients = Sat.add(gradients, Sat.mul(Sat.mul(Sat.mul(s.elements(), 4), batch),
                        rule.inputSized()));
            }
        }
        long kernel = rule.nativeKernel() && firstOfItsKind ? KERNEL_STATE : 0;
        long workspace = Sat.mul(rule.workspace(), batch);
        return new LayerMemory(l.id(), weights, grads, state, saved, gradients, kernel, workspace);
    }

    /** The kind's rule for the layer's input shapes and output. */
    static TrainingMemory rule(Analysis analysis, LayerResult l) {
        List<Shape> inputs = new ArrayList<>();
        for (String in : l.inputs()) {
            inputs.add(analysis.shapeOf(in));
        }
        LayerResult producer = l.inputs().isEmpty() ? null : analysis.producer(l.inputs().get(0));
        boolean readsData = producer != null && producer.inputs().isEmpty(); // the data: the network's input
        return l.spec().trainingMemory(inputs, l.output(), readsData);
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
