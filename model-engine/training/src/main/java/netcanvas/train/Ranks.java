package netcanvas.train;

/**
 * Whether a sample's label is among the top k of its scores (logits or probabilities). A tie counts against the
 * label: a network whose scores are all equal has picked nothing, so it is wrong on every sample, not right on all.
 */
final class Ranks {
    private Ranks() {
    }

    /**
     * The number of other classes that score at least as high as the label, or Integer.MAX_VALUE when any score is
     * NaN (a diverged network is wrong everywhere, at any k).
     */
    static int rivals(double[] scores, int label) {
        double own = scores[label];
        int rivals = 0;
        for (int c = 0; c < scores.length; c++) {
            if (Double.isNaN(scores[c])) {
                return Integer.MAX_VALUE;
            }
            if (c != label && scores[c] >= own) {
                rivals++;
            }
        }
        return rivals;
    }

    /** Correct at top-1: the label's score is strictly the largest. */
    static boolean top1(double[] scores, int label) {
        return rivals(scores, label) == 0;
    }

    /** Correct at top-k: fewer than k other classes score at least as high as the label. */
    static boolean topK(double[] scores, int label, int k) {
        return rivals(scores, label) < k;
    }
}
