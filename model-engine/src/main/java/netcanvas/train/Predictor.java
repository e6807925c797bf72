package netcanvas.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
    private final CompiledNet net;

    private Predictor(Checkpoint checkpoint, CompiledNet net) {
        this.checkpoint = checkpoint;
        this.net = net;
    }

    public static Predictor load(Path checkpointDir) throws TrainingException {
        Checkpoint ck = Checkpoint.load(checkpointDir);
        CompiledNet net = SameDiffCompiler.compile(ck.network(), Mode.INFER, 0);
        Checkpoint.apply(ck.arrays(), net);
        return new Predictor(ck, net);
    }

    public Shape inputShape() {
        return net.inputShape();
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** The top-k classes for an image file, read at the network's input size and channel count. */
    public List<Prediction> predict(Path image, int k) throws DataException {
        Shape s = net.inputShape();
        byte[] px = ImageFiles.read(image, (int) s.channels(), (int) s.height(), (int) s.width());
        ImageData one = new ImageData(image.toString(), (int) s.channels(), (int) s.height(), (int) s.width(), px,
                new int[] {0}, checkpoint.classes());
        return predict(one, 0, k);
    }

    /** The top-k classes for sample i of a dataset already fitted to the network input. */
    public List<Prediction> predict(ImageData data, int i, int k) {
        float[] x = new float[(int) net.inputShape().elements()];
        float[] y = new float[net.classes()];
        new Batches(data, checkpoint.normalization(), Augmentation.NONE, 0).fill(new int[] {i}, x, y);
        INDArray in = Nd4j.create(x, new long[] {1, net.inputShape().channels(), net.inputShape().height(),
                net.inputShape().width()}, 'c');
        double[] p = net.sd().output(Map.of(CompiledNet.INPUT, in), CompiledNet.PROBABILITIES)
                .get(CompiledNet.PROBABILITIES).toDoubleVector();
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
