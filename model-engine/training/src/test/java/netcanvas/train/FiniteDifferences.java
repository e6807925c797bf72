package netcanvas.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Compares SameDiff's backpropagated gradients with central finite differences of the loss. */
final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** Returns a description of every mismatch (empty when all sampled elements agree). */
    static List<String> check(SameDiff sd, Map<String, INDArray> feed, String loss, int perVariable) {
        List<String> names = new ArrayList<>(sd.variableMap().keySet().stream()
                .filter(n -> sd.getVariable(n).getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE)
                .toList());
        Map<String, INDArray> grads = sd.calculateGradients(feed, names);
        List<String> bad = new ArrayList<>();
        Random rnd = new Random(11);
        double eps = 1e-6;
        for (String n : names) {
            INDArray w = sd.getArrForVarName(n);
            INDArray g = grads.get(n);
            long len = w.length();
            for (int k = 0; k < Math.min(perVariable, len); k++) {
                long i = len <= perVariable ? k : (long) (rnd.nextDouble() * len);
                double orig = w.getDouble(i);
                w.putScalar(i, orig + eps);
                double plus = sd.outputSingle(feed, loss).getDouble(0);
                w.putScalar(i, orig - eps);
                double minus = sd.outputSingle(feed, loss).getDouble(0);
                w.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * eps);
                double analytic = g.getDouble(i);
                double abs = Math.abs(numeric - analytic);
                double rel = abs / Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-12);
                if (abs > 1e-7 && rel > 1e-4) {
                    bad.add(n + "[" + i + "]: backprop " + analytic + ", finite difference " + numeric);
                }
            }
        }
        return bad;
    }
}
