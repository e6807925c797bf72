package netcanvas.train;

import static netcanvas.train.ops.Views.allDense;
import static netcanvas.train.ops.Views.dense;
import static netcanvas.train.ops.Views.part;
import static netcanvas.train.ops.Views.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.train.ops.Workspace;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.common.util.ArrayUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.bp.AddBpOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * One optimisation step of a compiled network: SameDiff's own gradient graph (the forward pass, the loss and every
 * weight's gradient, as SameDiff differentiated it) run operation by operation into arrays allocated once per batch
 * size, then the optimizer and regularization applied to each weight as SameDiff's {@code fit} applies them.
 *
 * <p>Why not {@code fit}: measured on ResNet-18 (width 16, 3x32x32, batch 64, 2 threads) SameDiff's session spent
 * more time deciding, allocating and looking up arrays than computing: a step took 284 ms by {@code fit}, 143 ms
 * running the same 950 operations here, with bit-identical gradients; at batch 2, where the arithmetic is almost
 * nothing, 66 ms against 13 ms. The graph, its lowering and its differentiation stay SameDiff's; only the scheduling
 * is done here, once, because every step of a run executes the same operations on arrays of the same shapes.
 */
final class TrainingStep implements AutoCloseable {
    private final SameDiff sd;
    private final TrainingConfig config;
    /** Weight name to its gradient's name in the gradient graph. */
    private final Map<String, String> gradients = new LinkedHashMap<>();
    /**
     * Every weight's gradient end to end in one array, which the plans write directly, so the optimizer runs once a
     * step instead of once per weight (ResNet-18 has 62 weights: Adam per weight took 2.7 ms a step here, once 0.9).
     */
    private final INDArray flatGradient;
    /** Weight name to its slice of {@link #flatGradient}, shaped as the weight. */
    private final Map<String, INDArray> gradientSlices = new LinkedHashMap<>();
    /** The optimizer over {@link #flatGradient}; its state is one array per kind, each sliced per weight below. */
    private final GradientUpdater optimizer;
    private final Map<String, Map<String, INDArray>> optimizerState = new LinkedHashMap<>();
    private final Set<String> watched;
    private final Kernels kernels;
    private Plan plan;
    private Map<String, INDArray> last = Map.of();
    private int iteration;
    private int epoch;

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
        this.iteration = Math.toIntExact(iteration);
        this.epoch = epoch;
        sd.setTrainingConfig(config);
        Quietly.createGradients(sd);
        long total = 0;
        DataType type = null;
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() != VariableType.VARIABLE) {
                continue;
            }
            INDArray w = v.getArr();
            SDVariable g = v.gradient();
            if (g == null) {
                throw new IllegalStateException("weight '" + v.name() + "' has no gradient: it does not reach the"
                        + " loss; remove the layer or connect it to the output");
            }
            if (type != null && w.dataType() != type) {
                throw new IllegalStateException("weight '" + v.name() + "' is " + w.dataType() + ", others " + type);
            }
            type = w.dataType();
            gradients.put(v.name(), g.name());
            total += w.length();
        }
        if (type == null) {
            throw new IllegalStateException("the network has no weights to train");
        }
        IUpdater updater = config.getUpdater();
        flatGradient = Nd4j.create(type, 1, total);
        long state = updater.stateSize(total);
        optimizer = updater.instantiate(state == 0 ? null : Nd4j.zeros(type, 1, state), true);
        Map<String, INDArray> flatState = optimizer.getState() == null ? Map.of() : optimizer.getState();
        for (var e : flatState.entrySet()) {
            if (e.getValue().length() != total || !dense(e.getValue())) {
                throw new IllegalStateException("optimizer state '" + e.getKey() + "' of " + updater
                        + " is not one value per weight value: it cannot be split by weight");
            }
        }
        long offset = 0;
        for (String w : gradients.keySet()) {
            long[] shape = sd.getArrForVarName(w).shape();
            long n = sd.getArrForVarName(w).length();
            gradientSlices.put(w, part(flatGradient, offset, shape));
            // A [1, n] row per weight, as a per-weight optimizer lays its state out: checkpoints stay interchangeable.
            Map<String, INDArray> mine = new LinkedHashMap<>();
            for (var e : flatState.entrySet()) {
                mine.put(e.getKey(), part(e.getValue(), offset, 1, n));
            }
            optimizerState.put(w, mine);
            offset += n;
        }
    }

    /** The optimizer state of each weight (Adam's moments, SGD's momentum buffer), by weight name, then state name. */
    Map<String, Map<String, INDArray>> optimizerState() {
        return optimizerState;
    }


    int iteration() {
        return iteration;
    }

    /** Counts a finished epoch (schedules and some optimizers read the epoch number). */
    void epochDone() {
        epoch++;
        config.setEpochCount(epoch);
    }

    /**
     * Forward, backward and the weight update for one batch.
     *
     * @param features N x C x H x W
     * @param labels   one-hot, N x classes
     */
    void run(INDArray features, INDArray labels) {
        int batch = Math.toIntExact(features.size(0));
        if (plan != null && plan.batch == batch) {
            plan.execute(features, labels);
            update(plan);
            last = plan.watchedValues;
            return;
        }
        Plan p = new Plan(features, labels);
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
    INDArray activation(String name) {
        INDArray a = last.get(name);
        if (a == null) {
            throw new IllegalArgumentException("'" + name + "' is not watched or no step has run");
        }
        return a;
    }

    /**
     * Applies regularization and the optimizer to every weight as SameDiff's fit does (regularization before the
     * optimizer, the optimizer, regularization after it, the step): each of these acts on each value alone, so the
     * optimizer runs once over all gradients.
     */
    private void update(Plan p) {
        p.gatherGradients();
        IUpdater updater = config.getUpdater();
        double lr = updater.hasLearningRate() ? updater.getLearningRate(iteration, epoch) : 1.0;
        List<Regularization> regs = config.getRegularization() == null ? List.of() : config.getRegularization();
        regularize(regs, Regularization.ApplyStep.BEFORE_UPDATER, lr);
        optimizer.applyUpdater(flatGradient, iteration, epoch);
        regularize(regs, Regularization.ApplyStep.POST_UPDATER, lr);
        for (var e : gradientSlices.entrySet()) {
            INDArray w = sd.getArrForVarName(e.getKey());
            if (config.isMinimize()) {
                w.subi(e.getValue());
            } else {
                w.addi(e.getValue());
            }
        }
        iteration++;
        config.setIterationCount(iteration);
    }

    private void regularize(List<Regularization> regs, Regularization.ApplyStep when, double lr) {
        for (Regularization r : regs) {
            if (r.applyStep() == when) {
                for (var e : gradientSlices.entrySet()) {
                    r.apply(sd.getArrForVarName(e.getKey()), e.getValue(), lr, iteration, epoch);
                }
            }
        }
    }

    /**
     * The self-check: this step's gradients for one batch against SameDiff's own execution of the same gradient graph
     * ({@code calculateGradients}), before any weight moves. Summation orders differ, so each weight's gradient may
     * differ by {@code tolerance} of its largest value. A network with dropout draws different masks in the two
     * executions, so the caller leaves it out.
     *
     * @return null when every weight's gradient agrees, else the weight whose gradient differs most and by how much
     */
    String check(INDArray features, INDArray labels, double tolerance) {
        Plan p = new Plan(features, labels);
        try {
            p.execute(features, labels);
            p.gatherGradients();
            Map<String, INDArray> placeholders = Map.of(config.getDataSetFeatureMapping().get(0), features,
                    config.getDataSetLabelMapping().get(0), labels);
            Map<String, INDArray> reference = sd.calculateGradients(placeholders, gradients.keySet());
            String worst = null;
            double worstRatio = 0;
            for (var e : gradientSlices.entrySet()) {
                INDArray ours = e.getValue();
                INDArray theirs = reference.get(e.getKey()).reshape(ours.shape());
                double scale = Math.max(theirs.amaxNumber().doubleValue(), 1e-12);
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
        run(features, labels);
        Map<String, Long> nanos = new HashMap<>();
        for (int s = 0; s < steps; s++) {
            plan.features.assign(features);
            plan.labels.assign(labels);
            for (int i = 0; i < plan.ops.size(); i++) {
                long t = System.nanoTime();
                plan.ops.get(i).run();
                nanos.merge(plan.names.get(i), System.nanoTime() - t, Long::sum);
            }
        }
        Map<String, Double> ms = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> ms.put(e.getKey(), e.getValue() / 1e6 / steps));
        return ms;
    }

    @Override
    public void close() {
        if (plan != null) {
            plan.close();
            plan = null;
        }
    }




    /** An array's type and shape. */
    private record Like(DataType type, long[] shape) {
        String key() {
            return type + Arrays.toString(shape);
        }
    }

    /** The operations needed for the loss gradients and the watched activations, bound to arrays of one batch size. */
    private final class Plan implements AutoCloseable, Workspace {
        final int batch;
        final Map<String, INDArray> buffers = new HashMap<>();
        final Map<String, INDArray> watchedValues = new HashMap<>();
        final List<Runnable> ops = new ArrayList<>();
        /** Each run's operation name, for {@link #profile}. */
        final List<String> names = new ArrayList<>();
        private final List<BoundOp> bound = new ArrayList<>();
        private final Map<String, INDArray> scratch = new HashMap<>();
        private final Map<String, INDArray> rows = new HashMap<>();
        /** Weight gradients' arrays that are views of the flat gradient, and the others with their slices. */
        private final Set<INDArray> written = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<INDArray, INDArray> gathered = new IdentityHashMap<>();
        private final Map<String, INDArray> sliceOfGradient = new HashMap<>();
        private final Set<INDArray> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        private final INDArray features;
        private final INDArray labels;

        Plan(INDArray features, INDArray labels) {
            this.batch = Math.toIntExact(features.size(0));
            gradients.forEach((w, grad) -> sliceOfGradient.put(grad, gradientSlices.get(w)));
            SameDiff g = sd.getFunction("grad");
            Set<String> needed = needed(g);
            List<SameDiffOp> order = order(g, needed);
            String featureName = config.getDataSetFeatureMapping().get(0);
            String labelName = config.getDataSetLabelMapping().get(0);
            this.features = own(features.dup());
            this.labels = own(labels.dup());
            buffers.put(featureName, this.features);
            buffers.put(labelName, this.labels);
            Map<String, Like> shapes = shapes(g, order, Map.of(featureName, this.features, labelName,
                    this.labels));
            // Memory planning: an array whose last reader has run goes back to a pool, and a later output of the
            // same shape reuses it, as PyTorch's allocator reuses freed blocks. Watched values and weight gradients
            // live to the end of the step. A reshape of a dense array is a view of it, which keeps it alive.
            Map<String, String> root = new HashMap<>();
            Map<String, String> views = new HashMap<>();
            Map<String, Integer> lastUse = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                SameDiffOp op = order.get(i);
                for (String in : inputs(op)) {
                    lastUse.put(root.getOrDefault(in, in), i);
                }
                String source = viewOf(g, op, shapes);
                if (source != null) {
                    views.put(op.getName(), source);
                    for (String out : op.getOutputsOfOp()) {
                        root.put(out, root.getOrDefault(source, source));
                    }
                }
            }
            // What a step needs at its end (weight gradients, watched values) pins its own array, or the array it
            // is a view of (a dilated kernel's gradient comes out of a reshape).
            Set<String> pinned = new HashSet<>();
            for (String n : needed) {
                pinned.add(root.getOrDefault(n, n));
            }
            Map<String, Deque<INDArray>> pool = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                SameDiffOp op = order.get(i);
                List<INDArray> in = new ArrayList<>();
                for (String n : op.getInputsToOp() == null ? List.<String>of() : op.getInputsToOp()) {
                    in.add(array(g, n, op));
                }
                if (views.containsKey(op.getName())) {
                    // Every array here is written once per step by its one producer before anything reads it, and
                    // no operation writes to its inputs, so a view of the input always holds what a copy would (144
                    // copies, 6 ms, in a ResNet-18 step).
                    for (String out : op.getOutputsOfOp()) {
                        buffers.put(out, view(array(g, views.get(op.getName()), op), shapes.get(out).shape()));
                    }
                } else {
                    List<INDArray> out = new ArrayList<>();
                    for (String n : op.getOutputsOfOp()) {
                        Like like = shapes.get(n);
                        INDArray slice = sliceOfGradient.get(n);
                        Deque<INDArray> free = pool.get(like.key());
                        INDArray a = slice != null && slice.dataType() == like.type()
                                && slice.length() == ArrayUtil.prodLong(like.shape())
                                ? direct(view(slice, like.shape()))
                                : free == null || free.isEmpty() ? own(Nd4j.create(like.type(), like.shape()))
                                : free.pop();
                        buffers.put(n, a);
                        out.add(a);
                    }
                    String first = op.getOutputsOfOp().get(0);
                    boolean unread = !lastUse.containsKey(first) && !pinned.contains(first);
                    Runnable kernel = kernels.kernel(op, in, out, unread, this);
                    ops.add(kernel != null ? kernel : bind(op, in, out));
                    names.add(op.getOp().opName());
                }
                List<String> done = new ArrayList<>(inputs(op));
                done.addAll(op.getOutputsOfOp());
                for (String n : done) {
                    String r = root.getOrDefault(n, n);
                    if (lastUse.getOrDefault(r, -1) <= i && !pinned.contains(r)
                            && owns(r) && !r.equals(featureName) && !r.equals(labelName)) {
                        INDArray a = buffers.get(r);
                        pool.computeIfAbsent(new Like(a.dataType(), a.shape()).key(), k -> new ArrayDeque<>()).push(a);
                        lastUse.put(r, Integer.MAX_VALUE); // released once
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
            return scratch.computeIfAbsent(Arrays.toString(shape), k -> own(Nd4j.create(features.dataType(), shape)));
        }

        @Override
        public INDArray zeros(long[] shape) {
            return own(Nd4j.zeros(features.dataType(), shape));
        }

        @Override
        public INDArray row(long m, double value) {
            return rows.computeIfAbsent(m + " " + value,
                    k -> own(Nd4j.valueArrayOf(new long[] {1, m}, value, features.dataType())));
        }

        /**
         * The input whose array an operation's outputs can all be views of, or null: a reshape of a dense array, the
         * addition of a constant zero (SameDiff adds one to every batch norm's input gradient, for the statistics),
         * or the gradient of an addition without broadcasting (both terms' gradients are the sum's: a residual
         * block's).
         */
        private String viewOf(SameDiff g, SameDiffOp op, Map<String, Like> shapes) {
            List<String> ins = op.getInputsToOp();
            if (ins == null || ins.isEmpty()) {
                return null;
            }
            if (op.getOp() instanceof AddBpOp && ins.size() == 3) {
                List<String> all = new ArrayList<>(ins);
                all.addAll(op.getOutputsOfOp());
                Set<String> kinds = new HashSet<>();
                for (String n : all) {
                    kinds.add(shapes.containsKey(n) ? shapes.get(n).key() : "not computed");
                }
                return kinds.size() == 1 && shapes.containsKey(ins.get(2)) ? ins.get(2) : null;
            }
            if (op.getOutputsOfOp().size() != 1) {
                return null;
            }
            if (op.getOp() instanceof Reshape) {
                INDArray a = fixed(g, ins.get(0));
                // Arrays this plan allocates are always dense; weights and constants are checked.
                return a == null ? ins.get(0) : dense(a) ? ins.get(0) : null;
            }
            if (op.getOp() instanceof AddOp && ins.size() == 2) {
                Like out = shapes.get(op.getOutputsOfOp().get(0));
                for (int i = 0; i < 2; i++) {
                    INDArray zero = fixed(g, ins.get(i));
                    String other = ins.get(1 - i);
                    Like like = shapes.get(other);
                    if (zero != null && g.getVariable(ins.get(i)).getVariableType() == VariableType.CONSTANT
                            && zero.amaxNumber().doubleValue() == 0 && like != null && out != null
                            && like.key().equals(out.key())) {
                        return other;
                    }
                }
            }
            return null;
        }

        /** A weight's or constant's array; null for arrays a step computes. */
        private INDArray fixed(SameDiff g, String name) {
            VariableType t = g.getVariable(name).getVariableType();
            return t == VariableType.VARIABLE ? sd.getArrForVarName(name)
                    : t == VariableType.CONSTANT ? g.getArrForVarName(name) : null;
        }

        /** Shapes and types of every output for this batch size: one pass of SameDiff's own session. */
        private Map<String, Like> shapes(SameDiff g, List<SameDiffOp> order, Map<String, INDArray> placeholders) {
            List<String> produced = new ArrayList<>();
            for (SameDiffOp op : order) {
                produced.addAll(op.getOutputsOfOp());
            }
            Map<String, INDArray> values = g.output(placeholders, produced);
            Set<INDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            kept.addAll(placeholders.values());
            for (SDVariable v : g.variables()) {
                INDArray a = fixed(g, v.name());
                if (a != null) {
                    kept.add(a);
                }
            }
            Map<String, Like> shapes = new HashMap<>();
            for (var e : values.entrySet()) {
                INDArray v = e.getValue();
                shapes.put(e.getKey(), new Like(v.dataType(), v.shape()));
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

        /** The operations that produce {@code needed}, directly or not, in an order that respects their inputs. */
        private List<SameDiffOp> order(SameDiff g, Set<String> needed) {
            Map<String, Variable> vars = g.getVariables();
            Map<String, SameDiffOp> ops = g.getOps();
            Set<String> wanted = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(needed);
            while (!todo.isEmpty()) {
                Variable v = vars.get(todo.pop());
                String producer = v == null ? null : v.getOutputOfOp();
                if (producer != null && wanted.add(producer)) {
                    todo.addAll(inputs(ops.get(producer)));
                }
            }
            // Kahn's algorithm over the wanted operations.
            Map<String, Integer> waiting = new HashMap<>();
            Map<String, List<String>> consumers = new HashMap<>();
            Deque<String> ready = new ArrayDeque<>();
            for (String name : ops.keySet()) {
                if (!wanted.contains(name)) {
                    continue;
                }
                int count = 0;
                for (String in : inputs(ops.get(name))) {
                    String producer = vars.get(in).getOutputOfOp();
                    if (producer != null && wanted.contains(producer)) {
                        consumers.computeIfAbsent(producer, k -> new ArrayList<>()).add(name);
                        count++;
                    }
                }
                waiting.put(name, count);
                if (count == 0) {
                    ready.add(name);
                }
            }
            List<SameDiffOp> order = new ArrayList<>();
            while (!ready.isEmpty()) {
                String name = ready.poll();
                order.add(ops.get(name));
                for (String c : consumers.getOrDefault(name, List.of())) {
                    if (waiting.merge(c, -1, Integer::sum) == 0) {
                        ready.add(c);
                    }
                }
            }
            if (order.size() != wanted.size()) {
                throw new IllegalStateException("the gradient graph has a cycle: " + (wanted.size() - order.size())
                        + " operations never become ready");
            }
            return order;
        }

        /** An operation's inputs and control dependencies, each counted once per occurrence. */
        private List<String> inputs(SameDiffOp op) {
            List<String> in = new ArrayList<>(op.getInputsToOp() == null ? List.of() : op.getInputsToOp());
            if (op.getControlDeps() != null) {
                in.addAll(op.getControlDeps());
            }
            return in;
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

        private BoundOp keep(BoundOp b) {
            bound.add(b);
            return b;
        }

        private INDArray array(SameDiff g, String name, SameDiffOp op) {
            INDArray a = buffers.get(name);
            if (a != null) {
                return a;
            }
            a = fixed(g, name);
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
            bound.forEach(BoundOp::close);
            for (INDArray a : owned) {
                if (a.closeable()) {
                    a.close();
                }
            }
        }
    }
}
