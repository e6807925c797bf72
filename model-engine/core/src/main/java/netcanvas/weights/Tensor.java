package netcanvas.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One float32 weight array in PyTorch's layout (row-major; a convolution's weight is [out, in/groups, kH, kW], a
 * dense layer's [out, in]). The values are read from their source only when asked for, so opening a large model
 * for its summary never copies its weights.
 */
public final class Tensor {

    /** Where the values come from: little-endian float32 bytes, or an array already in memory. */
    private final ByteBuffer bytes;
    private final float[] values;
    private final long[] shape;
    private final boolean transposed;

    private Tensor(long[] shape, ByteBuffer bytes, float[] values, boolean transposed) {
        this.shape = shape.clone();
        this.bytes = bytes;
        this.values = values;
        this.transposed = transposed;
    }

    /**
     * A tensor over little-endian float32 bytes (a view of a mapped file is not copied).
     *
     * @throws IllegalArgumentException when the byte count does not match the shape
     */
    public static Tensor ofBytes(long[] shape, ByteBuffer littleEndianFloats) {
        long n = elements(shape);
        if (littleEndianFloats.remaining() != n * Float.BYTES) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n * Float.BYTES
                    + " bytes but " + littleEndianFloats.remaining() + " are given");
        }
        return new Tensor(shape, littleEndianFloats.slice().order(ByteOrder.LITTLE_ENDIAN), null, false);
    }

    /** A tensor over these values (not copied: the caller hands them over). */
    public static Tensor of(long[] shape, float[] values) {
        if (elements(shape) != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + elements(shape)
                    + " values but " + values.length + " are given");
        }
        return new Tensor(shape, null, values, false);
    }

    /**
     * The transpose of a 2-D tensor, computed when its values are read (an ONNX MatMul weight is [in, out]; PyTorch's
     * Linear keeps [out, in]).
     */
    public Tensor transposed2d() {
        if (shape.length != 2) {
            throw new IllegalStateException("only a 2-D tensor transposes, not " + Arrays.toString(shape));
        }
        return new Tensor(new long[] {shape[1], shape[0]}, bytes, values, !transposed);
    }

    /** The same values seen with another shape of the same size. */
    public Tensor reshaped(long... newShape) {
        if (elements(newShape) != length()) {
            throw new IllegalArgumentException("cannot view " + Arrays.toString(shape) + " as "
                    + Arrays.toString(newShape));
        }
        if (transposed) {
            return Tensor.of(newShape, floats());
        }
        return new Tensor(newShape, bytes, values, false);
    }

    public long[] shape() {
        return shape.clone();
    }

    public long length() {
        return elements(shape);
    }

    /** The values, row-major in this tensor's shape (a fresh array). */
    public float[] floats() {
        int n = Math.toIntExact(length());
        float[] raw = new float[n];
        if (values != null) {
            System.arraycopy(values, 0, raw, 0, n);
        } else {
            bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(raw);
        }
        if (!transposed) {
            return raw;
        }
        // raw is the untransposed [cols, rows] array; this tensor is [rows, cols].
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] t = new float[n];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                t[r * cols + c] = raw[c * rows + r];
            }
        }
        return t;
    }

    /** Product of the dimensions; throws ArithmeticException on overflow and IllegalArgumentException if negative. */
    public static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
