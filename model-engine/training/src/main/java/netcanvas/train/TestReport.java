package netcanvas.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a finished run got right and wrong on the test set: the confusion matrix (rows the true class, columns the
 * predicted one), per-class precision and recall, and the misclassified images ordered by how sure the network was.
 * Pure: built from the labels, the predicted classes and the probability of each prediction.
 */
public final class TestReport {
    private final List<String> classes;
    private final int[] labels;
    private final int[] predicted;
    private final double[] confidence;
    private final long[][] counts;

    /** One test image the network got wrong: its index in the test set, true and predicted class, probability. */
    public record Miss(int index, int label, int predicted, double confidence) {
    }

    /**
     * @param labels     the true class of each test image
     * @param predicted  the class the network ranked first
     * @param confidence the probability the network gave its first-ranked class
     */
    public TestReport(List<String> classes, int[] labels, int[] predicted, double[] confidence) {
        if (labels.length != predicted.length || labels.length != confidence.length) {
            throw new IllegalArgumentException("labels, predictions and confidences differ in number: "
                    + labels.length + ", " + predicted.length + ", " + confidence.length);
        }
        this.classes = List.copyOf(classes);
        this.labels = labels.clone();
        this.predicted = predicted.clone();
        this.confidence = confidence.clone();
        int k = classes.size();
        counts = new long[k][k];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("image " + i + ": class " + labels[i] + " predicted as "
                        + predicted[i] + ", but there are " + k + " classes");
            }
            counts[labels[i]][predicted[i]]++;
        }
    }

    public List<String> classes() {
        return classes;
    }

    public int size() {
        return labels.length;
    }

    /** Images of true class t predicted as p. */
    public long count(int t, int p) {
        return counts[t][p];
    }

    /** The share of class t's images predicted as p (each row sums to 1; NaN for a class with no test images). */
    public double normalised(int t, int p) {
        long row = support(t);
        return row == 0 ? Double.NaN : (double) counts[t][p] / row;
    }

    /** Test images of class c. */
    public long support(int c) {
        return Arrays.stream(counts[c]).sum();
    }

    /** Test images predicted as class c. */
    public long predictedAs(int c) {
        long n = 0;
        for (long[] row : counts) {
            n += row[c];
        }
        return n;
    }

    /** Of the images predicted as c, the share that are c; NaN when nothing was predicted as c. */
    public double precision(int c) {
        long n = predictedAs(c);
        return n == 0 ? Double.NaN : (double) counts[c][c] / n;
    }

    /** Of the images of class c, the share predicted as c; NaN when the test set has none. */
    public double recall(int c) {
        long n = support(c);
        return n == 0 ? Double.NaN : (double) counts[c][c] / n;
    }

    public double accuracy() {
        long right = 0;
        for (int c = 0; c < classes.size(); c++) {
            right += counts[c][c];
        }
        return labels.length == 0 ? Double.NaN : (double) right / labels.length;
    }

    /** The test images of true class t predicted as p (a cell of the matrix), in test-set order. */
    public int[] samples(int t, int p) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == t && predicted[i] == p) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The misclassified images, most confident first (ties in test-set order), at most max of them. */
    public List<Miss> misclassified(int max) {
        List<Miss> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != predicted[i]) {
                out.add(new Miss(i, labels[i], predicted[i], confidence[i]));
            }
        }
        out.sort(Comparator.comparingDouble((Miss m) -> -m.confidence()).thenComparingInt(Miss::index));
        return out.subList(0, Math.min(max, out.size()));
    }

    // ---- CSV (RFC 4180: a class name with a comma or quote is quoted)

    /** confusion.csv: a header of predicted classes, then one row of counts per true class. */
    public String confusionCsv() {
        StringBuilder s = new StringBuilder("true \\ predicted");
        classes.forEach(c -> s.append(',').append(csv(c)));
        s.append('\n');
        for (int t = 0; t < classes.size(); t++) {
            s.append(csv(classes.get(t)));
            for (int p = 0; p < classes.size(); p++) {
                s.append(',').append(counts[t][p]);
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** per_class.csv: class, test images, predicted as it, correct, precision, recall (empty where undefined). */
    public String perClassCsv() {
        StringBuilder s = new StringBuilder("class,images,predicted,correct,precision,recall\n");
        for (int c = 0; c < classes.size(); c++) {
            s.append(csv(classes.get(c))).append(',').append(support(c)).append(',').append(predictedAs(c))
                    .append(',').append(counts[c][c]).append(',').append(number(precision(c))).append(',')
                    .append(number(recall(c))).append('\n');
        }
        return s.toString();
    }

    /** misclassified.csv: every misclassified test image, most confident first. */
    public String misclassifiedCsv() {
        StringBuilder s = new StringBuilder("index,true,predicted,confidence\n");
        for (Miss m : misclassified(Integer.MAX_VALUE)) {
            s.append(m.index()).append(',').append(csv(classes.get(m.label()))).append(',')
                    .append(csv(classes.get(m.predicted()))).append(',').append(number(m.confidence())).append('\n');
        }
        return s.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
