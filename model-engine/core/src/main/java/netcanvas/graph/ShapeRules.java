package netcanvas.graph;

/** Output-size arithmetic shared by convolution and pooling, written exactly as PyTorch defines it. */
public final class ShapeRules {
    private ShapeRules() {
    }

    /**
     * floor((in + 2*pad - dilation*(kernel-1) - 1) / stride) + 1, or with ceil instead of floor; in ceil mode the
     * last window must start inside the input or its left padding (PyTorch drops it otherwise). As in PyTorch's
     * pooling_output_shape, the division rounds towards negative infinity, so in ceil mode a window larger than the
     * padded input still gives one output (it starts inside and hangs over the end).
     * Returns 0 when the window does not fit.
     */
    public static long slidingOutput(long in, int kernel, int stride, int pad, int dilation, boolean ceil) {
        long span = in + 2L * pad - (long) dilation * (kernel - 1) - 1;
        long out = Math.floorDiv(span + (ceil ? stride - 1 : 0), stride) + 1;
        if (ceil && (out - 1) * stride >= in + pad) {
            out--;
        }
        return Math.max(0, out);
    }

    public static String requireSpatial(String layer, Shape in) throws ShapeException {
        if (!in.spatial()) {
            throw new ShapeException(layer + " needs a C x H x W input but gets a flat vector of " + in.channels()
                    + " features: move it before the Flatten or Dense layer");
        }
        return layer;
    }
}
