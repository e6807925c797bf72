package netcanvas.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** PyTorch's averaging arithmetic along one axis, for lowerings that build average pooling from simpler ops. */
final class AvgDivisors {
    private AvgDivisors() {
    }

    /**
     * The divisor of each output window of torch.nn.AvgPool2d along one axis: the window is clipped to the padded
     * input [-pad, in + pad); with countIncludePad false it is further clipped to the input itself.
     */
    static long[] divisors(long in, int k, int stride, int pad, long out, boolean countIncludePad) {
        long[] d = new long[(int) out];
        for (int i = 0; i < out; i++) {
            long start = (long) i * stride - pad;
            long end = Math.min(start + k, in + pad);
            if (!countIncludePad) {
                start = Math.max(start, 0);
                end = Math.min(end, in);
            }
            d[i] = end - start;
        }
        return d;
    }

    /** An in x out matrix whose column i averages [floor(i*in/out), ceil((i+1)*in/out)) (adaptive pooling). */
    static INDArray adaptiveMatrix(long in, long out) {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, in, out);
        for (long i = 0; i < out; i++) {
            long start = Math.floorDiv(i * in, out);
            long end = -Math.floorDiv(-(i + 1) * in, out);
            for (long r = start; r < end; r++) {
                m.putScalar(r, i, 1.0 / (end - start));
            }
        }
        return m;
    }
}
