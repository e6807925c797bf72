package netcanvas.train;

import static netcanvas.train.ops.Views.allDense;
import static netcanvas.train.ops.Views.view;

import java.util.List;
import netcanvas.train.ops.Workspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * The gradient of a tile that repeats an array along its first axis only (the grouped convolution's weights, one copy
 * per image: {@code SameDiffCompiler.grouped}), for {@link TrainingStep}: the sum of the copies' gradients, one
 * product of a row of ones with the gradient seen as [copies, size]. libnd4j's general {@code tile_bp} took more time
 * than the grouped product itself in a ResNeXt-style step (docs/performance.md).
 */
final class RepeatGradient {
    private RepeatGradient() {
    }

    /**
     * @param in  {@code tile_bp}'s inputs: x, the repetitions, the output gradient (or x and the gradient)
     * @param out the gradient of x
     * @return the call, or null when the tile repeats along another axis or the arrays do not suit it
     */
    static Runnable kernel(List<INDArray> in, List<INDArray> out, Workspace work) {
        if (in.size() < 2 || out.size() != 1) {
            return null;
        }
        INDArray x = in.get(0);
        INDArray g = in.get(in.size() - 1);
        INDArray dx = out.get(0);
        if (x.rank() < 1 || g.rank() != x.rank() || x.size(0) != 1 || !x.equalShapes(dx)
                || !(g.dataType() == DataType.FLOAT || g.dataType() == DataType.DOUBLE)
                || dx.dataType() != g.dataType() || !allDense(g, dx)) {
            return null;
        }
        for (int d = 1; d < x.rank(); d++) {
            if (g.size(d) != x.size(d)) {
                return null;
            }
        }
        long copies = g.size(0);
        long size = x.length();
        DynamicCustomOp sum = DynamicCustomOp.builder("matmul").addInputs(work.row(copies, 1), view(g, copies, size))
                .addOutputs(view(dx, 1, size)).build();
        return work.prepared(sum);
    }
}
