package netcanvas.cli;

import picocli.CommandLine.Option;

/** Which images to use: a built-in set or a folder ({@code train} learns from it, {@code run} takes a test sample). */
public final class DataOption {
    @Option(names = "--data", paramLabel = "<fashion-mnist|synthetic|path>",
            description = "fashion-mnist, synthetic (generated, needs no files), or a folder with IDX files,"
                    + " CIFAR-10 binary batches or one sub-folder per class (train: default ${DEFAULT-VALUE}; run: take"
                    + " a test sample of it instead of an image)")
    String data;
}
