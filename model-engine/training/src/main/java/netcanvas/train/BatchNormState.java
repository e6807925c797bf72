package netcanvas.train;

/**
 * The names one batch-norm layer uses in a compiled graph. In the training graph the layer publishes its batch mean
 * and (biased) variance under {@code batchMean}/{@code batchVar}; the trainer folds them into the running statistics,
 * which the inference graph holds as constants named {@code runningMean}/{@code runningVar}.
 *
 * @param valuesPerChannel elements averaged per channel for one sample (H*W, or 1 on a feature vector): with the
 *                         batch size it gives n for PyTorch's unbiased running variance, var * n / (n - 1)
 */
public record BatchNormState(String layer, long channels, long valuesPerChannel, double momentum) {
    public String runningMean() {
        return layer + "/running_mean";
    }

    public String runningVar() {
        return layer + "/running_var";
    }

    public String batchMean() {
        return layer + "/batch_mean";
    }

    public String batchVar() {
        return layer + "/batch_var";
    }
}
