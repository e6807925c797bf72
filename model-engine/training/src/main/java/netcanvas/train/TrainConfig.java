package netcanvas.train;

import java.nio.file.Path;
import netcanvas.analysis.Optimizer;
import netcanvas.data.Augmentation;

/**
 * Hyperparameters of a training run.
 *
 * @param optimizer          the update rule
 * @param momentum           for momentum and nesterov
 * @param weightDecay        L2 penalty added to the gradient (PyTorch's weight_decay); decoupled for adamw
 * @param validationFraction share of the training images held out for validation (0 for none)
 * @param normalize          standardise each channel with the training images' mean and deviation
 * @param checkpointDir      where to save each epoch and the best epoch, or null
 * @param resumeFrom         a checkpoint folder to continue from, or null
 */
public record TrainConfig(int epochs, int batch, Optimizer optimizer, double lr, double momentum, double weightDecay,
        Schedule schedule, double validationFraction, boolean normalize, Augmentation augmentation, long seed,
        Path checkpointDir, Path resumeFrom) {

    public TrainConfig {
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be at least 0 and less than 1, got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be 0 or a positive number, got " + weightDecay);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be at least 0 and less than 1, got "
                    + validationFraction);
        }
        java.util.Objects.requireNonNull(schedule, "schedule");
        java.util.Objects.requireNonNull(augmentation, "augmentation");
    }

    /** Adam at 1e-3, batch 64, 10% validation, normalised, no augmentation, constant rate. */
    public static TrainConfig defaults() {
        return new TrainConfig(5, 64, Optimizer.ADAM, 1e-3, 0.9, 0, Schedule.CONSTANT, 0.1, true, Augmentation.NONE, 42,
                null, null);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(e, batch, optimizer, lr, momentum, weightDecay, schedule, validationFraction,
                normalize, augmentation, seed, checkpointDir, resumeFrom);
    }

    public TrainConfig withBatch(int b) {
        return new TrainConfig(epochs, b, optimizer, lr, momentum, weightDecay, schedule, validationFraction,
                normalize, augmentation, seed, checkpointDir, resumeFrom);
    }

    /** With the optimizer of this spelling ("sgd", "adam", ...; see {@link Optimizer#parse}) and learning rate. */
    public TrainConfig withOptimizer(String o, double rate) {
        return withOptimizer(Optimizer.parse(o), rate);
    }

    public TrainConfig withOptimizer(Optimizer o, double rate) {
        return new TrainConfig(epochs, batch, o, rate, momentum, weightDecay, schedule, validationFraction,
                normalize, augmentation, seed, checkpointDir, resumeFrom);
    }

    public TrainConfig withRegularization(double mom, double wd, Schedule s) {
        return new TrainConfig(epochs, batch, optimizer, lr, mom, wd, s, validationFraction, normalize, augmentation,
                seed, checkpointDir, resumeFrom);
    }

    public TrainConfig withData(double validation, boolean norm, Augmentation aug) {
        return new TrainConfig(epochs, batch, optimizer, lr, momentum, weightDecay, schedule, validation, norm, aug,
                seed, checkpointDir, resumeFrom);
    }

    public TrainConfig withCheckpoints(Path dir, Path resume) {
        return new TrainConfig(epochs, batch, optimizer, lr, momentum, weightDecay, schedule, validationFraction,
                normalize, augmentation, seed, dir, resume);
    }
}
