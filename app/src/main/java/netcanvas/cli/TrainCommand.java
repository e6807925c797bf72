package netcanvas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import netcanvas.analysis.Optimizer;
import netcanvas.analysis.TrainingShape;
import netcanvas.data.Augmentation;
import netcanvas.data.DataException;
import netcanvas.data.Datasets;
import netcanvas.graph.Network;
import netcanvas.io.AtomicFiles;
import netcanvas.report.Units;
import netcanvas.train.Engine;
import netcanvas.train.Schedule;
import netcanvas.train.TrainConfig;
import netcanvas.train.Trainer;
import netcanvas.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code train <file|preset> --data ... --epochs N ...}: trains on the CPU and prints progress and test accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true, defaultValueProvider = TrainCommand.Defaults.class,
        description = "Train a network (a .json file or a preset name) and print the test accuracy.")
public final class TrainCommand implements Callable<Integer> {

    /** Adam at 1e-3, constant rate, batch 64, 5 epochs, on synthetic data. */
    static final class Defaults extends CommandDefaults {
        Defaults() {
            super(java.util.Map.of("--optimizer", "adam", "--lr", "1e-3", "--schedule", "constant", "--batch", "64",
                    "--epochs", "5", "--data", "synthetic"));
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkSource source;

    @Mixin
    DataOption data;

    @Mixin
    RecipeOptions recipe;

    /** The recipe's optimizer, checked by {@link #validateOptions}. */
    private Optimizer parsedOptimizer;

    @Option(names = "--momentum", defaultValue = "0.9", description = "for momentum and nesterov (${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0", description = "default: ${DEFAULT-VALUE}")
    double weightDecay;

    @Option(names = "--validation", defaultValue = "0.1",
            description = "share of training images held out for validation (default: ${DEFAULT-VALUE})")
    double validation;

    @Option(names = "--no-normalize", description = "feed pixels as 0..1 instead of standardising each channel")
    boolean noNormalize;

    @Option(names = "--crop-padding", defaultValue = "0", description = "random-crop augmentation padding in pixels")
    int cropPadding;

    @Option(names = "--flip", description = "random horizontal flips")
    boolean flip;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--check-step", description = "before training, check the training step's plan (no operation writes"
            + " to its inputs or over a value still to be read) and compare its gradients on the first batch with"
            + " SameDiff's own execution; stop if either fails")
    boolean checkStep;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "save last/ every epoch and best/ in DIR")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "continue from a checkpoint folder; given a run folder (--checkpoint DIR), its last/")
    Path resume;

    @Option(names = "--metrics", paramLabel = "FILE", description = "write per-iteration and per-epoch metrics as CSV")
    Path metrics;

    @Option(names = "--report", paramLabel = "DIR", description = "after the run, write the test set's confusion"
            + " matrix, per-class precision and recall and misclassified images to DIR (CSV and PNG)")
    Path report;

    @Option(names = "--log-every", defaultValue = "100", description = "print a progress line every N iterations")
    int logEvery;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "netcanvas",
            description = "what computes the gradients: netcanvas (default: NetCanvas's executor) or samediff"
                    + " (SameDiff's own execution: slower; a fallback if the executor fails on a network)")
    String engine;

    /** {@link #engine}, checked by {@link #validateOptions}. */
    private Engine parsedEngine;

    /** Runs this command alone (the app's Main registers it as a subcommand). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new TrainCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Schedule parsedSchedule = validateOptions();
        try {
            // An ONNX model brings its weights: the run fine-tunes them instead of starting afresh.
            NetworkArguments.Opened opened = NetworkArguments.open(source.name(), null);
            Network net = opened.network();
            netcanvas.analysis.Analysis analysis = NetworkArguments.analyzeValid(net, source.name(), opened.problems());
            TrainingShape ends = TrainingShape.of(analysis);
            if (!ends.trainable()) {
                throw new CommandFailure(ExitCodes.INVALID_NETWORK,
                        "cannot train " + source.name() + ": " + ends.problem());
            }
            int[] chw = ends.inputChw();
            int classes = ends.classes();
            int maxPadding = Augmentation.maxCropPadding(chw[1], chw[2]);
            if (cropPadding > maxPadding) {
                throw bad("--crop-padding must be between 0 and " + maxPadding + " pixels (half the smaller side of "
                        + source.name() + "'s " + chw[1] + "x" + chw[2] + " input), got " + cropPadding);
            }
            TrainConfig cfg = new TrainConfig(recipe.epochs, recipe.batch, parsedOptimizer, recipe.lr, momentum,
                    weightDecay,
                    parsedSchedule, validation, !noNormalize, new Augmentation(cropPadding, flip), seed,
                    checkpoint, resume);
            try {
                // Before any data is read or adapted: a network the machine cannot train is refused at once.
                netcanvas.train.MemoryCheck.check(analysis, recipe.batch, parsedOptimizer);
            } catch (netcanvas.train.TrainingException e) {
                err.println("refused: " + e.getMessage());
                return ExitCodes.INVALID_NETWORK;
            }
            Datasets.Loaded loaded = Datasets.load(data.data, chw[0], chw[1], chw[2], classes);
            loaded.messages().forEach(out::println);
            Trainer trainer = new Trainer(net, loaded.split(), cfg, opened.weights()).withSelfCheck(checkStep)
                    .withEngine(parsedEngine);
            trainer.addListener(new Printer(out, logEvery));
            netcanvas.runs.RunCurves curves = new netcanvas.runs.RunCurves();
            trainer.addListener(curves);
            MetricsCsv csv = metrics == null ? null : new MetricsCsv(metrics);
            if (csv != null) {
                trainer.addListener(csv);
            }
            Thread hook = new Thread(trainer::stop);
            Runtime.getRuntime().addShutdownHook(hook);
            TrainingListener.Result r;
            try {
                r = trainer.run();
            } finally {
                if (csv != null) {
                    csv.close();
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting because of Ctrl-C: the hook has stopped the run
                }
            }
            record(curves, net.name(), netcanvas.runs.RunRecord.recipe(cfg), r, out, err);
            if (r.outcome() != TrainingListener.Outcome.COMPLETED) {
                err.println(r.outcome().name().toLowerCase(Locale.ROOT) + ": " + r.message());
                return 1;
            }
            out.printf(Locale.ROOT, "test accuracy: %.2f%%%s on %,d images (loss %.4f), %d epochs in %s%n",
                    100 * r.testAccuracy(), Double.isNaN(r.testTop5()) ? ""
                            : String.format(Locale.ROOT, " (top-5 %.2f%%)", 100 * r.testTop5()),
                    loaded.split().test().size(), r.testLoss(), r.epochsDone(), Units.duration(r.seconds()));
            if (report != null) {
                try {
                    TestReportFiles.write(report, trainer.testReport(), loaded.split().test());
                } catch (IOException e) {
                    err.println("cannot write the report to " + report + ": " + e.getMessage());
                    return 1;
                }
                out.println(TestReportFiles.describe(report));
            }
            out.flush();
            return 0;
        } catch (DataException e) {
            err.println(e.getMessage());
            return ExitCodes.UNREADABLE; // data that cannot be read, as a network file that cannot
        } catch (IllegalArgumentException e) {
            err.println("invalid option: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("cannot write " + metrics + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * Checks every option before anything is loaded or trained: a value out of range is a usage error (exit status
     * 2) whose message names the option and what it accepts.
     *
     * @return the parsed schedule
     */
    private Schedule validateOptions() {
        if (recipe.epochs < 1) {
            throw bad("--epochs must be at least 1, got " + recipe.epochs);
        }
        if (recipe.batch < 1) {
            throw bad("--batch must be at least 1, got " + recipe.batch);
        }
        try {
            parsedOptimizer = Optimizer.parse(recipe.optimizer);
        } catch (IllegalArgumentException e) {
            throw bad("--optimizer: " + e.getMessage());
        }
        try {
            parsedEngine = Engine.parse(engine);
        } catch (IllegalArgumentException e) {
            throw bad("--engine: " + e.getMessage());
        }
        if (!(recipe.lr > 0) || !Double.isFinite(recipe.lr)) {
            throw bad("--lr must be a positive number, got " + recipe.lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw bad("--momentum must be at least 0 and less than 1, got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw bad("--weight-decay must be 0 or a positive number, got " + weightDecay);
        }
        if (!(validation >= 0 && validation < 1)) {
            throw bad("--validation must be at least 0 and less than 1, got " + validation);
        }
        if (cropPadding < 0) {
            throw bad("--crop-padding must be 0 (none) or more pixels, at most half the input's smaller side, got "
                    + cropPadding);
        }
        if (logEvery < 1) {
            throw bad("--log-every must be at least 1, got " + logEvery);
        }
        if (checkpoint != null && Files.exists(checkpoint) && !Files.isDirectory(checkpoint)) {
            throw bad("--checkpoint " + checkpoint + " is a file, not a folder: give a folder for the run's last/ "
                    + "and best/ (it is created if missing)");
        }
        if (report != null && Files.exists(report) && !Files.isDirectory(report)) {
            throw bad("--report " + report + " is a file, not a folder: give a folder for the report's CSV and PNG"
                    + " files (it is created if missing)");
        }
        if (metrics != null) {
            OutputPaths.check(spec, "--metrics", metrics, source.name());
        }
        if (checkpoint != null) {
            Path design = OutputPaths.designFile(source.name());
            for (String sub : new String[] {"last", "best"}) {
                for (String file : new String[] {"network.json", "weights.bin", "checkpoint.properties"}) {
                    Path written = checkpoint.resolve(sub).resolve(file);
                    if (design != null && AtomicFiles.sameFile(written, design)) {
                        throw bad("--checkpoint " + checkpoint + " would overwrite the design being read ("
                                + source.name() + ") with " + written + ": give another folder");
                    }
                }
            }
        }
        if (resume != null) {
            try {
                netcanvas.train.Checkpoint.check(netcanvas.train.Checkpoint.locateLatest(resume));
            } catch (netcanvas.train.TrainingException e) {
                throw bad("--resume " + e.getMessage());
            }
        }
        try {
            return Schedule.parse(recipe.schedule);
        } catch (IllegalArgumentException e) {
            throw bad("--schedule: " + e.getMessage());
        }
    }

    /**
     * Keeps the run in the app's runs folder, as the training panel does, so that its Runs history lists it; a run
     * that did not train (stopped before its first step) leaves nothing. A folder that cannot be written is said,
     * but does not fail a run that trained.
     */
    private void record(netcanvas.runs.RunCurves curves, String network, String recipeLine,
            TrainingListener.Result r, PrintWriter out, PrintWriter err) {
        if (!curves.trained()) {
            return;
        }
        try {
            Path folder = netcanvas.runs.RunRecord.newFolder(network);
            curves.record(folder, network, data.data, recipeLine, r).save();
            out.println("run recorded in " + folder + " (the app's Train > Training Panel > Runs lists it)");
        } catch (IOException e) {
            err.println("cannot record the run in " + netcanvas.runs.RunRecord.runsFolder() + ": " + e.getMessage());
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Progress lines for the terminal. */
    private static final class Printer implements TrainingListener {
        private final PrintWriter out;
        private final int every;

        Printer(PrintWriter out, int every) {
            this.out = out;
            this.every = Math.max(1, every);
        }

        @Override
        public void message(String text) {
            out.println(text);
            out.flush();
        }

        @Override
        public void iteration(Iteration e) {
            if (e.iteration() % every == 0) {
                out.printf(Locale.ROOT, "epoch %d  iteration %,d/%,d  loss %.4f  %,.0f img/s  ETA %s%n", e.epoch(),
                        e.iteration(), e.totalIterations(), e.loss(), e.imagesPerSecond(),
                        Units.duration(e.etaSeconds()));
                out.flush();
            }
        }

        @Override
        public void epoch(Epoch e) {
            String s = e.describe(Units::duration);
            out.println(s);
            out.flush();
        }
    }

    /**
     * Metrics as CSV: one row per iteration and per epoch, then the test result. The rows are kept in memory and the
     * file is replaced whole (atomically) after each epoch and at the end, so it is never half-written and, like
     * every output, a FIFO, device or read-only file is refused instead of replaced.
     */
    private static final class MetricsCsv implements TrainingListener, AutoCloseable {
        private final Path file;
        private final StringBuilder rows = new StringBuilder();
        private IOException failure;

        MetricsCsv(Path file) throws IOException {
            this.file = file;
            line("kind,epoch,iteration,loss,accuracy,val_loss,val_accuracy,val_top5,learning_rate,images_per_s,seconds");
            save();
        }

        private void line(String s) {
            rows.append(s).append('\n');
        }

        private void save() throws IOException {
            AtomicFiles.writeString(file, rows.toString());
        }

        /** Saves; a failure is kept for close() to report, so it neither stops training nor goes unsaid. */
        private void saveQuietly() {
            try {
                save();
            } catch (IOException e) {
                failure = e;
            }
        }

        private static String f(double v) {
            return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
        }

        @Override
        public void iteration(Iteration e) {
            line("iteration," + e.epoch() + "," + e.iteration() + "," + f(e.loss()) + ",,,,,,"
                    + f(e.imagesPerSecond()) + ",");
        }

        @Override
        public void epoch(Epoch e) {
            line("epoch," + e.epoch() + ",," + f(e.trainLoss()) + "," + f(e.trainAccuracy()) + "," + f(e.valLoss())
                    + "," + f(e.valAccuracy()) + "," + f(e.valTop5()) + "," + f(e.learningRate()) + ","
                    + f(e.imagesPerSecond()) + "," + f(e.seconds()));
            saveQuietly();
        }

        @Override
        public void finished(Result r) {
            line("test," + r.epochsDone() + ",," + f(r.testLoss()) + "," + f(r.testAccuracy()) + ",,," + f(r.testTop5())
                    + ",,," + f(r.seconds()));
        }

        @Override
        public void close() throws IOException {
            save();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
