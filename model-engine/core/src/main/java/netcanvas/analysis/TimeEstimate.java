package netcanvas.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time of one training step (forward and backward pass of a batch, and the weight update) and of an epoch,
 * per layer: the roofline model (the longer of its arithmetic at the machine's measured convolution throughput and
 * its memory traffic at the measured bandwidth, {@link MachineSpeed}) plus a fixed time per native call the step makes
 * for the layer ({@link StepWork}).
 *
 * <p>Per layer, for a batch of B: arithmetic 3 x (2 x MACs + other ops) x B, since the backward pass computes two
 * products of the forward pass's size (the input gradient and the weight gradient); traffic B x (3 x input + 2 x
 * output) bytes (forward: read the input, write the output; backward: read the output gradient and the saved
 * input, write the input gradient) plus the weights three times (read forward and backward, gradient written). Kinds
 * whose lowering passes over their arrays more often (batch norm's moments and six-call gradient, ReLU's mask) count
 * their own passes instead ({@link StepWork.Layer#passes}), the first convolution's weight gradient reads its padded
 * input once per kernel tap ({@link netcanvas.graph.Conv2d#trainingWork}), and a value read by several layers adds
 * the sums of its gradients. The update reads every weight, its gradient and the optimizer state and writes the
 * weight and the state back: 4 x params x (2 + 2 x states per weight) bytes, in one call over all the weights and one
 * more per weight array.
 */
public final class TimeEstimate {
    private final int batch;
    private final MachineSpeed speed;
    private final List<LayerTime> layers;
    private final Map<String, LayerTime> stages;
    private final LayerTime update;
    private final double stepSeconds;

    private TimeEstimate(int batch, MachineSpeed speed, List<LayerTime> layers, Map<String, LayerTime> stages,
            LayerTime update, double stepSeconds) {
        this.batch = batch;
        this.speed = speed;
        this.layers = List.copyOf(layers);
        this.stages = java.util.Collections.unmodifiableMap(stages);
        this.update = update;
        this.stepSeconds = stepSeconds;
    }

    public static TimeEstimate of(Analysis analysis, int batch, int statesPerWeight, MachineSpeed speed) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        List<LayerTime> rows = new ArrayList<>();
        Map<String, LayerTime> stages = new LinkedHashMap<>();
        double step = 0;
        Map<String, Integer> readers = analysis.readerCounts();
        long weightArrays = 0;
        for (LayerResult l : analysis.layers()) {
            if (!l.known()) {
                continue;
            }
            StepWork.Layer work = StepWork.of(analysis, l, readers.getOrDefault(l.id(), 0));
            weightArrays += work.weights();
            double inBytes = 0;
            for (String in : l.inputs()) {
                LayerResult p = analysis.producer(in);
                inBytes += p == null ? 0 : p.memoryBytes();
            }
            // empty vector lanes take time as if they held channels
            double flops = 3.0 * (2.0 * l.cost().macs() + l.cost().otherOps()) * batch
                    / speed.channelEfficiency(work.vectorIn(), work.vectorOut());
            double perSample = (work.ownTraffic() ? 0 : 3 * inBytes + 2.0 * l.memoryBytes())
                    + work.passes() * (double) l.memoryBytes() + work.bytes();
            double bytes = batch * perSample + 3 * 4.0 * l.cost().params();
            LayerTime t = new LayerTime(l.id(), flops, bytes, work.calls(), speed.seconds(flops, bytes, work.calls()),
                    speed.memoryBound(flops, bytes));
            rows.add(t);
            step += t.seconds();
            stages.merge(l.owner(), new LayerTime(l.owner(), flops, bytes, t.calls(), t.seconds(), t.memoryBound()),
                    (a, b) -> new LayerTime(a.id(), a.flops() + b.flops(), a.bytes() + b.bytes(), a.calls() + b.calls(),
                            a.seconds() + b.seconds(), a.bytes() + b.bytes() > 0
                            && speed.memoryBound(a.flops() + b.flops(), a.bytes() + b.bytes())));
        }
        double params = analysis.totals().trainableParams();
        double updateFlops = params * (2 + 4.0 * statesPerWeight);
        double updateBytes = 4 * params * (2 + 2.0 * statesPerWeight);
        // the optimizer over the flat gradient in one call, then each weight array takes its step
        long updateCalls = 1 + weightArrays;
        LayerTime update = new LayerTime("weight update", updateFlops, updateBytes, updateCalls,
                speed.seconds(updateFlops, updateBytes, updateCalls), speed.memoryBound(updateFlops, updateBytes));
        return new TimeEstimate(batch, speed, rows, stages, update, step + update.seconds());
    }

    public int batch() {
        return batch;
    }

    public MachineSpeed speed() {
        return speed;
    }

    /** Every layer with a known shape, in topological order. */
    public List<LayerTime> layers() {
        return layers;
    }

    /** Sums by the designed network's node that holds each layer, in order. */
    public Map<String, LayerTime> stages() {
        return stages;
    }

    /** The optimizer's pass over every weight, once per step. */
    public LayerTime update() {
        return update;
    }

    /** Native calls of one step: every layer's and the update's. */
    public long calls() {
        long n = update.calls();
        for (LayerTime l : layers) {
            n += l.calls();
        }
        return n;
    }

    /** Seconds of one step: every layer's forward and backward pass and the update. */
    public double stepSeconds() {
        return stepSeconds;
    }

    /** Seconds of one pass over a dataset of this many images (the last, smaller batch counted as a full one). */
    public double epochSeconds(long datasetSize) {
        if (datasetSize < 1) {
            throw new IllegalArgumentException("dataset size must be at least 1, got " + datasetSize);
        }
        return Math.ceil(datasetSize / (double) batch) * stepSeconds;
    }

    /** The ids of the n slowest layers, slowest first. */
    public List<String> slowest(int n) {
        return layers.stream().sorted(Comparator.comparingDouble(LayerTime::seconds).reversed()).limit(n)
                .map(LayerTime::id).toList();
    }
}
