package netcanvas.analysis;

/**
 * Network totals over every layer whose shape is known.
 *
 * @param params          all parameters, as PyTorch's parameters() and torchinfo's "Total params" count them
 *                        (buffers such as batch-norm running statistics are not parameters)
 * @param trainableParams weights and biases that training updates (every parameter: NetCanvas has no frozen
 *                        layers yet)
 * @param stateValues     non-trainable stored values (batch-norm running mean and variance), PyTorch's buffers
 * @param macs            multiply-accumulates of convolutions and dense layers, one sample
 * @param otherOps        pooling, normalisation, activation and add operations, one sample
 * @param activationBytes every layer's output (the input included), one sample, 4 bytes per element
 * @param complete        false when errors left some layers unknown (then these are lower bounds)
 *
 * Sums saturate instead of wrapping: a total whose true value is over 2^63 - 1 stops at {@link #CAP}, and reports
 * must show it as "more than" the cap ({@link #isCapped}), never as an exact figure.
 */
public record Totals(long params, long trainableParams, long stateValues, long macs, long otherOps,
        long activationBytes, boolean complete) {

    /** Where a saturating sum stops: 2^63 - 1. */
    public static final long CAP = Long.MAX_VALUE;

    /** True when this total (or a training-memory figure) hit the cap: its true value is larger. */
    public static boolean isCapped(long total) {
        return total == CAP;
    }

    /** True when any of these totals hit the cap. */
    public boolean capped() {
        return isCapped(params) || isCapped(trainableParams) || isCapped(stateValues) || isCapped(macs)
                || isCapped(otherOps) || isCapped(activationBytes);
    }
}
