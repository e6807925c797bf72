package netcanvas.train;

import java.util.List;
import java.util.Map;
import netcanvas.graph.Network;
import netcanvas.graph.Shape;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network lowered to a SameDiff graph. Placeholders {@link #INPUT} (N x C x H x W) and {@link #LABEL} (one-hot,
 * N x classes); outputs {@link #LOGITS}, {@link #PROBABILITIES} and the mean softmax cross-entropy {@link #LOSS}.
 * Trainable weights are the graph's variables, named {@code <layer id>/W} and {@code <layer id>/b} (batch norm:
 * {@code /gamma}, {@code /beta}).
 */
public record CompiledNet(Network network, Mode mode, SameDiff sd, Shape inputShape, int classes,
        List<BatchNormState> batchNorms) {

    public static final String INPUT = "input";
    public static final String LABEL = "label";
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";
    public static final String LOSS = "loss";

    /** Number of trainable values, comparable with the analysis' trainable parameter count. */
    public long trainableParams() {
        long n = 0;
        for (var v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                n += v.getArr().length();
            }
        }
        return n;
    }

    /** Trainable weights by name. */
    public Map<String, INDArray> weights() {
        Map<String, INDArray> m = new java.util.LinkedHashMap<>();
        for (var v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                m.put(v.name(), v.getArr());
            }
        }
        return m;
    }
}
