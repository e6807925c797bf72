package netcanvas.train.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.common.util.ArrayUtil;

/**
 * Views of dense arrays that always share memory, which the training step's plan and its kernels build on (ND4J's
 * reshape copies when it cannot make a view, and a copy there would silently hold stale values).
 */
public final class Views {
    private Views() {
    }

    /**
     * Whether an array's elements lie in row-major order without gaps, so that {@link #view} can reshape it. Checked
     * on the strides, skipping axes of size 1: ND4J's own test ({@code Shape.hasDefaultStridesForShape}) refuses a
     * fresh [64, 32, 32, 1] array (strides [1024, 32, 1, 1]).
     */
    public static boolean dense(INDArray a) {
        if (a.length() == 0) {
            return false;
        }
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) != 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= a.size(i);
        }
        return true;
    }

    public static boolean allDense(INDArray... arrays) {
        return Arrays.stream(arrays).allMatch(Views::dense);
    }

    /**
     * A dense array seen with another shape of the same length: always the same memory (INDArray.reshape copies
     * when it cannot make a view, and a copy here would silently hold stale values).
     */
    public static INDArray view(INDArray a, long... shape) {
        if (ArrayUtil.prodLong(shape) != a.length()) {
            throw new IllegalArgumentException("cannot view " + a.shapeInfoToString() + " as "
                    + Arrays.toString(shape));
        }
        return part(a, 0, shape);
    }

    /**
     * {@code shape}'s worth of a dense array's values from {@code offset} on, as a view (INDArray.get on such a view
     * of a view gave arrays that libnd4j's matmul refused as outputs).
     */
    public static INDArray part(INDArray a, long offset, long... shape) {
        long length = ArrayUtil.prodLong(shape);
        if (!dense(a) || offset < 0 || offset + length > a.length()) {
            throw new IllegalArgumentException("no " + Arrays.toString(shape) + " at " + offset + " in "
                    + a.shapeInfoToString());
        }
        return Nd4j.create(a.data(), shape, Nd4j.getStrides(shape, 'c'), a.offset() + offset, 'c');
    }
}
