package netcanvas.train.ops;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.scalar.Step;

/**
 * ReLU whose gradient is g * step(x) instead of nd4j's default {@code thresholdedrelu_bp} (3.5 ms on a
 * 64x16x32x32 tensor here; libnd4j's {@code relu_bp} 2.1 ms, the step and multiply 0.6 ms).
 */
public final class FastRelu extends RenamedOp {
    public static final String NAME = "netcanvas_relu";

    public FastRelu() {
    }

    public FastRelu(SameDiff sd, SDVariable x) {
        super(sd, x);
        addTArgument(0.0); // cut-off
    }

    @Override
    protected String nativeName() {
        return "relu";
    }

    @Override
    public String opName() {
        return NAME;
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        // g * (x > 0): a scalar step and a multiply measured 0.6 ms on a 64x16x32x32 tensor, relu_bp 2.1 ms.
        SDVariable positive = new Step(sameDiff, arg(), false, 0.0).outputVariable();
        return List.of(grads.get(0).mul(positive));
    }
}
