package netcanvas.train;

import static netcanvas.train.ops.Views.dense;
import static netcanvas.train.ops.Views.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link ForwardPass}'s operations for one batch size, each bound once to its arrays: outputs planned as in a
 * training step (an array returns to the {@link ArrayPool} after its last reader, and later outputs of its type and
 * shape reuse it), reshapes, identities (dropout in eval mode) and folded batch norms as views, weights-only values
 * from the {@link InferencePrelude}. A call copies the batch in and runs the bound calls; it allocates nothing.
 */
final class InferencePlan implements AutoCloseable {
    private final INDArray input;
    private final Map<String, INDArray> buffers = new HashMap<>();
    private final Map<String, INDArray> results = new LinkedHashMap<>();
    private final List<Runnable> ops = new ArrayList<>();
    /** Each run's operation name, for {@link #profile}. */
    private final List<String> names = new ArrayList<>();
    private final List<BoundOp> bound = new ArrayList<>();
    private final Set<INDArray> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final InferencePrelude prelude;
    /** What the kernels that replace operations (pointwise convolutions as products) keep. */
    private final KernelArrays kernelArrays;

    /**
     * @param shapes every computed value's type and shape at this batch size
     * @param inputSpec the input's type and shape, N x C x H x W
     * @param products whether pointwise convolutions run as matrix products ({@link PointwiseConvolution})
     */
    InferencePlan(SameDiff sd, InferencePrelude prelude, Set<String> outputs, Map<String, ArraySpec> shapes,
            ArraySpec inputSpec, boolean products) {
        this.prelude = prelude;
        this.input = own(Nd4j.create(inputSpec.type(), inputSpec.shape()));
        this.kernelArrays = new KernelArrays(inputSpec.type());
        buffers.put(CompiledNet.INPUT, input);
        List<SameDiffOp> order = prelude.body();
        AliasRules alias = new AliasRules(sd, sd, shapes);
        ViewRule views = op -> {
            String folded = prelude.foldedView(op);
            if (folded != null) {
                return folded;
            }
            if (op.getOp() instanceof Identity && op.getInputsToOp().size() == 1
                    && op.getOutputsOfOp().size() == 1) {
                INDArray fixed = prelude.fixed(op.getInputsToOp().get(0));
                return fixed == null || dense(fixed) ? op.getInputsToOp().get(0) : null;
            }
            return alias.viewSourceOf(op);
        };
        Liveness live = new Liveness(order, views, outputs);
        ArrayPool pool = new ArrayPool();
        for (int i = 0; i < order.size(); i++) {
            SameDiffOp op = order.get(i);
            List<INDArray> args = new ArrayList<>();
            for (String n : op.getInputsToOp() == null ? List.<String>of() : op.getInputsToOp()) {
                args.add(array(n, op));
            }
            String viewSource = live.viewSource(op);
            if (viewSource != null) {
                for (String out : op.getOutputsOfOp()) {
                    buffers.put(out, view(array(viewSource, op), shapes.get(out).shape()));
                }
            } else {
                List<INDArray> out = new ArrayList<>();
                for (String n : op.getOutputsOfOp()) {
                    ArraySpec like = shapes.get(n);
                    INDArray free = pool.take(like);
                    INDArray a = free != null ? free : own(Nd4j.create(like.type(), like.shape()));
                    buffers.put(n, a);
                    out.add(a);
                }
                InferencePrelude.Fold fold = prelude.fold(op);
                if (fold != null) {
                    args = List.of(args.get(0), fold.weights(), fold.bias());
                }
                Runnable kernel = products && op.getOp() instanceof Conv2D conv
                        ? PointwiseConvolution.forward(conv.iArgs(), args, out, kernelArrays) : null;
                ops.add(kernel != null ? kernel : bind(op, args, out));
                names.add(op.getOp().opName() + (fold != null ? "+batchnorm" : "") + (kernel != null ? " 1x1" : ""));
            }
            List<String> done = new ArrayList<>(ExecutionOrder.inputs(op));
            done.addAll(op.getOutputsOfOp());
            for (String n : done) {
                String r = live.root(n);
                if (live.lastUse(r) <= i && !live.pinned(r) && owned.contains(buffers.get(r))
                        && !r.equals(CompiledNet.INPUT)) {
                    pool.release(r, buffers.get(r));
                }
            }
        }
        for (String o : outputs) {
            results.put(o, buffers.get(o));
        }
    }

    /** Copies the batch in and runs every operation; the outputs by name (this plan's arrays). */
    Map<String, INDArray> run(INDArray nchw) {
        input.assign(nchw);
        for (Runnable r : ops) {
            r.run();
        }
        return results;
    }

    /** Milliseconds per pass by operation name, largest first, over {@code passes} timed passes. */
    Map<String, Double> profile(INDArray nchw, int passes) {
        return OpProfile.of(ops, names, passes, () -> input.assign(nchw));
    }

    /** The operations a call runs (views are not among them). */
    int calls() {
        return ops.size();
    }

    private INDArray array(String name, SameDiffOp op) {
        INDArray a = buffers.get(name);
        if (a != null) {
            return a;
        }
        a = prelude.fixed(name);
        if (a == null) {
            throw new IllegalStateException("no value for '" + name + "', an input of " + op.getName());
        }
        buffers.put(name, a);
        return a;
    }

    private Runnable bind(SameDiffOp op, List<INDArray> in, List<INDArray> out) {
        try {
            BoundOp b = BoundOp.of(op.getOp(), in, out);
            bound.add(b);
            return b;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(op.getName() + ": " + e.getMessage(), e);
        }
    }

    private INDArray own(INDArray a) {
        owned.add(a);
        return a;
    }

    @Override
    public void close() {
        kernelArrays.close();
        KernelArrays.closeAll(bound, owned);
    }
}
