package netcanvas.train;

import netcanvas.data.Batches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean cross-entropy, accuracy and top-5 accuracy of an inference graph on a set of images. Ties count against the
 * label ({@link Ranks}). Also each image's first-ranked class and its probability, for the {@link TestReport}.
 */
record Evaluation(double loss, double accuracy, double top5, int[] predicted, double[] confidence) {

    /** Through a {@link ForwardPass} built for this evaluation, so it reads the graph's current weights. */
    static Evaluation of(CompiledNet net, Batches data, int batch) {
        try (ForwardPass pass = new ForwardPass(net, java.util.List.of(CompiledNet.PROBABILITIES))) {
            return of(net, pass, data, batch);
        }
    }

    private static Evaluation of(CompiledNet net, ForwardPass pass, Batches data, int batch) {
        int n = data.data().size();
        int sample = net.inputShape().dims().length == 3 ? (int) net.inputShape().elements() : 0;
        int classes = net.classes();
        double lossSum = 0;
        long correct = 0;
        long correct5 = 0;
        int[] predicted = new int[n];
        double[] confidence = new double[n];
        for (int start = 0; start < n; start += batch) {
            int m = Math.min(batch, n - start);
            int[] idx = new int[m];
            for (int k = 0; k < m; k++) {
                idx[k] = start + k;
            }
            float[] x = new float[m * sample];
            float[] y = new float[m * classes];
            data.fill(idx, x, y);
            INDArray in = Nd4j.create(x, new long[] {m, net.inputShape().channels(), net.inputShape().height(),
                    net.inputShape().width()}, 'c');
            INDArray p = pass.run(in).get(CompiledNet.PROBABILITIES).castTo(DataType.DOUBLE);
            double[][] probs = p.toDoubleMatrix();
            for (int k = 0; k < m; k++) {
                int label = data.data().labels()[idx[k]];
                double pl = probs[k][label];
                lossSum += -Math.log(Math.max(pl, 1e-12));
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (probs[k][c] > probs[k][best]) {
                        best = c;
                    }
                }
                predicted[idx[k]] = best;
                confidence[idx[k]] = probs[k][best];
                if (Ranks.top1(probs[k], label)) {
                    correct++;
                }
                if (Ranks.topK(probs[k], label, 5)) {
                    correct5++;
                }
            }
        }
        return new Evaluation(lossSum / n, (double) correct / n, classes > 5 ? (double) correct5 / n : Double.NaN,
                predicted, confidence);
    }
}
