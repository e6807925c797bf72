package netcanvas.cli;

import picocli.CommandLine.Option;

/** How many fresh-process runs a benchmark times: 1 to 100, 3 unless given (picocli mixin). */
public final class BenchRuns {
    @Option(names = "--runs", defaultValue = "3", description = "runs (default ${DEFAULT-VALUE})")
    int runs;

    /** The runs, or a usage failure naming the option when outside 1 to 100. */
    int checked() {
        if (runs < 1 || runs > 100) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "--runs must be between 1 and 100, got " + runs);
        }
        return runs;
    }
}
