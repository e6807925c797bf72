package netcanvas.training;

/**
 * Exponential moving average of a noisy series, with the start-up bias removed (divided by 1 - w^t, as Adam and
 * TensorBoard do), so the smoothed loss starts at the first loss instead of near zero.
 */
public final class Smoothing {
    private final double weight;
    private double average;
    private double weightPower = 1;

    /** @param weight how much of the past each step keeps, in [0, 1): 0 is no smoothing */
    public Smoothing(double weight) {
        if (weight < 0 || weight >= 1) {
            throw new IllegalArgumentException("smoothing weight must be in [0, 1), got " + weight);
        }
        this.weight = weight;
    }

    /** Takes the next value and returns the smoothed value so far; non-finite values are passed over. */
    public double next(double value) {
        if (!Double.isFinite(value)) {
            return weightPower == 1 ? Double.NaN : average / (1 - weightPower);
        }
        average = weight * average + (1 - weight) * value;
        weightPower *= weight;
        return average / (1 - weightPower);
    }
}
