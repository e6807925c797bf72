package netcanvas.train;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training step through SameDiff's own execution ({@code calculateGradientsAndOutputs}) of the gradient graph,
 * then the same {@link FlatOptimizer} as {@link TrainingStep}: the fallback engine ({@code train --engine samediff}).
 * SameDiff allocates and looks up its arrays on every step, so it is slower; it shares none of the executor's
 * ordering, array pool, views or kernels.
 */
final class SameDiffStep implements Step {
    private final SameDiff sd;
    private final FlatOptimizer optimizer;
    private final List<String> watched;
    private final String featureName;
    private final String labelName;
    private Map<String, INDArray> last = Map.of();

    /** As {@link TrainingStep#TrainingStep(CompiledNet, TrainingConfig, java.util.Collection, long, int)}. */
    SameDiffStep(CompiledNet net, TrainingConfig config, java.util.Collection<String> watched, long iteration,
            int epoch) {
        this.sd = net.sd();
        this.watched = List.copyOf(watched);
        sd.setTrainingConfig(config);
        Quietly.createGradients(sd);
        this.optimizer = new FlatOptimizer(sd, config, iteration, epoch);
        this.featureName = config.getDataSetFeatureMapping().get(0);
        this.labelName = config.getDataSetLabelMapping().get(0);
    }

    @Override
    public void run(INDArray features, INDArray labels) {
        OutAndGrad r = sd.calculateGradientsAndOutputs(Map.of(featureName, features, labelName, labels), watched,
                optimizer.gradientNames().keySet());
        for (var e : optimizer.slices().entrySet()) {
            INDArray g = r.getGradients().get(e.getKey());
            if (g == null) {
                throw new IllegalStateException("SameDiff computed no gradient for weight '" + e.getKey() + "'");
            }
            e.getValue().assign(g.reshape(e.getValue().shape()));
        }
        optimizer.step();
        last = r.getOutputs();
    }

    @Override
    public INDArray activation(String name) {
        INDArray a = last.get(name);
        if (a == null) {
            throw new IllegalArgumentException("'" + name + "' is not watched or no step has run");
        }
        return a;
    }

    @Override
    public void epochDone() {
        optimizer.epochDone();
    }

    @Override
    public Map<String, Map<String, INDArray>> optimizerState() {
        return optimizer.state();
    }

    @Override
    public void close() {
        // SameDiff's session owns the arrays it returned; nothing is held here.
    }
}
