package netcanvas.analysis;

import java.util.Locale;

/**
 * What a machine does per second, as a short calibration measured it: arithmetic in a convolution's forward and
 * backward pass, and bytes moved through memory by a large copy.
 *
 * @param gflops             billions of floating-point operations per second (a multiply-add counts 2)
 * @param gigabytesPerSecond billions of bytes read plus written per second
 */
public record MachineSpeed(double gflops, double gigabytesPerSecond) {
    public MachineSpeed {
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

    /** True when moving the bytes takes longer than the arithmetic. */
    public boolean memoryBound(double flops, double bytes) {
        return bytes / (gigabytesPerSecond * 1e9) > flops / (gflops * 1e9);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f GFLOP/s, %.1f GB/s", gflops, gigabytesPerSecond);
    }
}
