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
 */
public record Totals(long params, long trainableParams, long stateValues, long macs, long otherOps,
        long activationBytes, boolean complete) {
}
