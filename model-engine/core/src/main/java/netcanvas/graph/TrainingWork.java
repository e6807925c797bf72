package netcanvas.graph;

/**
 * What NetCanvas's training step ({@code netcanvas.train.TrainingStep}) does for one layer besides the arithmetic its
 * {@link Cost} counts, as the kind's training lowering ({@code SameDiffCompiler}) and the gradients SameDiff derives
 * from it make the step run: how many native calls its forward and backward passes make, how many times they pass
 * over arrays of the layer's output size, and how many weight arrays the optimizer then updates one call each. Each
 * kind states it in {@link PrimitiveSpec#trainingWork}; the time estimate ({@code analysis.TimeEstimate}) prices a
 * fixed time per call and the passes as memory traffic.
 *
 * @param calls        native calls, forward and backward
 * @param passes       reads and writes of arrays of the layer's output size (for the batch), forward and backward,
 *                     when {@code ownTraffic}; otherwise further passes beside the standard traffic
 * @param ownTraffic   the passes are all the layer's traffic; otherwise it is the standard 3 x input + 2 x output
 *                     (forward: read the input, write the output; backward: read the output gradient and the saved
 *                     input, write the input gradient), plus the passes
 * @param weightArrays the layer's weight arrays (one optimizer call each)
 * @param bytes        further bytes read and written per sample, beyond arrays of the input's or output's size
 * @param vectorIn     the input channels its arithmetic computes in vectors (a convolution's kernels do), 0 for none
 * @param vectorOut    the output channels likewise; where a count is no multiple of the machine's vector width, lanes
 *                     stay empty and the arithmetic takes longer ({@code analysis.MachineSpeed#channelEfficiency})
 */
public record TrainingWork(int calls, int passes, boolean ownTraffic, int weightArrays, double bytes, long vectorIn,
        long vectorOut) {
    /**
     * Native calls of an explicit padding in the training lowering ({@code SameDiffCompiler.pad}): the pad forward;
     * backward the slice that takes the gradient's inside, with the bounds and the shape it is computed from.
     */
    public static final int PAD_CALLS = 4;

    public TrainingWork {
        if (calls < 0 || passes < 0 || weightArrays < 0 || !(bytes >= 0) || vectorIn < 0 || vectorOut < 0) {
            throw new IllegalArgumentException("training work cannot be negative: " + calls + " calls, " + passes
                    + " passes, " + weightArrays + " weight arrays, " + bytes + " bytes");
        }
    }

    /** {@code calls} native calls and the standard traffic: one call forward, one backward for most kinds. */
    public static TrainingWork standard(int calls) {
        return new TrainingWork(calls, 0, false, 0, 0, 0, 0);
    }

    /** {@code calls} native calls whose traffic is {@code passes} over output-sized arrays, nothing else. */
    public static TrainingWork passes(int calls, int passes) {
        return new TrainingWork(calls, passes, true, 0, 0, 0, 0);
    }

    /** The same work on a layer with this many weight arrays. */
    public TrainingWork withWeights(int arrays) {
        return new TrainingWork(calls, passes, ownTraffic, arrays, bytes, vectorIn, vectorOut);
    }

    /** The same work plus {@code more} bytes per sample. */
    public TrainingWork plusBytes(double more) {
        return new TrainingWork(calls, passes, ownTraffic, weightArrays, bytes + more, vectorIn, vectorOut);
    }

    /** The same work, its arithmetic computed in vectors over these channel counts (0: not vectorised). */
    public TrainingWork withVectors(long in, long out) {
        return new TrainingWork(calls, passes, ownTraffic, weightArrays, bytes, in, out);
    }
}
