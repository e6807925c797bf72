package netcanvas.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.data.Augmentation;
import netcanvas.data.Batches;
import netcanvas.data.DataSplit;
import netcanvas.data.ImageData;
import netcanvas.data.Normalization;
import netcanvas.graph.Network;
import netcanvas.train.TrainingListener.Outcome;
import netcanvas.train.TrainingListener.Result;
import netcanvas.weights.WeightSet;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Trains a network on a dataset (SameDiff's gradient graph, run by {@link TrainingStep}), on a background thread or
 * the caller's.
 * Publishes progress to listeners; honours stop, pause and resume between batches; validates, adjusts the learning
 * rate and checkpoints after each epoch; stops on a non-finite loss.
 */
public final class Trainer {
    /** Seconds between garbage collections while training (see {@link PeriodicCollection}). */
    private static final double GC_SECONDS = 5;

    private final Network network;
    private final DataSplit data;
    private final TrainConfig cfg;
    private final WeightSet initial;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile boolean stopRequested;
    private volatile boolean paused;
    private volatile Result result;
    private volatile TestReport testReport;
    private boolean selfCheck;
    private Engine engine = Engine.NETCANVAS;
    private Thread thread;

    public Trainer(Network network, DataSplit data, TrainConfig cfg) {
        this(network, data, cfg, WeightSet.EMPTY);
    }

    /**
     * A run that starts from given weights (an imported model's, to fine-tune it) instead of a fresh initialisation;
     * an empty set means a fresh one. Resuming a checkpoint takes precedence.
     */
    public Trainer(Network network, DataSplit data, TrainConfig cfg, WeightSet initial) {
        this.network = network;
        this.data = data;
        this.cfg = cfg;
        this.initial = initial;
    }

    /**
     * Compares the training step's gradients with SameDiff's own execution on the first batch before training, and
     * refuses to train when they differ (the command line's --check-step). Off by default: it costs a second
     * forward and backward pass.
     */
    public Trainer withSelfCheck(boolean on) {
        this.selfCheck = on;
        return this;
    }

    /**
     * Computes the gradients with this engine: NetCanvas's executor (the default) or, as a fallback when the executor
     * fails on a network, SameDiff's own execution (the command line's --engine samediff).
     */
    public Trainer withEngine(Engine e) {
        this.engine = java.util.Objects.requireNonNull(e, "engine");
        return this;
    }

    /**
     * Runs the training step's plan, kernels included, on a double-precision twin of the network with the current
     * weights, and compares its gradients with SameDiff's own execution: in double precision the two agree to about
     * 1e-13 (in float32 the kernels' other summation order leaves differences of a few percent in the small gradients
     * of a deep network, which would hide a real error).
     */
    private void selfCheck(CompiledNet train, DataSet batch) throws TrainingException {
        boolean dropout = Analyzer.analyze(network).layers().stream()
                .anyMatch(l -> l.spec() instanceof netcanvas.graph.Dropout d && d.p() > 0);
        if (dropout) {
            say("self-check skipped: the network has dropout, whose random masks differ between two executions");
            return;
        }
        CompiledNet twin = SameDiffCompiler.compile(network, Mode.TRAIN, DataType.DOUBLE, cfg.seed());
        for (var e : train.weights().entrySet()) {
            twin.sd().getArrForVarName(e.getKey()).assign(e.getValue());
        }
        org.nd4j.autodiff.samediff.TrainingConfig config = new org.nd4j.autodiff.samediff.TrainingConfig.Builder()
                .updater(new org.nd4j.linalg.learning.config.Sgd(0)).dataSetFeatureMapping(CompiledNet.INPUT)
                .dataSetLabelMapping(CompiledNet.LABEL).build();
        String problem;
        try (TrainingStep step = new TrainingStep(twin, config, List.of(), 0, 0)) {
            problem = step.check(batch.getFeatures().castTo(DataType.DOUBLE), batch.getLabels().castTo(DataType.DOUBLE),
                    SELF_CHECK_TOLERANCE);
        }
        if (problem != null) {
            throw new TrainingException("self-check failed: " + problem + ". NetCanvas's training step and SameDiff"
                    + " disagree on this network: please report it with the network file");
        }
        say("self-check: the training step's gradients agree with SameDiff's on the first batch");
    }

    /**
     * The fraction of each weight's largest gradient the two executions may differ by, in double precision (a few
     * constants of the graph are float32, so 1e-7 differences occur; the kernels' errors this catches are larger).
     */
    static final double SELF_CHECK_TOLERANCE = 1e-5;

    public void addListener(TrainingListener l) {
        listeners.add(l);
    }

    /** Starts the run on a daemon thread and returns at once. */
    public synchronized Thread start() {
        if (thread != null) {
            throw new IllegalStateException("this trainer has already been started");
        }
        thread = new Thread(this::run, "netcanvas-training");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for a started run to end. */
    public Result await() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
        return result;
    }

    /** Ends the run after the current batch. */
    public void stop() {
        synchronized (lock) {
            stopRequested = true;
            lock.notifyAll();
        }
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    public boolean isPaused() {
        return paused;
    }

    /** Blocks while paused; false once a stop was requested. */
    private boolean proceed() {
        synchronized (lock) {
            while (paused && !stopRequested) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopRequested = true;
                }
            }
            return !stopRequested;
        }
    }

    private void say(String s) {
        for (TrainingListener l : listeners) {
            l.message(s);
        }
    }

    /** Runs to the end on this thread. Never throws: problems end the run with a REFUSED or FAILED result. */
    public Result run() {
        long t0 = System.nanoTime();
        Result r;
        try {
            r = train(t0);
        } catch (TrainingException e) {
            r = new Result(Outcome.REFUSED, e.getMessage(), 0, Double.NaN, Double.NaN, Double.NaN, secs(t0));
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            // The user sees what happened, not a Java class name; NETCANVAS_DEBUG=1 keeps the whole exception.
            String what = System.getenv("NETCANVAS_DEBUG") != null ? e.toString()
                    : e instanceof OutOfMemoryError ? "the machine ran out of memory; lower the batch size"
                    : e.getMessage() == null || e.getMessage().isBlank() ? "an unexpected error in NetCanvas (run with"
                            + " NETCANVAS_DEBUG=1 to see where)" : e.getMessage();
            r = new Result(Outcome.FAILED, "training failed: " + what, 0, Double.NaN, Double.NaN, Double.NaN,
                    secs(t0));
        }
        result = r;
        for (TrainingListener l : listeners) {
            l.finished(r);
        }
        return r;
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private Result train(long t0) throws TrainingException, IOException {
        Analysis a = Analyzer.analyze(network);
        // From the analysis, before the graphs exist: compiling allocates every weight (twice, for training and
        // evaluation), so a network too large for the machine must be refused first.
        MemoryCheck.check(a, cfg.batch(), cfg.optimizer());
        CompiledNet train = SameDiffCompiler.compile(network, Mode.TRAIN, cfg.seed());
        CompiledNet infer = SameDiffCompiler.compile(network, Mode.INFER, cfg.seed());
        ImageData all = data.train();
        if (all.channels() != train.inputShape().channels() || all.height() != train.inputShape().height()
                || all.width() != train.inputShape().width()) {
            throw new TrainingException("the data is " + all.shapeText() + " but the network takes "
                    + train.inputShape() + ": adapt it first (Datasets.load does)");
        }
        int maxPadding = Augmentation.maxCropPadding(all.height(), all.width());
        if (cfg.augmentation().cropPadding() > maxPadding) {
            throw new TrainingException("crop padding " + cfg.augmentation().cropPadding() + " is more than half "
                    + "the " + all.height() + "x" + all.width() + " images: use 0 to " + maxPadding + " pixels");
        }
        if (cfg.checkpointDir() != null && java.nio.file.Files.exists(cfg.checkpointDir())
                && !java.nio.file.Files.isDirectory(cfg.checkpointDir())) {
            throw new TrainingException("cannot save checkpoints in " + cfg.checkpointDir() + ": it is a file, not a "
                    + "folder; give a folder (it is created if missing)");
        }
        int[] perm = permutation(all.size(), new Random(cfg.seed()));
        int nVal = (int) Math.round(all.size() * cfg.validationFraction());
        ImageData val = nVal > 0 ? all.subset(all.name() + " (validation)", java.util.Arrays.copyOf(perm, nVal)) : null;
        ImageData fit = nVal > 0 ? all.subset(all.name() + " (training)", java.util.Arrays.copyOfRange(perm, nVal,
                perm.length)) : all;
        if (fit.size() == 0) {
            throw new TrainingException("no training images left after holding out " + nVal + " for validation");
        }

        Map<String, INDArray> stats = new LinkedHashMap<>();
        for (BatchNormState bn : train.batchNorms()) {
            stats.put(bn.runningMean(), Nd4j.zeros(DataType.FLOAT, bn.channels()));
            stats.put(bn.runningVar(), Nd4j.ones(DataType.FLOAT, bn.channels()));
        }
        int startEpoch = 0;
        long startIteration = 0;
        double best = Double.NEGATIVE_INFINITY;
        Normalization norm = cfg.normalize() ? Normalization.of(fit) : Normalization.none(fit.channels());
        Map<String, Map<String, INDArray>> savedOptimizer = null;
        if (!initial.isEmpty() && cfg.resumeFrom() == null) {
            Map<String, INDArray> arrays = TorchLayout.toArrays(network, initial);
            Checkpoint.apply(arrays, train);
            for (String k : stats.keySet()) {
                stats.get(k).assign(arrays.get(k).reshape(stats.get(k).shape()));
            }
            say("starting from the given weights (" + initial.size() + " tensors) instead of a fresh"
                    + " initialisation");
        }
        if (cfg.resumeFrom() != null) {
            Path from = Checkpoint.locateLatest(cfg.resumeFrom());
            Checkpoint ck = Checkpoint.load(from);
            Checkpoint.apply(ck.arrays(), train);
            for (String k : stats.keySet()) {
                INDArray s = ck.arrays().get(k);
                if (s != null) {
                    stats.get(k).assign(s.reshape(stats.get(k).shape()));
                }
            }
            startEpoch = ck.epoch();
            startIteration = ck.iteration();
            best = ck.valAccuracy();
            norm = ck.normalization();
            savedOptimizer = OptimizerState.in(ck.arrays());
            say("resumed from " + ck.describe(from) + ", after epoch " + startEpoch
                    + " (weights and batch-norm statistics restored)");
        }

        int perEpoch = (fit.size() + cfg.batch() - 1) / cfg.batch();
        long total = (long) perEpoch * cfg.epochs();
        LearningRate lr = new LearningRate(cfg.lr(), cfg.schedule(), total);
        lr.skipTo(startIteration, startEpoch);
        TrainingConfig config = trainingConfig(lr);
        Progress progress = new Progress(train, stats, lr, startIteration, total, cfg.batch(), listeners, this::stop);
        try (Step step = engine == Engine.SAMEDIFF
                ? new SameDiffStep(train, config, progress.watched(), startIteration, startEpoch)
                : new TrainingStep(train, config, progress.watched(), startIteration, startEpoch)) {
            if (savedOptimizer != null) {
                OptimizerState.restore(savedOptimizer, OptimizerState.keysOf(config.getUpdater()),
                        step.optimizerState(), startIteration, this::say);
            }
            return epochs(new Run(train, infer, fit, val, norm, lr, stats, progress, step), startEpoch, best, t0);
        }
    }

    /** What the epochs of one run share. */
    private record Run(CompiledNet train, CompiledNet infer, ImageData fit, ImageData val, Normalization norm,
            LearningRate lr, Map<String, INDArray> stats, Progress progress, Step step) {
    }

    /** The epochs from {@code startEpoch} on, then the test evaluation. */
    private Result epochs(Run run, int startEpoch, double bestSoFar, long t0) throws TrainingException,
            IOException {
        CompiledNet train = run.train();
        CompiledNet infer = run.infer();
        ImageData fit = run.fit();
        ImageData val = run.val();
        Normalization norm = run.norm();
        LearningRate lr = run.lr();
        Map<String, INDArray> stats = run.stats();
        Progress progress = run.progress();
        Step step = run.step();
        double best = bestSoFar;
        int nVal = val == null ? 0 : val.size();
        say(String.format(Locale.ROOT, "%s: %,d trainable parameters; %,d training, %,d validation, %,d test images;"
                + " %s lr %.3g, batch %d, %d epochs", network.name(), train.trainableParams(), fit.size(), nVal,
                data.test().size(), cfg.optimizer(), cfg.lr(), cfg.batch(), cfg.epochs()));
        if (engine == Engine.SAMEDIFF) {
            say("gradients by SameDiff's own execution (--engine samediff): slower than NetCanvas's executor");
        }
        say(NativeLibraries.describe());

        Batches fitBatches = new Batches(fit, norm, cfg.augmentation(), cfg.seed() + 1);
        Batches valBatches = val == null ? null : new Batches(val, norm, Augmentation.NONE, 0);
        long[] inShape = train.inputShape().dims();
        PeriodicCollection collection = new PeriodicCollection(GC_SECONDS);
        int epoch = startEpoch;
        while (epoch < cfg.epochs()) {
            int e = epoch + 1;
            progress.beginEpoch(e);
            long te = System.nanoTime();
            // Each epoch's order and augmentation come from the seed and the epoch's number alone, so a resumed run
            // sees the same batches as one never interrupted.
            long epochSeed = cfg.seed() * 1_000_003L + e;
            fitBatches.reseed(epochSeed);
            var batches = new BatchIterator(fitBatches, permutation(fit.size(), new Random(epochSeed + 2)), cfg.batch(),
                    inShape, train.classes(), this::proceed);
            while (batches.hasNext() && progress.diverged == null) {
                DataSet batch = batches.next();
                if (selfCheck) {
                    selfCheck = false;
                    selfCheck(run.train(), batch);
                }
                step.run(batch.getFeatures(), batch.getLabels());
                progress.stepDone(batch.getLabels(), step::activation);
                collection.stepDone();
            }
            step.epochDone();
            double trainSeconds = secs(te);
            if (progress.diverged != null) {
                return new Result(Outcome.DIVERGED, progress.diverged, epoch, Double.NaN, Double.NaN, Double.NaN,
                        secs(t0));
            }
            if (stopRequested) {
                return new Result(Outcome.STOPPED, "stopped by request during epoch " + e, epoch, Double.NaN,
                        Double.NaN, Double.NaN, secs(t0));
            }
            epoch = e;
            Map<String, INDArray> arrays = arrays(train, stats);
            Checkpoint.apply(arrays, infer);
            Evaluation v = valBatches == null ? null : Evaluation.of(infer, valBatches, 256);
            double seconds = secs(te);
            String change = lr.epochDone(e, v == null ? progress.epochLoss() : v.loss());
            double eta = seconds * (cfg.epochs() - e);
            for (TrainingListener l : listeners) {
                l.epoch(new TrainingListener.Epoch(e, cfg.epochs(), progress.epochLoss(), progress.epochAccuracy(),
                        v == null ? Double.NaN : v.loss(), v == null ? Double.NaN : v.accuracy(),
                        v == null ? Double.NaN : v.top5(), lr.current(), progress.epochImages() / trainSeconds, seconds,
                        eta));
            }
            if (change != null) {
                say(change);
            }
            if (cfg.checkpointDir() != null) {
                double acc = v == null ? progress.epochAccuracy() : v.accuracy();
                OptimizerState.addTo(arrays, step.optimizerState());
                Checkpoint ck = new Checkpoint(network, arrays, e, progress.iteration(), Math.max(acc, best),
                        fit.classes(), norm);
                ck.save(cfg.checkpointDir().resolve("last"));
                if (acc > best) {
                    best = acc;
                    ck.save(cfg.checkpointDir().resolve("best"));
                    say(String.format(Locale.ROOT, "epoch %d: best so far (%.2f%%), saved to %s", e, 100 * acc,
                            cfg.checkpointDir().resolve("best")));
                }
            }
        }
        Checkpoint.apply(arrays(train, stats), infer);
        Evaluation t = Evaluation.of(infer, new Batches(data.test(), norm, Augmentation.NONE, 0), 256);
        testReport = new TestReport(data.test().classes(), data.test().labels(), t.predicted(), t.confidence());
        return new Result(Outcome.COMPLETED, String.format(Locale.ROOT, "test accuracy %.2f%% on %,d images",
                100 * t.accuracy(), data.test().size()), epoch, t.loss(), t.accuracy(), t.top5(), secs(t0));
    }

    private TrainingConfig trainingConfig(LearningRate lr) {
        IUpdater updater = Updaters.of(cfg.optimizer(), lr, cfg.momentum());
        TrainingConfig.Builder b = new TrainingConfig.Builder().updater(updater)
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL);
        if (cfg.weightDecay() > 0) {
            if (Updaters.decoupledWeightDecay(cfg.optimizer())) {
                b.weightDecay(cfg.weightDecay(), true);
            } else {
                b.l2(cfg.weightDecay());
            }
        }
        return b.build();
    }

    /** The weights and running statistics, by name, as a checkpoint and the inference graph want them. */
    private static Map<String, INDArray> arrays(CompiledNet train, Map<String, INDArray> stats) {
        Map<String, INDArray> m = new LinkedHashMap<>(train.weights());
        m.putAll(stats);
        return m;
    }

    static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The confusion matrix and misclassified images of a completed run's test set; null before or without. */
    public TestReport testReport() {
        return testReport;
    }

    /** The run's result, or null while it runs. */
    public Result result() {
        return result;
    }
}
