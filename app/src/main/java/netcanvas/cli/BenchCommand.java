package netcanvas.cli;

import java.util.concurrent.Callable;
import netcanvas.analysis.AnalysisBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks that print figures; speed targets are checked here, never by timed tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures.", subcommands = {BenchCommand.Analysis.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        throw new CommandFailure(ExitCodes.UNREADABLE, "name a benchmark: analysis");
    }

    /** Times the analysis of expanded ResNet-152 (target: median under 16 ms, so the canvas re-analyses per edit). */
    @Command(name = "analysis", mixinStandardHelpOptions = true,
            description = "Time Analyzer.analyze on expanded ResNet-152 (target: median < 16 ms).")
    static final class Analysis implements Callable<Integer> {
        @Option(names = "--warmup", defaultValue = "200", description = "untimed runs first (default ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--runs", defaultValue = "500", description = "timed runs (default ${DEFAULT-VALUE})")
        int runs;

        @Override
        public Integer call() {
            if (warmup < 0 || runs < 1) {
                throw new CommandFailure(ExitCodes.UNREADABLE, "--warmup must be >= 0 and --runs >= 1");
            }
            AnalysisBenchmark.main(new String[] {Integer.toString(warmup), Integer.toString(runs)});
            return ExitCodes.OK;
        }
    }
}
