package netcanvas.analysis;

/**
 * One layer's (or a group of layers') share of a training step's memory, in bytes (float32).
 *
 * @param id                 the layer's expanded id, or the stage's id for a group
 * @param weights            trainable parameters and stored running statistics
 * @param gradients          one gradient per trainable parameter
 * @param optimizerState     the optimizer's per-parameter state (Adam: two moments)
 * @param savedActivations   forward values of the whole batch that the step keeps for the backward pass
 * @param activationGradients the batch's gradients with respect to those values, computed in the backward pass
 * @param kernelState        native state a convolution's kernels keep between steps (oneDNN's primitives and their
 *                           buffers): a measured constant per distinct convolution, see
 *                           {@link MemoryEstimate#KERNEL_STATE}
 * @param workspace          the largest scratch array the layer's kernels need while they run (a convolution's
 *                           unfolded input); not summed into a group, only its largest counts at the peak
 */
public record LayerMemory(String id, long weights, long gradients, long optimizerState, long savedActivations,
        long activationGradients, long kernelState, long workspace) {

    /** Everything this layer holds at the step's peak, its workspace included. */
    public long total() {
        return Sat.add(held(), workspace);
    }

    /** The native kernels' state and the workspace together (saturating, like every sum here). */
    public long kernelsAndWorkspace() {
        return Sat.add(kernelState, workspace);
    }

    /** The batch's forward values and their gradients together. */
    public long activations() {
        return Sat.add(savedActivations, activationGradients);
    }

    /** What the layer keeps for the whole step: its total without the workspace. */
    public long held() {
        return Sat.add(Sat.add(Sat.add(weights, gradients), optimizerState), Sat.add(Sat.add(savedActivations,
                activationGradients), kernelState));
    }

    /** The sum of two shares under another id: held bytes add, the workspace is the larger one. */
    LayerMemory plus(String groupId, LayerMemory o) {
        return new LayerMemory(groupId, Sat.add(weights, o.weights), Sat.add(gradients, o.gradients),
                Sat.add(optimizerState, o.optimizerState), Sat.add(savedActivations, o.savedActivations),
                Sat.add(activationGradients, o.activationGradients), Sat.add(kernelState, o.kernelState),
                Math.max(workspace, o.workspace));
    }
}
