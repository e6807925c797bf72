package netcanvas.analysis;

/**
 * One layer's (or stage's) estimated share of a training step: forward and backward pass for the whole batch.
 *
 * @param flops        floating-point operations (a multiply-add counts 2)
 * @param bytes        bytes read and written
 * @param seconds      the roofline time, {@link MachineSpeed#seconds}
 * @param memoryBound  whether moving the bytes, not the arithmetic, sets the time
 */
public record LayerTime(String id, double flops, double bytes, double seconds, boolean memoryBound) {
}
