package netcanvas.train;

import static netcanvas.train.ops.Views.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.train.ops.Workspace;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.common.util.ArrayUtil;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One optimisation step of a compiled network: SameDiff's own gradient graph (the forward pass, the loss and every
 * weight's gradient, as SameDiff differentiated it) run operation by operation into arrays allocated once per batch
 * size, then the optimizer and regularization applied to each weight as SameDiff's {@code fit} applies them.
 *
 * <p>Why not {@code fit}: SameDiff's session decides, allocates and looks up arrays on every operation of every
 * step, which on a ResNet costs more than the arithmetic (the measurements are in docs/performance.md). The graph,
 * its lowering and its differentiation stay SameDiff's, and the gradients are bit-identical; only the scheduling
 * is done here, once, because every step of a run executes the same operations on arrays of the same shapes.
 */
final class TrainingStep implements Step {
    private final SameDiff sd;
    private final TrainingConfig config;
    /** Weight name to its gradient's name in the gradient graph. */
    private final Map<String, String> gradients;
    /** Weight name to its slice of the optimizer's flat gradient, which the plans write directly. */
    private final Map<String, INDArray> gradientSlices;
    private final FlatOptimizer optimizer;
    private final Set<String> watched;
    private final Kernels kernels;
    private Plan plan;
    private Map<String, INDArray> last = Map.of();

    /**
     * @param net       a network compiled for training
     * @param config    optimizer, regularization and the placeholder mapping (features, then labels)
     * @param watched   activations to keep readable after each step ({@link #activation}), e.g. the logits
     * @param iteration steps already taken (non-zero when resuming; Adam's bias correction and the schedule read it)
     * @param epoch     epochs already done
     */
    TrainingStep(CompiledNet net, TrainingConfig config, Collection<String> watched, long iteration, int epoch) {
        this(net, config, watched, iteration, epoch, Kernels.STANDARD);
    }

    /** As above, with another table of kernel substitutions (tests, and {@link Kernels#NONE} for the plain ops). */
    TrainingStep(CompiledNet net, TrainingConfig config, Collection<String> watched, long iteration, int epoch,
            Kernels kernels) {
        this.kernels = kernels;
        this.sd = net.sd();
        this.config = config;
        this.watched = Set.copyOf(watched);
        sd.setTrainingConfig(config);
        Quietly.createGradients(sd);
        this.optimizer = new FlatOptimizer(sd, config, iteration, epoch);
        this.gradients = optimizer.gradientNames();
        this.gradientSlices = optimizer.slices();
    }

    /** The optimizer state of each weight (Adam's moments, SGD's momentum buffer), by weight name, then state name. */
    @Override
    public Map<String, Map<String, INDArray>> optimizerState() {
        return optimizer.state();
    }

    int iteration() {
        return optimizer.iteration();
    }

    @Override
    public void epochDone() {
        optimizer.epochDone();
    }

    /**
     * Forward, backward and the weight update for one batch.
     *
     * @param features N x C x H x W
     * @param labels   one-hot, N x classes
     */
    @Override
    public void run(INDArray features, INDArray labels) {
        int batch = Math.toIntExact(features.size(0));
        if (plan != null && plan.batch == batch) {
            plan.execute(features, labels);
            update(plan);
            last = plan.watchedValues;
            return;
        }
        Plan p = new Plan(features, labels, false);
        p.execute(features, labels);
        update(p);
        if (plan != null && plan.batch > batch) {
            // A smaller last batch: keep the full size's plan, which the next epoch uses again.
            last = p.detachedWatched();
            p.close();
            return;
        }
        if (plan != null) {
            plan.close();
        }
        plan = p;
        last = p.watchedValues;
    }

    /** A watched activation of the last step (this object's buffer, overwritten by the next step). */
    @Override
    public INDArray activation(String name) {
        INDArray a = last.get(name);
        if (a == null) {
            throw new IllegalArgumentException("'" + name + "' is not watched or no step has run");
        }
        return a;
    }

    /** The weight update from this plan's gradients (see {@link FlatOptimizer}). */
    private void update(Plan p) {
        p.gatherGradients();
        optimizer.step();
    }

    /** Fraction of the network's largest gradient below which a weight's gradient counts as zero in the check. */
    static final double NOISE_FLOOR = 1e-3;

    /**
     * The self-check: this step's gradients for one batch against SameDiff's own execution of the same gradient graph
     * ({@code calculateGradients}), before any weight moves. Summation orders differ, so each weight's gradient may
     * differ by {@code tolerance} of its largest value. A network with dropout draws different masks in the two
     * executions, so the caller leaves it out.
     *
     * @return null when every weight's gradient agrees, else the weight whose gradient differs most and by how much
     */
    String check(INDArray features, INDArray labels, double tolerance) {
        Plan p = new Plan(features, labels, true);
        try {
            List<String> broken = p.invariantViolations();
            if (!broken.isEmpty()) {
                return "the step's plan breaks its invariants: " + String.join("; ", broken);
            }
            p.execute(features, labels);
            p.gatherGradients();
            Map<String, INDArray> placeholders = Map.of(config.getDataSetFeatureMapping().get(0), features,
                    config.getDataSetLabelMapping().get(0), labels);
            Map<String, INDArray> reference = sd.calculateGradients(placeholders, gradients.keySet());
            String worst = null;
            double worstRatio = 0;
            double largest = 0;
            for (INDArray g : reference.values()) {
                largest = Math.max(largest, g.amaxNumber().doubleValue());
            }
            for (var e : gradientSlices.entrySet()) {
                INDArray ours = e.getValue();
                INDArray theirs = reference.get(e.getKey()).reshape(ours.shape());
                // A weight whose true gradient is zero (a batch norm's shift followed by a linear layer and another
                // batch norm, as in ShuffleNet v2's branch) holds only rounding noise in both executions: it is
                // compared at NOISE_FLOOR of the network's largest gradient instead of its own largest value.
                double scale = Math.max(Math.max(theirs.amaxNumber().doubleValue(), NOISE_FLOOR * largest), 1e-12);
                double diff = ours.sub(theirs).amaxNumber().doubleValue();
                double ratio = Double.isFinite(diff) ? diff / scale : Double.POSITIVE_INFINITY;
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = String.format(java.util.Locale.ROOT, "the gradient of '%s' differs from SameDiff's by"
                            + " %.3g (%.2g of its largest value %.3g)", e.getKey(), diff, ratio, scale);
                }
            }
            return worstRatio > tolerance ? worst : null;
        } finally {
            p.close();
        }
    }

    /**
     * Takes one ordinary step (which builds the plan), then runs {@code steps} forward and backward passes without
     * weight updates, timing each operation.
     *
     * @return milliseconds per step by operation name, largest first
     */
    Map<String, Double> profile(INDArray features, INDArray labels, int steps) {
        return profile(features, labels, steps, op -> op.getOp().opName());
    }

    /**
     * As {@link #profile(INDArray, INDArray, int)}, with the time summed by {@code key} of each operation (the layer
     * it belongs to, for the time estimate's comparison by layer).
     */
    Map<String, Double> profile(INDArray features, INDArray labels, int steps,
            java.util.function.Function<SameDiffOp, String> key) {
        run(features, labels);
        List<String> keys = plan.sources.stream().map(key).toList();
        return OpProfile.of(plan.ops, keys, steps, () -> {
            plan.features.assign(features);
            plan.labels.assign(labels);
        });
    }

    /**
     * The native calls one step of the current plan makes, the weight update's included; for the time estimate's
     * test ({@code netcanvas.analysis.StepWork}).
     *
     * @throws IllegalStateException before the first step
     */
    int callsPerStep() {
        if (plan == null) {
            throw new IllegalStateException("no step has run");
        }
        return plan.calls() + optimizer.callsPerStep();
    }

    @Override
    public void close() {
        if (plan != null) {
            plan.close();
            plan = null;
        }
    }

    /** The operations needed for the loss gradients and the watched activations, bound to arrays of one batch size. */
    private final class Plan implements AutoCloseable, Workspace {
        final int batch;
        final Map<String, INDArray> buffers = new HashMap<>();
        final Map<String, INDArray> watchedValues = new HashMap<>();
        final List<Runnable> ops = new ArrayList<>();
        /** Each run's operation of the gradient graph, for {@link #profile}. */
        final List<SameDiffOp> sources = new ArrayList<>();
        private final List<BoundOp> bound = new ArrayList<>();
        /** Calls the kernels make through arrays' own methods, besides {@link #bound}. */
        private int unprepared;
        /** The kernels' scratch arrays, rows and zeros (the data's type), freed with the plan. */
        private final KernelArrays kernelArrays;
        /** Weight gradients' arrays that are views of the flat gradient, and the others with their slices. */
        private final Set<INDArray> written = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<INDArray, INDArray> gathered = new IdentityHashMap<>();
        private final Map<String, INDArray> sliceOfGradient = new HashMap<>();
        private final Set<INDArray> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        private final INDArray features;
        private final INDArray labels;

        /** Each operation's arrays as bound, for the self-check's {@link PlanInvariants}; null when not checking. */
        private final List<PlanInvariants.Write> writes;
        private final List<PlanInvariants.Value> fixedValues;

        /**
         * Binds every needed operation to arrays for this batch size: {@link ExecutionOrder}, then
         * {@link AliasRules} and {@link Liveness} decide which outputs are views and when an array is free for the
         * {@link ArrayPool}; {@link Kernels} substitutes native calls; weight gradients are written straight into the
         * {@link FlatOptimizer}'s flat gradient.
         *
         * @param recordWrites keep what each operation reads and writes, for {@link #invariantViolations}
         */
        Plan(INDArray features, INDArray labels, boolean recordWrites) {
            this.batch = Math.toIntExact(features.size(0));
            this.writes = recordWrites ? new ArrayList<>() : null;
            this.fixedValues = recordWrites ? new ArrayList<>() : null;
            gradients.forEach((w, grad) -> sliceOfGradient.put(grad, gradientSlices.get(w)));
            SameDiff g = sd.getFunction("grad");
            Set<String> needed = needed(g);
            List<SameDiffOp> order = ExecutionOrder.of(g, needed);
            String featureName = config.getDataSetFeatureMapping().get(0);
            String labelName = config.getDataSetLabelMapping().get(0);
            this.kernelArrays = new KernelArrays(features.dataType());
            this.features = own(features.dup());
            this.labels = own(labels.dup());
            buffers.put(featureName, this.features);
            buffers.put(labelName, this.labels);
            Map<String, ArraySpec> shapes = shapes(g, order, Map.of(featureName, this.features, labelName,
                    this.labels));
            Liveness live = new Liveness(order, new AliasRules(sd, g, shapes), needed);
            ArrayPool pool = new ArrayPool();
            for (int i = 0; i < order.size(); i++) {
                SameDiffOp op = order.get(i);
                List<INDArray> in = new ArrayList<>();
                for (String n : op.getInputsToOp() == null ? List.<String>of() : op.getInputsToOp()) {
                    in.add(array(g, n, op));
                }
                String viewSource = live.viewSource(op);
                if (viewSource != null) {
                    for (String out : op.getOutputsOfOp()) {
                        buffers.put(out, view(array(g, viewSource, op), shapes.get(out).shape()));
                    }
                } else {
                    List<INDArray> out = new ArrayList<>();
                    for (String n : op.getOutputsOfOp()) {
                        ArraySpec like = shapes.get(n);
                        INDArray slice = sliceOfGradient.get(n);
                        INDArray a;
                        if (slice != null && slice.dataType() == like.type()
                                && slice.length() == ArrayUtil.prodLong(like.shape())) {
                            a = direct(view(slice, like.shape()));
                        } else {
                            INDArray free = pool.take(like);
                            a = free != null ? free : own(Nd4j.create(like.type(), like.shape()));
                        }
                        buffers.put(n, a);
                        out.add(a);
                    }
                    boolean unread = live.unread(op.getOutputsOfOp().get(0));
                    Runnable kernel = kernels.kernel(op, in, out, unread, this);
                    ops.add(kernel != null ? kernel : bind(op, in, out));
                    sources.add(op);
                    if (writes != null) {
                        writes.add(new PlanInvariants.Write(op.getName(), i, values(live, op.getInputsToOp(), in),
                                values(live, op.getOutputsOfOp(), out)));
                    }
                }
                List<String> done = new ArrayList<>(ExecutionOrder.inputs(op));
                done.addAll(op.getOutputsOfOp());
                for (String n : done) {
                    String r = live.root(n);
                    if (live.lastUse(r) <= i && !live.pinned(r)
                            && owns(r) && !r.equals(featureName) && !r.equals(labelName)) {
                        pool.release(r, buffers.get(r));
                    }
                }
            }
            for (String w : watched) {
                watchedValues.put(w, buffers.get(w));
            }
            for (var e : gradients.entrySet()) {
                INDArray a = buffers.get(e.getValue());
                if (!written.contains(a)) {
                    // Produced as a view of another array (a dilated kernel's gradient): copied each step.
                    gathered.put(a, gradientSlices.get(e.getKey()));
                }
            }
            if (fixedValues != null) {
                for (var e : buffers.entrySet()) {
                    if (e.getKey().equals(featureName) || e.getKey().equals(labelName)
                            || AliasRules.fixedArray(sd, g, e.getKey()) != null) {
                        fixedValues.add(new PlanInvariants.Value(e.getKey(), e.getValue(), PlanInvariants.FOREVER));
                    }
                }
            }
        }

        /** Values as the invariants see them: how long each lives, the step's whole length for what it keeps. */
        private List<PlanInvariants.Value> values(Liveness live, List<String> names, List<INDArray> arrays) {
            List<PlanInvariants.Value> v = new ArrayList<>();
            for (int k = 0; k < arrays.size(); k++) {
                String n = names.get(k);
                String r = live.root(n);
                boolean kept = live.pinned(r) || AliasRules.fixedArray(sd, sd.getFunction("grad"), n) != null
                        || config.getDataSetFeatureMapping().contains(n) || config.getDataSetLabelMapping().contains(n);
                v.add(new PlanInvariants.Value(n, arrays.get(k), kept ? PlanInvariants.FOREVER : live.lastUse(r)));
            }
            return v;
        }

        /** The plan's broken invariants (see {@link PlanInvariants}); empty when sound or not recorded. */
        List<String> invariantViolations() {
            return writes == null ? List.of() : PlanInvariants.violations(writes, fixedValues);
        }

        /** Puts the weight gradients that were not written in place into the flat gradient. */
        void gatherGradients() {
            gathered.forEach((from, to) -> to.assign(from.reshape(to.shape())));
        }

        private INDArray direct(INDArray a) {
            written.add(a);
            return a;
        }


        /** A scratch array of a shape, shared by every kernel that asks for that shape (they run one at a time). */
        @Override
        public INDArray scratch(long[] shape) {
            return kernelArrays.scratch(shape);
        }

        @Override
        public INDArray zeros(long[] shape) {
            return kernelArrays.zeros(shape);
        }

        @Override
        public INDArray row(long m, double value) {
            return kernelArrays.row(m, value);
        }

        /** Shapes and types of every output for this batch size: one pass of SameDiff's own session. */
        private Map<String, ArraySpec> shapes(SameDiff g, List<SameDiffOp> order,
                Map<String, INDArray> placeholders) {
            List<String> produced = new ArrayList<>();
            for (SameDiffOp op : order) {
                produced.addAll(op.getOutputsOfOp());
            }
            Map<String, INDArray> values = g.output(placeholders, produced);
            Set<INDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            kept.addAll(placeholders.values());
            for (SDVariable v : g.variables()) {
                INDArray a = AliasRules.fixedArray(sd, g, v.name());
                if (a != null) {
                    kept.add(a);
                }
            }
            Map<String, ArraySpec> shapes = new HashMap<>();
            for (var e : values.entrySet()) {
                INDArray v = e.getValue();
                shapes.put(e.getKey(), new ArraySpec(v.dataType(), v.shape()));
                if (!kept.contains(v) && v.closeable()) {
                    kept.add(v); // closed once
                    v.close();
                }
            }
            return shapes;
        }

        private boolean owns(String name) {
            return owned.contains(buffers.get(name));
        }

        private INDArray own(INDArray a) {
            owned.add(a);
            return a;
        }

        /** The variables whose values a step needs: every weight's gradient and the watched activations. */
        private Set<String> needed(SameDiff g) {
            Set<String> n = new HashSet<>(gradients.values());
            n.addAll(watched);
            for (String w : n) {
                if (!g.hasVariable(w)) {
                    throw new IllegalStateException("'" + w + "' is not in the gradient graph");
                }
            }
            return n;
        }

        /** The operation ready to run on the given arrays. */
        private Runnable bind(SameDiffOp op, List<INDArray> in, List<INDArray> out) {
            try {
                return keep(BoundOp.of(op.getOp(), in, out));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(op.getName() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Runnable prepared(DynamicCustomOp op) {
            return keep(BoundOp.of(op));
        }

        @Override
        public Runnable unprepared(Runnable call) {
            unprepared++;
            return call;
        }

        /** Native calls of {@link #execute} and {@link #gatherGradients}: the batch's copies and every bound call. */
        int calls() {
            return 2 + bound.size() + unprepared + gathered.size();
        }

        private BoundOp keep(BoundOp b) {
            bound.add(b);
            return b;
        }

        private INDArray array(SameDiff g, String name, SameDiffOp op) {
            INDArray a = buffers.get(name);
            if (a != null) {
                return a;
            }
            a = AliasRules.fixedArray(sd, g, name);
            if (a == null) {
                throw new IllegalStateException("no value for '" + name + "', an input of " + op.getName());
            }
            buffers.put(name, a);
            return a;
        }

        void execute(INDArray x, INDArray y) {
            features.assign(x);
            labels.assign(y);
            for (Runnable r : ops) {
                r.run();
            }
        }

        Map<String, INDArray> detachedWatched() {
            Map<String, INDArray> m = new HashMap<>();
            watchedValues.forEach((k, v) -> m.put(k, v.dup()));
            return m;
        }

        @Override
        public void close() {
            kernelArrays.close();
            KernelArrays.closeAll(bound, owned);
        }
    }
}
