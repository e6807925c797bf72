package netcanvas.analysis;

import java.util.ArrayList;
import java.util.List;
import netcanvas.graph.PrimitiveSpec;
import netcanvas.graph.Shape;
import netcanvas.graph.TrainingWork;

/**
 * What one layer makes NetCanvas's training step ({@code netcanvas.train.TrainingStep}) do besides its arithmetic:
 * its kind's own rule ({@link PrimitiveSpec#trainingWork}: native calls, passes over output-sized arrays, weight
 * arrays) and what the layer's place in the graph adds: a value read by k layers receives k gradients, summed by
 * k - 1 additions (3 passes each). Each call costs a fixed time whatever its size (the call into native code, its
 * argument checks, waking the threads), which is most of a small layer's time; the passes are its memory traffic.
 * {@code StepWorkTest} in the training module checks the counts against the calls the step really plans.
 */
public final class StepWork {
    private StepWork() {
    }

    /**
     * One layer's work in a training step.
     *
     * @param calls      native calls, forward and backward
     * @param passes     reads and writes of arrays of the layer's output size (for the batch), forward and backward
     * @param ownTraffic the passes (and {@code bytes}) are the layer's whole traffic, not added to the standard
     *                   3 x input + 2 x output that {@link TimeEstimate} counts
     * @param weights    the layer's weight arrays (one optimizer call each)
     * @param bytes      further bytes read and written per sample (the first convolution's weight gradient)
     * @param vectorIn   input channels its arithmetic computes in vectors ({@link TrainingWork#vectorIn})
     * @param vectorOut  output channels likewise
     */
    public record Layer(int calls, int passes, boolean ownTraffic, int weights, double bytes, long vectorIn,
            long vectorOut) {
    }

    /**
     * The work of layer {@code l} of {@code a} whose output is read by {@code readers} layers.
     */
    public static Layer of(Analysis a, LayerResult l, int readers) {
        PrimitiveSpec spec = l.spec();
        List<Shape> inputs = new ArrayList<>();
        for (String in : l.inputs()) {
            inputs.add(a.shapeOf(in));
        }
        LayerResult producer = l.inputs().isEmpty() ? null : a.producer(l.inputs().get(0));
        boolean readsData = producer != null && producer.inputs().isEmpty(); // the data: the network's input
        TrainingWork w = spec.trainingWork(inputs, l.output(), readsData);
        // gradients of a value read twice or more are added up (none for the data: its gradient is not computed)
        int sums = l.inputs().isEmpty() ? 0 : Math.max(0, readers - 1);
        return new Layer(w.calls() + sums, w.passes() + 3 * sums, w.ownTraffic(), w.weightArrays(), w.bytes(),
                w.vectorIn(), w.vectorOut());
    }
}
