package netcanvas.graph;

/**
 * The shape of one sample's tensor flowing along an edge: either spatial (channels x height x width) or a flat
 * feature vector. Dimensions are longs so that absurd designs (a million channels) are reported, never wrapped.
 */
public record Shape(long channels, long height, long width, boolean spatial) {

    public Shape {
        if (channels < 0 || height < 0 || width < 0) {
            throw new IllegalArgumentException("negative dimension in " + channels + "x" + height + "x" + width);
        }
        if (!spatial && (height != 1 || width != 1)) {
            throw new IllegalArgumentException("a feature vector has height and width 1");
        }
    }

    public static Shape chw(long channels, long height, long width) {
        return new Shape(channels, height, width, true);
    }

    public static Shape features(long count) {
        return new Shape(count, 1, 1, false);
    }

    /** Number of elements; throws ArithmeticException on 64-bit overflow. */
    public long elements() {
        return Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    /** Dimensions as PyTorch prints them for one sample: [C, H, W] or [N]. */
    public long[] dims() {
        return spatial ? new long[] {channels, height, width} : new long[] {channels};
    }

    @Override
    public String toString() {
        return spatial ? channels + "x" + height + "x" + width : Long.toString(channels);
    }
}
