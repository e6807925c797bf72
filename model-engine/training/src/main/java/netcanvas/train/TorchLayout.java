package netcanvas.train;

import java.util.LinkedHashMap;
import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.LayerResult;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Network;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Converts between a compiled graph's arrays (SameDiff names and ND4J layouts: a convolution's {@code id/W} is
 * [kH, kW, in/groups, out], a dense layer's [in, out]) and a {@link WeightSet} (PyTorch's names and layouts), so that
 * checkpoints feed the ONNX and PyTorch exporters and imported weights feed training and inference.
 */
public final class TorchLayout {
    private TorchLayout() {
    }

    /** A network's initial weights, as a fresh training run with this seed starts from. */
    public static WeightSet initial(Network network, long seed) throws TrainingException {
        CompiledNet net = SameDiffCompiler.compile(network, Mode.INFER, seed);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (var v : net.sd().variables()) {
            if (v.getArr() != null) {
                arrays.put(v.name(), v.getArr());
            }
        }
        return toWeightSet(network, arrays);
    }

    /** PyTorch-layout weights from SameDiff-named arrays (a checkpoint's, or a compiled graph's). */
    public static WeightSet toWeightSet(Network network, Map<String, INDArray> arrays) throws TrainingException {
        Analysis a = Analyzer.analyze(network);
        Map<String, long[]> shapes = WeightShapes.of(a);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (LayerResult r : a.layers()) {
            String id = r.id();
            if (r.spec() instanceof Conv2d c) {
                // [kH, kW, I, O] -> [O, I, kH, kW]
                put(out, shapes, WeightSet.weight(id), need(arrays, id + "/W").permute(3, 2, 0, 1));
                if (c.bias()) {
                    put(out, shapes, WeightSet.bias(id), need(arrays, id + "/b"));
                }
            } else if (r.spec() instanceof Dense d) {
                put(out, shapes, WeightSet.weight(id), need(arrays, id + "/W").transpose());
                if (d.bias()) {
                    put(out, shapes, WeightSet.bias(id), need(arrays, id + "/b"));
                }
            } else if (r.spec() instanceof BatchNorm) {
                put(out, shapes, WeightSet.weight(id), need(arrays, id + "/gamma"));
                put(out, shapes, WeightSet.bias(id), need(arrays, id + "/beta"));
                put(out, shapes, WeightSet.runningMean(id), need(arrays, id + "/running_mean"));
                put(out, shapes, WeightSet.runningVar(id), need(arrays, id + "/running_var"));
            }
        }
        return new WeightSet(out);
    }

    /**
     * SameDiff-named arrays from PyTorch-layout weights, ready for {@link Checkpoint#apply}.
     *
     * @throws TrainingException when the weights do not fit the network (names the tensor)
     */
    public static Map<String, INDArray> toArrays(Network network, WeightSet weights) throws TrainingException {
        Analysis a = Analyzer.analyze(network);
        String mismatch = WeightShapes.mismatch(a, weights);
        if (mismatch != null) {
            throw new TrainingException(mismatch);
        }
        Map<String, long[]> shapes = WeightShapes.of(a);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (LayerResult r : a.layers()) {
            String id = r.id();
            if (r.spec() instanceof Conv2d c) {
                out.put(id + "/W", array(weights, shapes, WeightSet.weight(id)).permute(2, 3, 1, 0).dup('c'));
                if (c.bias()) {
                    out.put(id + "/b", array(weights, shapes, WeightSet.bias(id)));
                }
            } else if (r.spec() instanceof Dense d) {
                out.put(id + "/W", array(weights, shapes, WeightSet.weight(id)).transpose().dup('c'));
                if (d.bias()) {
                    out.put(id + "/b", array(weights, shapes, WeightSet.bias(id)));
                }
            } else if (r.spec() instanceof BatchNorm) {
                out.put(id + "/gamma", array(weights, shapes, WeightSet.weight(id)));
                out.put(id + "/beta", array(weights, shapes, WeightSet.bias(id)));
                out.put(id + "/running_mean", array(weights, shapes, WeightSet.runningMean(id)));
                out.put(id + "/running_var", array(weights, shapes, WeightSet.runningVar(id)));
            }
        }
        return out;
    }

    private static INDArray array(WeightSet w, Map<String, long[]> shapes, String name) {
        return Nd4j.create(w.get(name).floats(), shapes.get(name), 'c');
    }

    private static INDArray need(Map<String, INDArray> arrays, String name) throws TrainingException {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new TrainingException("the saved weights have no '" + name + "': they were saved from a"
                    + " different network");
        }
        return a;
    }

    /** The array's values in PyTorch's shape for this name (biases and batch-norm vectors are 1-D there). */
    private static void put(Map<String, Tensor> out, Map<String, long[]> shapes, String name, INDArray a)
            throws TrainingException {
        long[] shape = shapes.get(name);
        if (a.length() != Tensor.elements(shape)) {
            throw new TrainingException("the saved '" + name + "' has " + a.length() + " values but the network needs "
                    + Tensor.elements(shape) + ": it was saved from a different network");
        }
        INDArray c = a.castTo(DataType.FLOAT).dup('c');
        out.put(name, Tensor.of(shape, c.reshape(c.length()).toFloatVector()));
    }
}
