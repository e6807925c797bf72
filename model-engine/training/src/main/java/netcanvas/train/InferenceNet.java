package netcanvas.train;

import java.util.List;
import netcanvas.graph.Network;
import netcanvas.graph.Shape;
import netcanvas.weights.WeightSet;

/**
 * A network compiled for inference with given weights (imported from ONNX, or converted from a checkpoint): raw
 * input values in, logits out, with no normalisation in between. This is what an ONNX runtime computes from the
 * same model, so the two can be compared number for number.
 */
public final class InferenceNet {
    private final CompiledNet net;
    private final ForwardPass pass;

    private InferenceNet(CompiledNet net) {
        this.net = net;
        this.pass = new ForwardPass(net, List.of(CompiledNet.LOGITS));
    }

    /**
     * @throws TrainingException when the network has errors or the weights do not fit it
     */
    public static InferenceNet of(Network network, WeightSet weights) throws TrainingException {
        CompiledNet net = SameDiffCompiler.compile(network, Mode.INFER, 0);
        Checkpoint.apply(TorchLayout.toArrays(network, weights), net);
        return new InferenceNet(net);
    }

    public Shape inputShape() {
        return net.inputShape();
    }

    public int classes() {
        return net.classes();
    }

    /**
     * The logits of {@code n} samples given as N x C x H x W float32 values, row-major.
     *
     * @return n rows of {@link #classes()} values
     */
    public float[][] logits(float[] nchw, int n) {
        return pass.logits(nchw, n);
    }
}
