package netcanvas.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a training step's plan assumes and the self-check ({@code train --check-step}) asserts: no operation writes
 * to its inputs, and no operation writes over a value that is still to be read (so each value is written once per
 * step, by its producer, before anything reads it). The views of {@link AliasRules} and the reuse of the
 * {@link ArrayPool} are right only while both hold.
 */
final class PlanInvariants {
    /**
     * One operation as planned: what it reads and writes, in memory.
     *
     * @param at its index in the execution order (views included, which run nothing)
     */
    record Write(String op, int at, List<Value> inputs, List<Value> outputs) {
    }

    /**
     * A value and where it lives.
     *
     * @param lastRead the execution-order index of the last operation that reads it (or a view of it),
     *                 {@link #FOREVER} for what must survive the step (weights, constants, the batch, weight
     *                 gradients, watched values)
     */
    record Value(String name, INDArray array, int lastRead) {
    }

    /** The last read of a value that lives through the whole step. */
    static final int FOREVER = Integer.MAX_VALUE;

    private PlanInvariants() {
    }

    /**
     * @param writes  the operations that run, in execution order
     * @param fixed   the values no operation may write: weights, constants, the features and labels
     * @return each broken invariant in words, none when the plan is sound
     */
    static List<String> violations(List<Write> writes, List<Value> fixed) {
        List<String> problems = new ArrayList<>();
        List<Value> live = new ArrayList<>(fixed);
        for (Write w : writes) {
            for (Value out : w.outputs()) {
                for (Value in : w.inputs()) {
                    if (overlap(out.array(), in.array())) {
                        problems.add("operation " + w.op() + " writes its output '" + out.name() + "' into its input '"
                                + in.name() + "'");
                    }
                }
                for (Value v : live) {
                    if (v.lastRead() > w.at() && overlap(out.array(), v.array()) && !reads(w, v)) {
                        problems.add("operation " + w.op() + " writes '" + out.name() + "' over '" + v.name()
                                + "', which is still to be read" + (v.lastRead() == FOREVER ? " at the step's end"
                                : " by operation #" + v.lastRead() + " of the execution order"));
                    }
                }
            }
            live.addAll(w.outputs());
        }
        return problems;
    }

    /** Whether the operation reads this value (by name and array: arrays compare by value otherwise). */
    private static boolean reads(Write w, Value v) {
        for (Value in : w.inputs()) {
            if (in.array() == v.array() && in.name().equals(v.name())) {
                return true;
            }
        }
        return false;
    }

    /** Whether two arrays share any memory (by the span of addresses each can touch). */
    static boolean overlap(INDArray a, INDArray b) {
        long[] x = span(a);
        long[] y = span(b);
        return x[0] < y[1] && y[0] < x[1];
    }

    /** The first and one past the last byte an array's elements can occupy. */
    private static long[] span(INDArray a) {
        long size = a.data().getElementSize();
        long start = a.data().address() + a.offset() * size;
        long last = 0;
        long[] shape = a.shape();
        long[] stride = a.stride();
        for (int k = 0; k < shape.length; k++) {
            last += (shape[k] - 1) * Math.abs(stride[k]);
        }
        return new long[] {start, start + (last + 1) * size};
    }
}
