package netcanvas.analysis;

/**
 * An estimate of the memory one training step needs, in bytes (float32): weights, their gradients, the optimizer's
 * per-weight state, batch-norm state, and the activations of a batch, kept for the backward pass and matched by
 * gradients of the same size while it runs.
 */
public record TrainingMemory(int batch, long weights, long gradients, long optimizerState, long activations) {

    static TrainingMemory estimate(Totals t, int batch, Optimizer optimizer) {
        long weights = Sat.add(Sat.mul(t.trainableParams(), 4), Sat.mul(t.stateValues(), 4));
        long grads = Sat.mul(t.trainableParams(), 4);
        long opt = Sat.mul(t.trainableParams(), 4L * optimizer.statesPerWeight());
        long acts = Sat.mul(Sat.mul(t.activationBytes(), batch), 2);
        return new TrainingMemory(batch, weights, grads, opt, acts);
    }

    public long total() {
        return Sat.add(Sat.add(weights, gradients), Sat.add(optimizerState, activations));
    }
}
