package netcanvas.train;

/** Receives a run's progress, on the training thread: implementations hand work to their own thread if needed. */
public interface TrainingListener {

    /** One optimisation step. */
    record Iteration(int epoch, long iteration, long totalIterations, double loss, double imagesPerSecond,
            double etaSeconds) {
    }

    /**
     * The end of an epoch. Validation values are NaN without a validation split; top-5 is NaN with 5 classes or fewer.
     */
    record Epoch(int epoch, int epochs, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
            double valTop5, double learningRate, double imagesPerSecond, double seconds, double etaSeconds) {

        /**
         * The one-line report the terminal and the training panel both print:
         * "epoch 2/5: train loss ... | validation loss ... top-5 ... | DURATION, N img/s, lr X".
         */
        public String describe(java.util.function.DoubleFunction<String> duration) {
            StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "epoch %d/%d: train loss %.4f accuracy %.2f%%", epoch, epochs, trainLoss, 100 * trainAccuracy));
            if (!Double.isNaN(valAccuracy)) {
                s.append(String.format(java.util.Locale.ROOT, " | validation loss %.4f accuracy %.2f%%", valLoss,
                        100 * valAccuracy));
                if (!Double.isNaN(valTop5)) {
                    s.append(String.format(java.util.Locale.ROOT, " top-5 %.2f%%", 100 * valTop5));
                }
            }
            return s.append(String.format(java.util.Locale.ROOT, " | %s, %,.0f img/s, lr %.3g",
                    duration.apply(seconds), imagesPerSecond, learningRate)).toString();
        }
    }

    /** How a run ended. Test values are NaN when the run stopped before evaluating. */
    record Result(Outcome outcome, String message, int epochsDone, double testLoss, double testAccuracy,
            double testTop5, double seconds) {
    }

    enum Outcome {
        COMPLETED, STOPPED, DIVERGED, REFUSED, FAILED
    }

    default void message(String text) {
    }

    default void iteration(Iteration e) {
    }

    default void epoch(Epoch e) {
    }

    default void finished(Result r) {
    }
}
