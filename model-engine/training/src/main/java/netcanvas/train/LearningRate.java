package netcanvas.train;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * The live learning rate the updaters read each iteration. The trainer moves it on (epoch ends, validation results);
 * ND4J calls {@link #valueAt} from its own thread, so the state is volatile.
 */
final class LearningRate implements ISchedule {
    private final double base;
    private final Schedule schedule;
    private final long totalIterations;
    private volatile long iteration;
    private volatile double factor = 1;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int badEpochs;

    LearningRate(double base, Schedule schedule, long totalIterations) {
        this.base = base;
        this.schedule = schedule;
        this.totalIterations = Math.max(1, totalIterations);
    }

    double current() {
        if (schedule.kind() == Schedule.Kind.COSINE) {
            double t = Math.min(1, (double) iteration / totalIterations);
            return base * 0.5 * (1 + Math.cos(Math.PI * t));
        }
        return base * factor;
    }

    void iterationDone() {
        iteration++;
    }

    void skipTo(long iterationCount, int epochsDone) {
        iteration = iterationCount;
        if (schedule.kind() == Schedule.Kind.STEP_DECAY) {
            factor = Math.pow(schedule.gamma(), epochsDone / schedule.every());
        }
    }

    /** After epoch (1-based) with this validation loss. Returns a message when the rate changed, else null. */
    String epochDone(int epoch, double validationLoss) {
        double before = current();
        switch (schedule.kind()) {
            case STEP_DECAY -> {
                if (epoch % schedule.every() == 0) {
                    factor *= schedule.gamma();
                }
            }
            case PLATEAU -> {
                if (validationLoss < bestLoss * (1 - 1e-4)) {
                    bestLoss = validationLoss;
                    badEpochs = 0;
                } else if (++badEpochs > schedule.patience()) {
                    factor *= schedule.gamma();
                    badEpochs = 0;
                }
            }
            default -> {
            }
        }
        double after = current();
        return schedule.kind() != Schedule.Kind.COSINE && after != before
                ? String.format(java.util.Locale.ROOT, "learning rate %.3g -> %.3g", before, after) : null;
    }

    @Override
    public double valueAt(int iter, int epoch) {
        return current();
    }

    @Override
    public ISchedule clone() {
        return this;
    }
}
