package netcanvas.weights;

import java.util.LinkedHashMap;
import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.LayerResult;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Shape;

/**
 * The weights a network needs, by PyTorch's state-dict names and shapes (the layouts of {@link WeightSet}): what an
 * imported or saved weight set is checked against before it is used.
 */
public final class WeightShapes {
    private WeightShapes() {
    }

    /** Every weight and batch-norm statistic of the analysed network's known layers, in layer order. */
    public static Map<String, long[]> of(Analysis analysis) {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (LayerResult r : analysis.layers()) {
            if (r.inputs().isEmpty() || analysis.shapeOf(r.inputs().get(0)) == null) {
                continue;
            }
            Shape in = analysis.shapeOf(r.inputs().get(0));
            String id = r.id();
            if (r.spec() instanceof Conv2d c) {
                m.put(WeightSet.weight(id), new long[] {c.outChannels(), in.channels() / c.groups(), c.kernel().h(),
                        c.kernel().w()});
                if (c.bias()) {
                    m.put(WeightSet.bias(id), new long[] {c.outChannels()});
                }
            } else if (r.spec() instanceof Dense d) {
                m.put(WeightSet.weight(id), new long[] {d.units(), in.elements()});
                if (d.bias()) {
                    m.put(WeightSet.bias(id), new long[] {d.units()});
                }
            } else if (r.spec() instanceof BatchNorm) {
                long c = in.channels();
                m.put(WeightSet.weight(id), new long[] {c});
                m.put(WeightSet.bias(id), new long[] {c});
                m.put(WeightSet.runningMean(id), new long[] {c});
                m.put(WeightSet.runningVar(id), new long[] {c});
            }
        }
        return m;
    }

    /**
     * Checks a weight set against the network: every needed tensor present with the right number of values.
     *
     * @return null when it fits, else what does not fit and what to do
     */
    public static String mismatch(Analysis analysis, WeightSet weights) {
        for (var e : of(analysis).entrySet()) {
            Tensor t = weights.get(e.getKey());
            long n = Tensor.elements(e.getValue());
            if (t == null) {
                return "the weights have no '" + e.getKey() + "': they belong to another network";
            }
            if (t.length() != n) {
                return "'" + e.getKey() + "' has " + t.length() + " values but the network needs " + n
                        + java.util.Arrays.toString(e.getValue()) + ": the weights belong to another network";
            }
        }
        return null;
    }
}
