package netcanvas.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import netcanvas.data.Adaptation;
import netcanvas.data.Augmentation;
import netcanvas.data.Batches;
import netcanvas.data.DataException;
import netcanvas.data.ImageData;
import netcanvas.data.ImageFiles;
import netcanvas.graph.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs a trained network (from a checkpoint) on an image file or a dataset sample and ranks the classes. */
public final class Predictor {

    /** One ranked class. */
    public record Prediction(int index, String label, double probability) {
    }

    private final Checkpoint checkpoint;
    private final Path folder;
    private final CompiledNet net;
    private final ForwardPass pass;

    private Predictor(Checkpoint checkpoint, Path folder, CompiledNet net) {
        this.checkpoint = checkpoint;
        this.folder = folder;
        this.net = net;
        this.pass = new ForwardPass(net, List.of(CompiledNet.LOGITS, CompiledNet.PROBABILITIES));
    }

    /** Loads a checkpoint folder, or a run folder's best/ (else last/): {@link #source} says which. */
    public static Predictor load(Path checkpointDir) throws TrainingException {
        Path folder = Checkpoint.locate(checkpointDir);
        Checkpoint ck = Checkpoint.load(folder);
        CompiledNet net = SameDiffCompiler.compile(ck.network(), Mode.INFER, 0);
        Checkpoint.apply(ck.arrays(), net);
        return new Predictor(ck, folder, net);
    }

    /** The checkpoint folder the weights came from (a run folder's best/ or last/ when given a run folder). */
    public Path folder() {
        return folder;
    }

    /** "checkpoint: DIR/best (epoch 3, validation accuracy 91.20%)". */
    public String source() {
        return "checkpoint: " + checkpoint.describe(folder);
    }

    public Shape inputShape() {
        return net.inputShape();
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** An image file fitted to the network input the way training data is (padding or resizing, channels). */
    public record Fitted(ImageData image, String adaptation) {
    }

    public Fitted fit(Path image) throws DataException {
        Shape s = net.inputShape();
        // read as stored (grey or colour) when the input takes 1 or 3 channels, so the caption names the conversion
        ImageData one = s.channels() == 1 || s.channels() == 3
                ? ImageFiles.readSampleAsStored(image, checkpoint.classes())
                : ImageFiles.readSample(image, (int) s.channels(), checkpoint.classes());
        Adaptation a = Adaptation.plan(one, (int) s.channels(), (int) s.height(), (int) s.width());
        return new Fitted(a.apply(one), a.describe(one.name()));
    }

    /** The top-k classes for an image file. */
    public List<Prediction> predict(Path image, int k) throws DataException {
        return predict(fit(image).image(), 0, k);
    }

    /** The network's input for sample i of a dataset already fitted to it, normalised as training normalised it. */
    public float[] input(ImageData data, int i) {
        float[] x = new float[(int) net.inputShape().elements()];
        float[] y = new float[net.classes()];
        new Batches(data, checkpoint.normalization(), Augmentation.NONE, 0).fill(new int[] {i}, x, y);
        return x;
    }

    /**
     * The logits (class scores before softmax) of {@code n} samples given as raw N x C x H x W values, row-major:
     * the values go to the network as they are, with no normalisation.
     */
    public float[][] logits(float[] nchw, int n) {
        return pass.logits(nchw, n);
    }

    /** The top-k classes for sample i of a dataset already fitted to the network input. */
    public List<Prediction> predict(ImageData data, int i, int k) {
        float[] x = input(data, i);
        INDArray in = Nd4j.create(x, new long[] {1, net.inputShape().channels(), net.inputShape().height(),
                net.inputShape().width()}, 'c');
        double[] p;
        synchronized (pass) { // the pass overwrites its outputs on the next call
            p = pass.run(in).get(CompiledNet.PROBABILITIES).toDoubleVector();
        }
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -p[j]));
        List<Prediction> out = new ArrayList<>();
        for (int j = 0; j < Math.min(k, p.length); j++) {
            int c = order[j];
            out.add(new Prediction(c, c < checkpoint.classes().size() ? checkpoint.classes().get(c) : "class " + c,
                    p[c]));
        }
        return out;
    }
}
