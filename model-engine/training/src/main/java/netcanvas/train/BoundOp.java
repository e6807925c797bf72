package netcanvas.train;

import java.util.List;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.random.custom.DistributionUniform;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One native operation with its arrays and arguments bound once to a native context, for a {@link TrainingStep}
 * that runs the same operations on the same arrays every step. Running a bound op skips nd4j's per-call preparation
 * (a small matrix product here: 15.6 us by {@code Nd4j.exec(op)}, 6.5 us through its context).
 */
final class BoundOp implements Runnable, AutoCloseable {
    private final DifferentialFunction op;
    private final OpContext ctx;
    private final boolean random;

    private BoundOp(DifferentialFunction op, OpContext ctx) {
        this.op = op;
        this.ctx = ctx;
        this.random = op instanceof RandomOp || op instanceof DistributionUniform;
    }

    /** A custom op built with its inputs, outputs and arguments. */
    static BoundOp of(DynamicCustomOp op) {
        return of(op, op.inputArguments(), op.outputArguments());
    }

    /**
     * @throws IllegalArgumentException for a function that is neither a custom nor a legacy op
     */
    static BoundOp of(DifferentialFunction f, List<INDArray> in, List<INDArray> out) {
        if (!(f instanceof CustomOp) && !(f instanceof Op)) {
            throw new IllegalArgumentException("cannot run " + f.getOwnName() + " (" + f.opName() + ") natively");
        }
        OpContext ctx = Nd4j.getExecutioner().buildContext();
        if (f instanceof CustomOp c) {
            ctx.setIArguments(c.iArgs());
            ctx.setTArguments(c.tArgs());
            ctx.setBArguments(c.bArgs());
            ctx.setDArguments(c.dArgs());
        } else if (f instanceof ReduceOp r && r.dimensions() != null) {
            long[] dims = new long[(int) r.dimensions().length()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = r.dimensions().getLong(i);
            }
            ctx.setIArguments(dims);
        }
        ctx.setInputArrays(in);
        ctx.setOutputArrays(out);
        return new BoundOp(f, ctx);
    }

    @Override
    public void run() {
        if (random) {
            // A fresh draw each step (dropout masks), following ND4J's global generator and its seed.
            ctx.setRngStates(Nd4j.getRandom().nextLong(), Nd4j.getRandom().nextLong());
        }
        if (op instanceof CustomOp c) {
            Nd4j.getExecutioner().exec(c, ctx);
        } else {
            Nd4j.getExecutioner().exec((Op) op, ctx);
        }
    }

    @Override
    public void close() {
        try {
            ctx.close();
        } catch (Exception e) {
            // Freed by the garbage collector instead.
        }
    }
}
