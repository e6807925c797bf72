package netcanvas.analysis;

/**
 * Network totals over every layer whose shape is known.
 *
 * @param params          all parameters (trainable + state), as torchinfo's "Total params" for BN-free nets;
 *                        PyTorch's parameters() count equals {@link #trainableParams}
 * @param trainableParams weights and biases
 * @param stateValues     non-trainable stored values (batch-norm running mean and variance)
 * @param macs            multiply-accumulates of convolutions and dense layers, one sample
 * @param otherOps        pooling, normalisation, activation and add operations, one sample
 * @param activationBytes every layer's output (the input included), one sample, 4 bytes per element
 * @param complete        false when errors left some layers unknown (then these are lower bounds)
 */
public record Totals(long params, long trainableParams, long stateValues, long macs, long otherOps,
        long activationBytes, boolean complete) {
}
