package netcanvas.train;

import static netcanvas.train.ops.Views.allDense;
import static netcanvas.train.ops.Views.view;

import java.util.List;
import netcanvas.train.ops.Workspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A tile that repeats an array along its first axis only (the grouped convolution's weights, one copy per image:
 * {@code SameDiffCompiler.grouped}), and its gradient, for {@link TrainingStep}: the copies as the product of a
 * column of ones with the array seen as one row, the gradient as the product of a row of ones with the copies'
 * gradient seen as [copies, size]. libnd4j's general {@code tile} and {@code tile_bp} took more time in a
 * ResNeXt-style step than the grouped product they feed (docs/performance.md).
 */
final class BatchRepeat {
    private BatchRepeat() {
    }

    /**
     * @param in  {@code tile}'s inputs: x [1, ...] and the repetitions
     * @param out the copies [n, ...]
     * @return the call, or null when the tile repeats along another axis or the arrays do not suit it
     */
    static Runnable forward(List<INDArray> in, List<INDArray> out, Workspace work) {
        if (in.isEmpty() || out.size() != 1 || !repeatsFirstAxis(in.get(0), out.get(0))) {
            return null;
        }
        INDArray x = in.get(0);
        INDArray copies = out.get(0);
        long size = x.length();
        return work.copiesOfRow(view(x, 1, size), view(copies, copies.size(0), size));
    }

    /**
     * @param in  {@code tile_bp}'s inputs: x, the repetitions, the output gradient (or x and the gradient)
     * @param out the gradient of x
     * @return the call, or null when the tile repeats along another axis or the arrays do not suit it
     */
    static Runnable gradient(List<INDArray> in, List<INDArray> out, Workspace work) {
        if (in.size() < 2 || out.size() != 1) {
            return null;
        }
        INDArray x = in.get(0);
        INDArray g = in.get(in.size() - 1);
        INDArray dx = out.get(0);
        if (!x.equalShapes(dx) || !repeatsFirstAxis(dx, g)) {
            return null;
        }
        long copies = g.size(0);
        long size = x.length();
        return work.sumOfRows(view(g, copies, size), view(dx, 1, size), 1);
    }

    /** Whether {@code many} is {@code one} [1, ...] repeated along the first axis, both dense floating point. */
    private static boolean repeatsFirstAxis(INDArray one, INDArray many) {
        if (one.rank() < 1 || many.rank() != one.rank() || one.size(0) != 1 || one.length() == 0
                || !(one.dataType() == DataType.FLOAT || one.dataType() == DataType.DOUBLE)
                || many.dataType() != one.dataType() || !allDense(one, many)) {
            return false;
        }
        for (int d = 1; d < one.rank(); d++) {
            if (many.size(d) != one.size(d)) {
                return false;
            }
        }
        return true;
    }
}
