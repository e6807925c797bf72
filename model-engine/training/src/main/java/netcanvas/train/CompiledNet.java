package netcanvas.train;

import java.util.List;
import java.util.Map;
import netcanvas.graph.Network;
import netcanvas.graph.Shape;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * The logits (class scores before softmax) of {@code n} samples given as raw N x C x H x W float32 values,
     * row-major, fed to the network as they are (no normalisation), by a {@link ForwardPass} built for the call
     * (so with the current weights; hold a ForwardPass to run the same weights often).
     *
     * @return n rows of {@link #classes()} values
     */
    public float[][] logits(float[] nchw, int n) {
        return ForwardPass.logits(this, nchw, n);
    }

    /**
     * As {@link #logits}, by SameDiff's own session ({@code SameDiff.output}): the reference the
     * {@link ForwardPass} is tested against.
     */
    public float[][] sessionLogits(float[] nchw, int n) {
        if ((long) n * inputShape.elements() != nchw.length) {
            throw new IllegalArgumentException(nchw.length + " values are not " + n + " samples of " + inputShape);
        }
        INDArray in = Nd4j.create(nchw,
                new long[] {n, inputShape.channels(), inputShape.height(), inputShape.width()}, 'c');
        INDArray out = sd.output(Map.of(INPUT, in), LOGITS).get(LOGITS);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = out.getRow(i).dup().toFloatVector();
        }
        return rows;
    }
}
