package netcanvas.graph;

/**
 * What one layer costs for one sample.
 *
 * @param params     trainable parameters
 * @param state      non-trainable stored values (batch-norm running mean and variance)
 * @param macs       multiply-accumulates of convolutions and dense layers
 * @param otherOps   other arithmetic: pooling window elements, one per element for normalisation, activation, add
 */
public record Cost(long params, long state, long macs, long otherOps) {
    public static final Cost FREE = new Cost(0, 0, 0, 0);

    public static Cost ops(long otherOps) {
        return new Cost(0, 0, 0, otherOps);
    }

    public Cost plus(Cost o) {
        return new Cost(Math.addExact(params, o.params), Math.addExact(state, o.state), Math.addExact(macs, o.macs),
                Math.addExact(otherOps, o.otherOps));
    }
}
