package netcanvas.cli;

import picocli.CommandLine.Option;

/**
 * How a benchmark against PyTorch alternates with its peer (picocli mixin of bench training and bench inference):
 * the Python that runs PyTorch, the alternating rounds per row and the warm-up before each timing.
 */
public final class PeerRounds {
    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with PyTorch")
    String python;

    @Option(names = "--rounds", defaultValue = "5", description = "alternating rounds per row (default"
            + " ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup", defaultValue = "4", description = "seconds of warm-up before each timing, both"
            + " sides (default ${DEFAULT-VALUE})")
    double warmup;

    /** Refuses, naming the option, rounds outside 1 to 100, warm-up outside 0 to 600 s or fewer than 1 iteration. */
    void check(int iterations) {
        if (rounds < 1 || rounds > 100) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "--rounds must be between 1 and 100, got " + rounds);
        }
        if (!(warmup >= 0 && warmup <= 600)) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "--warmup must be between 0 and 600 seconds, got "
                    + warmup);
        }
        if (iterations < 1) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "--iterations must be at least 1, got " + iterations);
        }
    }
}
