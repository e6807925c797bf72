package netcanvas.cli;

import java.util.concurrent.Callable;
import netcanvas.analysis.AnalysisBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Benchmarks that print figures; speed targets are checked here, never by timed tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.Analysis.class, BenchCommand.Training.class, BenchCommand.Inference.class,
            BenchCommand.Import.class, BenchCommand.Startup.class, BenchCommand.Memory.class, BenchCommand.Time.class,
            BenchCommand.Fidelity.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        throw new CommandFailure(ExitCodes.UNREADABLE, "name a benchmark: analysis, training, inference, import,"
                + " startup, memory, time or fidelity");
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
     * Trains LeNet-5, a ResNet-18-style, a ResNeXt-style, a MobileNetV2-style and a SqueezeNet-style network on random
     * data and prints images/s beside PyTorch CPU (run in the same invocation, same batch and threads). Named by class
     * so picocli never loads ND4J when it registers this.
     */
    @Command(name = "training", mixinStandardHelpOptions = true,
            description = "Training images/s of LeNet-5 and ResNet-18-, ResNeXt-, MobileNetV2- and SqueezeNet-style"
                    + " nets, beside PyTorch CPU (ratio); says which ND4J natives loaded.")
    static final class Training implements Callable<Integer> {
        @Option(names = "--width", defaultValue = "16", description = "ResNet base width (default ${DEFAULT-VALUE})")
        int width;

        @Option(names = "--iterations", defaultValue = "30", description = "timed iterations (default ${DEFAULT-VALUE})")
        int iterations;

        @Option(names = "--profile", description = "then print each row's step time by operation")
        boolean profile;

        @Mixin
        PeerRounds peer;

        @Option(names = "--networks", split = ",", paramLabel = "NAME", description = "only these rows: lenet5,"
                + " resnet18, resnext, mobilenet_v2, squeezenet (default: all)")
        java.util.List<String> networks;

        @Override
        public Integer call() throws Exception {
            peer.check(iterations);
            String only = checkNetworks(networks, TRAINING_ROWS);
            Class.forName("netcanvas.train.TrainBenchmark").getMethod("main", String[].class).invoke(null,
                    (Object) new String[] {Integer.toString(width), Integer.toString(iterations), peer.python,
                            profile ? "profile" : "-", Integer.toString(peer.rounds), Double.toString(peer.warmup),
                            only});
            return ExitCodes.OK;
        }
    }

    /**
     * Forward passes of resnet50 and mobilenet_v2 (3x224x224) and lenet5 at batch 1 and 32, beside PyTorch in eval
     * mode under no_grad (same invocation, same threads). Named by class so picocli never loads ND4J here.
     */
    @Command(name = "inference", mixinStandardHelpOptions = true,
            description = "Inference latency (batch 1) and throughput (batch 32) of resnet50, mobilenet_v2 and lenet5,"
                    + " beside PyTorch CPU in eval mode (ratio); says which ND4J natives loaded.")
    static final class Inference implements Callable<Integer> {
        @Option(names = "--iterations", defaultValue = "20", description = "timed forward passes per round at batch"
                + " 1, a quarter of them at batch 32 (default ${DEFAULT-VALUE})")
        int iterations;

        @Mixin
        PeerRounds peer;

        @Option(names = "--networks", split = ",", paramLabel = "NAME", description = "only these presets:"
                + " resnet50, mobilenet_v2, lenet5 (default: all)")
        java.util.List<String> networks;

        @Option(names = "--profile", description = "then print each row's forward pass time by operation")
        boolean profile;

        @Override
        public Integer call() throws Exception {
            peer.check(iterations);
            String only = checkNetworks(networks, INFERENCE_ROWS);
            Class.forName("netcanvas.train.InferenceBenchmark").getMethod("main", String[].class).invoke(null,
                    (Object) new String[] {Integer.toString(iterations), peer.python,
                            Integer.toString(peer.rounds), Double.toString(peer.warmup), only,
                            profile ? "profile" : "-"});
            return ExitCodes.OK;
        }
    }

    /** The rows of TrainBenchmark and InferenceBenchmark, named here so that option checks load no ND4J class. */
    static final java.util.List<String> TRAINING_ROWS = java.util.List.of("lenet5", "resnet18", "resnext",
            "mobilenet_v2", "squeezenet");
    static final java.util.List<String> INFERENCE_ROWS = java.util.List.of("resnet50", "mobilenet_v2", "lenet5");

    /** "all", or the names given, each checked against the known rows. */
    private static String checkNetworks(java.util.List<String> given, java.util.List<String> known) {
        if (given == null || given.isEmpty()) {
            return "all";
        }
        for (String n : given) {
            if (!known.contains(n)) {
                throw new CommandFailure(ExitCodes.UNREADABLE, "--networks: unknown network '" + n + "'; choose from "
                        + String.join(", ", known));
            }
        }
        return String.join(",", given);
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

    /**
     * The training-memory estimate against the resident memory of real training steps (fresh JVMs) for LeNet-5,
     * ResNet-20 and a VGG-style network at each batch size. Named by class so picocli never loads ND4J here.
     */
    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Training-memory estimate vs the measured native memory of a few training steps (lenet5,"
                    + " resnet20, a VGG-style net; target: within 25 %%).")
    static final class Memory implements Callable<Integer> {
        @Option(names = "--batches", defaultValue = "32,128", split = ",",
                description = "batch sizes (default ${DEFAULT-VALUE})")
        java.util.List<Integer> batches;

        @Option(names = "--optimizer", defaultValue = "adam", converter = SummaryCommand.OptimizerConverter.class,
                description = "sgd, momentum, nesterov, adam or adamw (default ${DEFAULT-VALUE})")
        netcanvas.analysis.Optimizer optimizer;

        @Option(names = "--steps", defaultValue = "3",
                description = "training steps per run (default ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--runs", defaultValue = "1",
                description = "fresh JVMs per network and batch, the median measured (default ${DEFAULT-VALUE})")
        int runs;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (steps < 1 || runs < 1 || batches.stream().anyMatch(b -> b < 1)) {
                throw new CommandFailure(ExitCodes.UNREADABLE,
                        "--steps, --runs and every --batches size must be at least 1");
            }
            Class.forName("netcanvas.train.MemoryBenchmark").getMethod("run", java.util.List.class,
                    netcanvas.analysis.Optimizer.class, int.class, int.class, java.io.PrintWriter.class)
                    .invoke(null, batches, optimizer, steps, runs, spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }

    /** The training-time estimate against measured steps of four networks, after a fresh calibration. */
    @Command(name = "time", mixinStandardHelpOptions = true,
            description = "Training-step time estimate vs measured steps (lenet5, resnet20, a VGG-style net, a"
                    + " ResNet-18 of width 16; target: within 30 %%; run on a quiet machine).")
    static final class Time implements Callable<Integer> {
        @Option(names = "--batch", defaultValue = "64", description = "batch size (default ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--steps", defaultValue = "10", description = "timed steps (default ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--calibration-seconds", defaultValue = "1.5",
                description = "length of each calibration measurement (default ${DEFAULT-VALUE})")
        double calibration;

        @Option(names = "--layers", split = ",", paramLabel = "NETWORK",
                description = "instead, these networks layer by layer: each layer's estimate beside the measured"
                        + " time of its operations (lenet5, resnet20, vgg-cifar, resnet18-cifar or a preset)")
        java.util.List<String> layers;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (batch < 1 || steps < 1 || !(calibration > 0)) {
                throw new CommandFailure(ExitCodes.UNREADABLE, "--batch, --steps and --calibration-seconds must be"
                        + " positive");
            }
            if (layers != null && !layers.isEmpty()) {
                Class.forName("netcanvas.train.TimeBenchmark").getMethod("layers", java.util.List.class, int.class,
                        int.class, double.class, java.io.PrintWriter.class).invoke(null, layers, batch, steps,
                        calibration, spec.commandLine().getOut());
                return ExitCodes.OK;
            }
            Class.forName("netcanvas.train.TimeBenchmark").getMethod("run", int.class, int.class, double.class,
                    java.io.PrintWriter.class).invoke(null, batch, steps, calibration, spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }

    /**
     * Test accuracy of one network trained by NetCanvas and by its PyTorch export with the same recipe and initial
     * weights, the two runs at once. Named by class so picocli never loads ND4J here.
     */
    @Command(name = "fidelity", mixinStandardHelpOptions = true,
            description = "Train a network with NetCanvas and, at the same time, its PyTorch export with the same"
                    + " recipe and initial weights; print both test accuracies and their difference (target within 1"
                    + " point).")
    static final class Fidelity implements Callable<Integer> {
        @Option(names = "--network", defaultValue = "mobilenet_v2-fmnist", paramLabel = NetworkArguments.LABEL,
                description = "a network file or preset (default ${DEFAULT-VALUE})")
        String network;

        @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "<fashion-mnist|path>",
                description = "fashion-mnist or a folder of IDX or CIFAR-10 files (default ${DEFAULT-VALUE})")
        String data;

        @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, momentum (0.9) or adam (default"
                + " ${DEFAULT-VALUE})")
        String optimizer;

        @Option(names = "--lr", defaultValue = "0.001", description = "learning rate (default ${DEFAULT-VALUE})")
        double lr;

        @Option(names = "--schedule", defaultValue = "cosine", description = "constant, cosine or step (x0.1 after"
                + " each third of the epochs) (default ${DEFAULT-VALUE})")
        String schedule;

        @Option(names = "--batch", defaultValue = "64", description = "batch size (default ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--epochs", defaultValue = "3", description = "epochs (default ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--validation", defaultValue = "0.1", description = "share of the training images held out,"
                + " as train's --validation (default ${DEFAULT-VALUE})")
        double validation;

        @Option(names = "--seed", defaultValue = "42", description = "initial weights, split and order (default"
                + " ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--limit", defaultValue = "0", description = "only the first N images of the training and of"
                + " the test set, for a quick check (default: all)")
        int limit;

        @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with PyTorch")
        String python;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (epochs < 1 || batch < 1 || !(lr > 0) || !(validation >= 0 && validation < 1) || limit < 0) {
                throw new CommandFailure(ExitCodes.UNREADABLE, "--epochs and --batch must be at least 1, --lr above"
                        + " 0, --validation at least 0 and below 1, --limit 0 or more");
            }
            NetworkArguments.Opened opened = NetworkArguments.open(network, null);
            NetworkArguments.analyzeValid(opened.network(), network, opened.problems());
            return (Integer) Class.forName("netcanvas.train.FidelityBenchmark").getMethod("command",
                    netcanvas.graph.Network.class, String.class, String.class, double.class, String.class, int.class,
                    int.class, double.class, long.class, int.class, String.class, java.io.PrintWriter.class,
                    java.io.PrintWriter.class).invoke(null, opened.network(), data, optimizer, lr, schedule, batch,
                    epochs, validation, seed, limit, python, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
