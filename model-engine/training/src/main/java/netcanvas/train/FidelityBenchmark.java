package netcanvas.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.Optimizer;
import netcanvas.analysis.TrainingShape;
import netcanvas.data.DataException;
import netcanvas.data.DataSplit;
import netcanvas.data.Augmentation;
import netcanvas.data.Datasets;
import netcanvas.data.ImageData;
import netcanvas.export.ExportException;
import netcanvas.export.ExportRecipe;
import netcanvas.export.PyTorchExporter;
import netcanvas.export.RecipeSchedule;
import netcanvas.export.TorchWeightsFile;
import netcanvas.graph.Network;
import netcanvas.weights.WeightSet;

/**
 * Fidelity against PyTorch: one network trained twice with one recipe, by NetCanvas's {@link Trainer} and by
 * NetCanvas's own PyTorch export of it (the exported file's {@code --train}), then both test accuracies side by side.
 *
 * <p>What is the same on both sides: the initial weights (NetCanvas's for the seed, written beside the exported
 * script, which starts from them), the optimizer, learning rate, schedule, batch and epochs, pixels fed as 0..1 (no
 * standardisation: the script has none), no augmentation, no weight decay, the sizes of the split (the same share of
 * the training images held out for validation, the whole test set). What is not: which images are held out and the
 * order of the batches (each side draws its own from the seed), and the cosine schedule, which NetCanvas lowers every
 * iteration and PyTorch's CosineAnnealingLR every epoch. The two runs go at once, each in its own process with the
 * given threads, so the comparison takes as long as the slower side.
 */
public final class FidelityBenchmark {
    /** The exported script's epoch line; its test accuracy is a fraction. */
    private static final Pattern EPOCH = Pattern.compile("epoch (\\d+)/(\\d+): .*test accuracy ([0-9.]+)");

    /**
     * One comparison.
     *
     * @param netcanvas        NetCanvas's test accuracy, a fraction
     * @param pytorch          PyTorch's test accuracy, a fraction
     * @param netcanvasSeconds wall time of NetCanvas's run (the trainer's start to its final test)
     * @param pytorchSeconds   wall time of the PyTorch process (start to exit)
     * @param testImages       images in the test set both scored
     */
    public record Result(double netcanvas, double pytorch, double netcanvasSeconds, double pytorchSeconds,
            int testImages) {
        /**
         * NetCanvas's accuracy minus PyTorch's, in percentage points, of the two as printed (to 0.01 %: the script
         * prints its accuracy to four digits, so a finer difference would be rounding).
         */
        public double differencePoints() {
            return (Math.round(10000 * netcanvas) - Math.round(10000 * pytorch)) / 100.0;
        }

        /** "NetCanvas test accuracy 90.12 %, PyTorch 89.87 %, difference 0.25 points (target within 1)". */
        public String describe() {
            return String.format(Locale.ROOT, "NetCanvas test accuracy %.2f %%, PyTorch %.2f %%, difference %.2f points"
                    + " (target within 1)", 100 * netcanvas, 100 * pytorch, differencePoints());
        }
    }

    /**
     * The recipe both sides follow.
     *
     * @param optimizer  sgd, momentum (0.9) or adam: the ones both sides define alike (the script's AdamW decays
     *                   weights by 0.01 by default, NetCanvas's only when asked)
     * @param schedule   constant, cosine or step (x0.1 after each third of the epochs, as the script steps)
     * @param validation share of the training images held out
     * @param limit      when above 0, only the first this many images of the training and of the test set (as the
     *                   script's --limit), for a quick check
     */
    public record Recipe(Optimizer optimizer, double lr, String schedule, int batch, int epochs, double validation,
            long seed, int limit) {
        public Recipe {
            if (optimizer != Optimizer.SGD && optimizer != Optimizer.MOMENTUM && optimizer != Optimizer.ADAM) {
                throw new IllegalArgumentException("optimizer '" + optimizer.spelling() + "' is not compared: use"
                        + " sgd, momentum or adam (the exported script's adamw decays weights by 0.01 by default,"
                        + " NetCanvas's adamw only when asked)");
            }
            if (!List.of("constant", "cosine", "step").contains(schedule)) {
                throw new IllegalArgumentException("schedule '" + schedule + "' is not compared: use constant, cosine"
                        + " or step (x0.1 after each third of the epochs on both sides)");
            }
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be 0 (all images) or more, got " + limit);
            }
        }

        Schedule netcanvasSchedule() {
            return switch (schedule) {
                case "cosine" -> Schedule.cosine();
                case "step" -> Schedule.stepDecay(Math.max(1, epochs / 3), 0.1);
                default -> Schedule.CONSTANT;
            };
        }

        TrainConfig netcanvasConfig() {
            return new TrainConfig(epochs, batch, optimizer, lr, 0.9, 0, netcanvasSchedule(), validation, false,
                    Augmentation.NONE, seed, null, null);
        }

        ExportRecipe exportRecipe() {
            return new ExportRecipe(optimizer, lr, RecipeSchedule.parse(schedule), batch, epochs);
        }
    }

    private FidelityBenchmark() {
    }

    /**
     * {@code bench fidelity}: compares, prints the result line and returns the exit status (0 compared, 1 a side
     * failed, 2 a recipe or data the comparison refuses, with the reason on err). The difference itself does not set
     * the status: this prints a measurement, it does not judge one.
     */
    public static int command(Network net, String data, String optimizer, double lr, String schedule, int batch,
            int epochs, double validation, long seed, int limit, String python, PrintWriter out, PrintWriter err) {
        try {
            Recipe recipe = new Recipe(Optimizer.parse(optimizer), lr, schedule, batch, epochs, validation, seed,
                    limit);
            int threads = TrainBenchmark.threads();
            out.println(NativeLibraries.describe());
            out.printf(Locale.ROOT, "%s on %s: %s, lr %s, %s schedule, batch %d, %d epochs, %.0f %% held out for"
                    + " validation, seed %d, threads per side %d%s%n", net.name(), data, recipe.optimizer().spelling(),
                    lr, schedule, batch, epochs, 100 * validation, seed, threads,
                    limit > 0 ? ", the first " + limit + " images of each set" : "");
            Result r = run(net, data, recipe, python, threads, out);
            out.printf(Locale.ROOT, "%s; wall time NetCanvas %.1f s, PyTorch %.1f s, %,d test images%n", r.describe(),
                    r.netcanvasSeconds(), r.pytorchSeconds(), r.testImages());
            out.flush();
            return 0;
        } catch (IllegalArgumentException | DataException e) {
            err.println("bench fidelity: " + e.getMessage());
            return 2;
        } catch (TrainingException | ExportException | IOException e) {
            err.println("bench fidelity: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bench fidelity: interrupted");
            return 1;
        }
    }

    /**
     * Trains the network on the data (fashion-mnist or a folder the exported script reads too: an IDX pair's or
     * CIFAR-10's) on both sides at once, printing each side's progress prefixed by its name, then the result.
     *
     * @param threads threads for each side (ND4J's are set when its backend starts; PyTorch's are passed to it)
     * @throws IllegalArgumentException when the data is synthetic (the two sides generate different images) or the
     *                                  network has errors
     */
    public static Result run(Network net, String data, Recipe recipe, String python, int threads, PrintWriter out)
            throws TrainingException, DataException, ExportException, IOException, InterruptedException {
        Path dataDir = dataFolder(data);
        Analysis analysis = Analyzer.analyze(net);
        TrainingShape ends = TrainingShape.of(analysis);
        if (analysis.hasErrors() || !ends.trainable()) {
            throw new IllegalArgumentException("cannot train " + net.name() + ": " + (analysis.hasErrors()
                    ? "it has errors; open it in NetCanvas to see them" : ends.problem()));
        }
        WeightSet initial = TorchLayout.initial(net, recipe.seed());
        Path dir = Files.createTempDirectory("netcanvas-fidelity");
        try {
            Path script = dir.resolve("fidelity_model.py");
            Path weights = TorchWeightsFile.beside(script);
            Files.writeString(script, PyTorchExporter.export(analysis, recipe.exportRecipe(), "fidelity_model.py",
                    weights.getFileName().toString()), StandardCharsets.UTF_8);
            Files.write(weights, TorchWeightsFile.write(analysis, initial));

            TorchSide torch = TorchSide.start(python, script, dataDir, recipe, threads, out);
            int[] chw = ends.inputChw();
            Datasets.Loaded loaded = Datasets.load(dataDir.toString(), chw[0], chw[1], chw[2], ends.classes());
            DataSplit split = limited(loaded.split(), recipe.limit());
            long start = System.nanoTime();
            Trainer trainer = new Trainer(net, split, recipe.netcanvasConfig(), initial);
            trainer.addListener(new TrainingListener() {
                @Override
                public void message(String text) {
                    say(out, "netcanvas", text);
                }

                @Override
                public void iteration(Iteration e) {
                    if (e.iteration() % 200 == 0) {
                        say(out, "netcanvas", String.format(Locale.ROOT, "epoch %d iteration %,d/%,d loss %.4f, %,.0f"
                                + " img/s", e.epoch(), e.iteration(), e.totalIterations(), e.loss(),
                                e.imagesPerSecond()));
                    }
                }

                @Override
                public void epoch(Epoch e) {
                    say(out, "netcanvas", e.describe(s -> String.format(Locale.ROOT, "%.1f s", s)));
                }
            });
            TrainingListener.Result r;
            try {
                r = trainer.run();
            } catch (RuntimeException e) {
                torch.process.destroy();
                throw e;
            }
            double ours = (System.nanoTime() - start) / 1e9;
            if (r.outcome() != TrainingListener.Outcome.COMPLETED) {
                torch.process.destroy();
                throw new TrainingException("NetCanvas's run did not complete (" + r.outcome() + "): " + r.message());
            }
            say(out, "netcanvas", String.format(Locale.ROOT, "test accuracy %.2f %% on %,d images, %.1f s",
                    100 * r.testAccuracy(), split.test().size(), ours));
            double theirs = torch.finish(recipe.epochs());
            return new Result(r.testAccuracy(), torch.accuracy, ours, theirs, split.test().size());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The folder both sides read: Fashion-MNIST's, or the folder given. */
    static Path dataFolder(String data) throws DataException {
        if (data.equalsIgnoreCase("synthetic")) {
            throw new DataException("synthetic data is not compared: NetCanvas and the exported script generate"
                    + " different images; use fashion-mnist or a folder of IDX or CIFAR-10 files");
        }
        Path dir = data.equalsIgnoreCase("fashion-mnist") ? Datasets.FASHION_MNIST_DIR : Path.of(data);
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + " is not a folder: give fashion-mnist (apt-get install"
                    + " dataset-fashion-mnist) or a folder of IDX or CIFAR-10 files");
        }
        return dir;
    }

    /** The first {@code limit} images of each set, as the script's --limit takes them (0: all). */
    private static DataSplit limited(DataSplit split, int limit) {
        if (limit == 0) {
            return split;
        }
        return new DataSplit(first(split.train(), limit), first(split.test(), limit));
    }

    private static ImageData first(ImageData d, int n) {
        int[] idx = new int[Math.min(n, d.size())];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return d.subset(d.name(), idx);
    }

    private static void say(PrintWriter out, String side, String line) {
        synchronized (out) {
            out.println(side + ": " + line);
            out.flush();
        }
    }

    /** The exported script's training run in its own process; its lines are echoed as they come. */
    private static final class TorchSide {
        private final Process process;
        private final Thread reader;
        private final long start = System.nanoTime();
        private final List<String> lines = new ArrayList<>();
        private volatile double accuracy = Double.NaN;
        private volatile int epochsSeen;
        /** When its output ended, that is when it exited: NetCanvas's side may still be training then. */
        private volatile long end;

        private TorchSide(Process process, PrintWriter out) {
            this.process = process;
            this.reader = new Thread(() -> read(out), "pytorch-output");
            reader.setDaemon(true);
            reader.start();
        }

        static TorchSide start(String python, Path script, Path data, Recipe r, int threads, PrintWriter out)
                throws IOException {
            List<String> cmd = List.of(python, script.toString(), "--train", data.toString(),
                    "--optimizer", r.optimizer().spelling(), "--lr", Double.toString(r.lr()),
                    "--schedule", r.schedule(), "--batch", Integer.toString(r.batch()),
                    "--epochs", Integer.toString(r.epochs()), "--validation", Double.toString(r.validation()),
                    "--limit", Integer.toString(r.limit()), "--seed", Long.toString(r.seed()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            // PyTorch sizes its thread pool from these when it starts.
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            pb.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
            say(out, "pytorch", String.join(" ", cmd) + "  (OMP_NUM_THREADS=" + threads + ")");
            try {
                return new TorchSide(pb.start(), out);
            } catch (IOException e) {
                throw new IOException("cannot run " + python + " (give the Python with PyTorch): " + e.getMessage(),
                        e);
            }
        }

        private void read(PrintWriter out) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    say(out, "pytorch", line);
                    Matcher m = EPOCH.matcher(line);
                    if (m.find()) {
                        epochsSeen = Integer.parseInt(m.group(1));
                        accuracy = Double.parseDouble(m.group(3));
                    }
                }
            } catch (IOException e) {
                say(out, "pytorch", "output lost: " + e.getMessage());
            }
            end = System.nanoTime();
        }

        /** Waits for the process; its wall time in seconds (start to exit), once its last epoch's accuracy is read. */
        double finish(int epochs) throws IOException, InterruptedException {
            int code = process.waitFor();
            reader.join();
            double seconds = (end - start) / 1e9;
            if (code != 0 || epochsSeen != epochs) {
                String tail;
                synchronized (lines) {
                    tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
                }
                throw new IOException("the PyTorch run " + (code != 0 ? "failed (exit status " + code + ")"
                        : "printed the test accuracy of " + epochsSeen + " of " + epochs + " epochs") + ":\n" + tail);
            }
            return seconds;
        }
    }
}
