package netcanvas.train;

import static netcanvas.train.ops.Views.dense;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.bp.AddBpOp;

/**
 * Which operations a training step does not run but replaces by a view of one of their inputs, because their outputs
 * would equal it. Sound only because every array is written once per step by its one producer before anything reads
 * it, and no operation writes to its inputs (the self-check asserts both: {@link PlanInvariants}).
 */
final class AliasRules implements ViewRule {
    /** The operands of an addition's gradient: the two terms and the sum's gradient. */
    private static final int ADD_BP_INPUTS = 3;
    /** The sum's gradient, AddBpOp's last input. */
    private static final int ADD_BP_SUM_GRADIENT = 2;

    private final SameDiff sd;
    private final SameDiff g;
    private final Map<String, ArraySpec> shapes;

    /**
     * @param sd     the network (its weights)
     * @param g      its gradient graph (constants and the operations)
     * @param shapes every computed variable's type and shape at this batch size
     */
    AliasRules(SameDiff sd, SameDiff g, Map<String, ArraySpec> shapes) {
        this.sd = sd;
        this.g = g;
        this.shapes = shapes;
    }

    /** A weight's or constant's array; null for arrays a step computes. */
    static INDArray fixedArray(SameDiff sd, SameDiff g, String name) {
        VariableType t = g.getVariable(name).getVariableType();
        return t == VariableType.VARIABLE ? sd.getArrForVarName(name)
                : t == VariableType.CONSTANT ? g.getArrForVarName(name) : null;
    }

    /**
     * The input whose array an operation's outputs can all be views of, or null: a reshape of a dense array, the
     * addition of a constant zero (SameDiff adds one to every batch norm's input gradient, for the statistics),
     * or the gradient of an addition without broadcasting (both terms' gradients are the sum's: a residual block's).
     */
    @Override
    public String viewSourceOf(SameDiffOp op) {
        List<String> ins = op.getInputsToOp();
        if (ins == null || ins.isEmpty()) {
            return null;
        }
        if (op.getOp() instanceof AddBpOp && ins.size() == ADD_BP_INPUTS) {
            return noBroadcast(op) ? ins.get(ADD_BP_SUM_GRADIENT) : null;
        }
        if (op.getOutputsOfOp().size() != 1) {
            return null;
        }
        if (op.getOp() instanceof Reshape) {
            INDArray a = fixedArray(sd, g, ins.get(0));
            // Arrays the plan allocates are always dense; weights and constants are checked.
            return a == null || dense(a) ? ins.get(0) : null;
        }
        if (op.getOp() instanceof AddOp && ins.size() == 2) {
            ArraySpec out = shapes.get(op.getOutputsOfOp().get(0));
            for (int i = 0; i < 2; i++) {
                INDArray zero = fixedArray(sd, g, ins.get(i));
                String other = ins.get(1 - i);
                ArraySpec like = shapes.get(other);
                if (zero != null && g.getVariable(ins.get(i)).getVariableType() == VariableType.CONSTANT
                        && zero.amaxNumber().doubleValue() == 0 && like != null && out != null
                        && like.key().equals(out.key())) {
                    return other;
                }
            }
        }
        return null;
    }

    /** Whether both terms, the sum's gradient and both outputs are all computed and of one type and shape. */
    private boolean noBroadcast(SameDiffOp op) {
        List<String> all = new ArrayList<>(op.getInputsToOp());
        all.addAll(op.getOutputsOfOp());
        String key = null;
        for (String n : all) {
            ArraySpec s = shapes.get(n);
            if (s == null || (key != null && !key.equals(s.key()))) {
                return false;
            }
            key = s.key();
        }
        return true;
    }
}
