package netcanvas.analysis;

import java.util.Locale;

/**
 * What a machine does per second, as a short calibration measured it: arithmetic in a convolution's forward and
 * backward pass, bytes moved through memory by a large copy, and the fixed time of one native call of a training
 * step, whatever its size.
 *
 * @param gflops              billions of floating-point operations per second (a multiply-add counts 2)
 * @param gigabytesPerSecond  billions of bytes read plus written per second
 * @param microsecondsPerCall the time of a call on arrays so small that their arithmetic and traffic take nothing
 * @param floatsPerVector     the processor's vector width in floats (16 with AVX-512, 8 with AVX2): convolution
 *                           kernels compute channels in vectors of this many, so a layer with fewer channels, or a
 *                           count that is no multiple of it, leaves lanes empty ({@link #channelEfficiency}); 1 where
 *                           unknown
 */
public record MachineSpeed(double gflops, double gigabytesPerSecond, double microsecondsPerCall, int floatsPerVector) {
    /** A machine whose vector width is not known: no channel counts are rounded up. */
    public MachineSpeed(double gflops, double gigabytesPerSecond, double microsecondsPerCall) {
        this(gflops, gigabytesPerSecond, microsecondsPerCall, 1);
    }

    public MachineSpeed {
        if (floatsPerVector < 1) {
            throw new IllegalArgumentException("floats per vector must be 1 or more, got " + floatsPerVector);
        }
        if (!(microsecondsPerCall >= 0) || !Double.isFinite(microsecondsPerCall)) {
            throw new IllegalArgumentException("microseconds per call must be 0 or more, got " + microsecondsPerCall);
        }
        if (!(gflops > 0) || !Double.isFinite(gflops)) {
            throw new IllegalArgumentException("GFLOP/s must be a positive number, got " + gflops);
        }
        if (!(gigabytesPerSecond > 0) || !Double.isFinite(gigabytesPerSecond)) {
            throw new IllegalArgumentException("GB/s must be a positive number, got " + gigabytesPerSecond);
        }
    }

    /**
     * Roofline time: the slower of doing the arithmetic at full speed and moving the bytes at full bandwidth.
     *
     * @return seconds
     */
    public double seconds(double flops, double bytes) {
        return Math.max(flops / (gflops * 1e9), bytes / (gigabytesPerSecond * 1e9));
    }

    /**
     * The time of work made of {@code calls} native calls: the roofline time of their arithmetic and traffic, plus
     * each call's fixed time.
     *
     * @return seconds
     */
    public double seconds(double flops, double bytes, long calls) {
        return seconds(flops, bytes) + calls * microsecondsPerCall * 1e-6;
    }

    /** True when moving the bytes takes longer than the arithmetic. */
    public boolean memoryBound(double flops, double bytes) {
        return bytes / (gigabytesPerSecond * 1e9) > flops / (gflops * 1e9);
    }

    /**
     * The share of a convolution's vector lanes that hold channels: {@code c / (c rounded up to a multiple of
     * floatsPerVector)} for each vectorised channel count (0: not vectorised), multiplied. LeNet-5's second
     * convolution, 6 to 16 channels, uses 6 of 16 lanes on AVX-512: its arithmetic takes 16/6 of the calibrated time.
     */
    public double channelEfficiency(long channelsIn, long channelsOut) {
        return lanes(channelsIn) * lanes(channelsOut);
    }

    private double lanes(long channels) {
        if (channels <= 0) {
            return 1;
        }
        long vectors = (channels + floatsPerVector - 1) / floatsPerVector;
        return channels / (double) (vectors * floatsPerVector);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f GFLOP/s, %.1f GB/s, %.1f us per call, %d floats per vector", gflops,
                gigabytesPerSecond, microsecondsPerCall, floatsPerVector);
    }
}
