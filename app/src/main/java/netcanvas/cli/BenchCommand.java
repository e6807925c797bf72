package netcanvas.cli;

import java.util.concurrent.Callable;
import netcanvas.analysis.AnalysisBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Benchmarks that print figures; speed targets are checked here, never by timed tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures.", subcommands = {BenchCommand.Analysis.class, BenchCommand.Training.class,
            BenchCommand.Import.class, BenchCommand.Startup.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        throw new CommandFailure(ExitCodes.UNREADABLE, "name a benchmark: analysis, training, import or startup");
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

    /**
     * Trains LeNet-5 and a ResNet-18-style network on random data and prints images/s beside PyTorch CPU (run in the
     * same invocation, same batch and threads). Named by class so picocli never loads ND4J when it registers this.
     */
    @Command(name = "training", mixinStandardHelpOptions = true,
            description = "Training images/s of LeNet-5 and a ResNet-18-style net, beside PyTorch CPU (ratio).")
    static final class Training implements Callable<Integer> {
        @Option(names = "--width", defaultValue = "16", description = "ResNet base width (default ${DEFAULT-VALUE})")
        int width;

        @Option(names = "--iterations", defaultValue = "30", description = "timed iterations (default ${DEFAULT-VALUE})")
        int iterations;

        @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with PyTorch")
        String python;

        @Option(names = "--profile", description = "then print the ResNet step's time by operation")
        boolean profile;

        @Override
        public Integer call() throws Exception {
            Class.forName("netcanvas.train.TrainBenchmark").getMethod("main", String[].class).invoke(null,
                    (Object) new String[] {Integer.toString(width), Integer.toString(iterations), python,
                            profile ? "profile" : ""});
            return ExitCodes.OK;
        }
    }

    /** Times the summary of a large ONNX model in fresh JVMs and its peak memory (targets: < 3 s, < 2x the file). */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Time 'summary MODEL.onnx' in fresh JVMs with peak memory (default model: the resnet152"
                    + " preset with random weights, written first; targets: < 3 s and < 2x the file size).")
    static final class Import implements Callable<Integer> {
        @Option(names = "--model", paramLabel = "FILE", description = "an ONNX model to time instead")
        java.nio.file.Path model;

        @Mixin
        BenchRuns runs;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ImportBenchmark.run(model, runs.checked(), spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }

    /** Cold start: `summary resnet50` to exit and, with a display, the desktop app to its first laid-out window. */
    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = "Time cold start in fresh processes: 'summary resnet50' to exit, and the desktop app to its"
                    + " first laid-out window (needs a display; xvfb-run works).")
    static final class Startup implements Callable<Integer> {
        @Mixin
        BenchRuns runs;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            StartupBenchmark.run(runs.checked(), spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }
}
