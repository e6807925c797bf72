package netcanvas.analysis;

/**
 * One layer's (or stage's) estimated share of a training step: forward and backward pass for the whole batch.
 *
 * @param flops        floating-point operations (a multiply-add counts 2)
 * @param bytes        bytes read and written
 * @param calls        native calls the training step makes for it ({@link StepWork})
 * @param seconds      the roofline time plus each call's fixed time, {@link MachineSpeed#seconds(double, double, long)}
 * @param memoryBound  whether moving the bytes, not the arithmetic, sets the time
 */
public record LayerTime(String id, double flops, double bytes, long calls, double seconds, boolean memoryBound) {
}
