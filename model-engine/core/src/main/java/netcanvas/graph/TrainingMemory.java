package netcanvas.graph;

/**
 * What NetCanvas's training step ({@code netcanvas.train.TrainingStep}) holds for one layer of the batch at its peak,
 * as the kind's training lowering ({@code SameDiffCompiler}) and the gradients SameDiff derives from it make it: the
 * step plans its arrays by running the whole gradient graph once, which keeps every value it computes alive at the
 * same moment. Each kind states it in {@link PrimitiveSpec#trainingMemory}; the memory estimate
 * ({@code analysis.MemoryEstimate}) multiplies it out for a batch size and adds the weights and optimizer state.
 *
 * @param forward        forward arrays of the layer's output size (the output, and the intermediate values its
 *                       lowering creates: SiLU's sigmoid, dropout's draw and mask, the input's channels-last copy)
 * @param gradients      arrays of the output's size its backward pass writes besides its inputs' gradients
 *                       (ReLU's mask, a product's gradient to its second factor)
 * @param inputSized     arrays of each input's size: the input's gradient, 1 for most kinds (a pooling's is its
 *                       input's size, not its output's), and copies the lowering makes of the input or of its
 *                       gradient (a flatten's copy to channels-first); 0 where nothing of the sort is computed
 * @param valueBytes     further bytes per sample held as values and again as their gradients (a grouped
 *                       convolution's unfolded input and per-sample weights, LRN's padded channel axis)
 * @param workspace      bytes per sample of scratch that exists only while the layer's native kernel runs; the
 *                       step's peak counts the largest layer's
 * @param nativeKernel   the layer's native kernel keeps state beyond its arrays (oneDNN's primitives), shared with
 *                       layers of the same kind on inputs of the same shape
 */
public record TrainingMemory(int forward, int gradients, int inputSized, long valueBytes, long workspace,
        boolean nativeKernel) {
    public TrainingMemory {
        if (forward < 0 || gradients < 0 || inputSized < 0 || valueBytes < 0 || workspace < 0) {
            throw new IllegalArgumentException("training memory cannot be negative: " + forward + " values, "
                    + gradients + " gradients, " + inputSized + " input gradients, " + valueBytes + " bytes, "
                    + workspace + " bytes of workspace");
        }
    }

    /**
     * {@code forward} output-sized values, {@code gradients} further output-sized gradients and the gradient of each
     * input (of its size), nothing else.
     */
    public static TrainingMemory values(int forward, int gradients) {
        return new TrainingMemory(forward, gradients, 1, 0, 0, false);
    }

    /** The same with {@code n} arrays of each input's size (0: not even its gradient). */
    public TrainingMemory withInputSized(int n) {
        return new TrainingMemory(forward, gradients, n, valueBytes, workspace, nativeKernel);
    }

    /** The same, plus {@code bytes} per sample held as values and again as their gradients. */
    public TrainingMemory plusValueBytes(long bytes) {
        return new TrainingMemory(forward, gradients, inputSized, Math.addExact(valueBytes, bytes), workspace,
                nativeKernel);
    }

    /** The same, with {@code bytes} per sample of scratch while the kernel runs. */
    public TrainingMemory withWorkspace(long bytes) {
        return new TrainingMemory(forward, gradients, inputSized, valueBytes, bytes, nativeKernel);
    }

    /** The same, for a kind whose native kernel keeps state of its own. */
    public TrainingMemory withNativeKernel() {
        return new TrainingMemory(forward, gradients, inputSized, valueBytes, workspace, true);
    }
}
