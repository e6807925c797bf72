package netcanvas.train;

import static netcanvas.train.ops.Views.allDense;
import static netcanvas.train.ops.Views.view;

import java.util.List;
import netcanvas.train.ops.Workspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU6's gradient, g where 0 < x < 6 and 0 elsewhere (PyTorch's hardtanh backward: 0 at both ends), for
 * {@link TrainingStep}. libnd4j's {@code relu6_bp} took over a third of a MobileNetV2-style step here, more than twenty
 * times its forward {@code relu6}; five vectorised passes (two masks by {@code step}, their product, the product with
 * g) do the same work at memory speed. The measurements are in docs/performance.md.
 */
final class Relu6Gradient {
    private Relu6Gradient() {
    }

    /**
     * @param tArgs {@code relu6_bp}'s float arguments: the lower cut-off, which must be 0
     * @param in    x and the output gradient g
     * @param out   the input gradient
     * @return the calls, or null when the arrays or the cut-off do not suit them
     */
    static Runnable kernel(double[] tArgs, List<INDArray> in, List<INDArray> out, Workspace work) {
        if (in.size() != 2 || out.size() != 1 || (tArgs.length > 0 && tArgs[0] != 0) || in.get(0).rank() < 1
                || in.get(0).length() == 0) {
            return null;
        }
        INDArray x = in.get(0);
        INDArray g = in.get(1);
        INDArray dx = out.get(0);
        if (!(x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE) || g.dataType() != x.dataType()
                || dx.dataType() != x.dataType() || !x.equalShapes(g) || !x.equalShapes(dx)
                || !allDense(x, g, dx)) {
            return null;
        }
        // Shaped as batch norm's scratch ([positions, channels]) so that a ReLU6 after a batch norm, as in every
        // inverted residual, shares that array instead of adding one of its own.
        long channels = x.size(x.rank() - 1);
        INDArray below = view(work.scratch(new long[] {x.length() / channels, channels}), x.shape());
        Step aboveZero = new Step(x, dx, 0.0);
        ScalarReverseSubtraction sixMinus = new ScalarReverseSubtraction(x, below, 6.0);
        Step belowSix = new Step(below, below, 0.0);
        Runnable positive = work.unprepared(() -> Nd4j.getExecutioner().exec(aboveZero));
        Runnable headroom = work.unprepared(() -> Nd4j.getExecutioner().exec(sixMinus));
        Runnable underSix = work.unprepared(() -> Nd4j.getExecutioner().exec(belowSix));
        Runnable mask = work.prepared(new MulOp(dx, below, dx));
        Runnable times = work.prepared(new MulOp(dx, g, dx));
        return () -> {
            positive.run();   // dx = x > 0
            headroom.run();   // below = 6 - x
            underSix.run();   // below = x < 6
            mask.run();       // dx = 0 < x < 6
            times.run();      // dx = g where 0 < x < 6
        };
    }
}
