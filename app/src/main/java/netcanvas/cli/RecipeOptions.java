package netcanvas.cli;

import picocli.CommandLine.Option;

/**
 * How to train: optimizer, learning rate, schedule, batch size and epochs, taken by {@code train} (which trains) and
 * {@code export} (which writes them into the script as its defaults). Each command gives its own defaults through a
 * {@link CommandDefaults}; a command without one must not mix this in.
 */
public final class RecipeOptions {
    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "sgd, momentum, nesterov (train only), adam or adamw (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--schedule", paramLabel = "NAME",
            description = "learning-rate schedule: constant, step (step decay; train: step[:EPOCHS:GAMMA], x GAMMA"
                    + " every EPOCHS epochs, 10 and 0.1 if not given; export: x0.1 after each third of the epochs),"
                    + " cosine, or (train only) plateau[:GAMMA:PATIENCE] (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--batch", paramLabel = "N", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training images (default: "
            + "${DEFAULT-VALUE})")
    int epochs;
}
