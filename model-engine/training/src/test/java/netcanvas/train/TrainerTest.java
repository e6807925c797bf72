package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netcanvas.analysis.Optimizer;
import netcanvas.data.Augmentation;
import netcanvas.data.DataSplit;
import netcanvas.data.ImageData;
import netcanvas.data.SyntheticData;
import netcanvas.graph.*;
import netcanvas.train.TrainingListener.Outcome;
import netcanvas.train.TrainingListener.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerTest {
    @TempDir
    Path tmp;

    /** A small conv net for 1x16x16 inputs and 4 classes. */
    private static Network small(boolean batchNorm) {
        NetBuilder b = new NetBuilder("small").input(1, 16, 16).then("c1", Conv2d.of(8, 3, 1, 1, !batchNorm));
        if (batchNorm) {
            b.then("bn", BatchNorm.standard());
        }
        return b.then("r1", new ReLU()).then("p1", MaxPool2d.of(2, 2, 0, false))
                .then("c2", Conv2d.of(8, 3, 1, 1, true)).then("r2", new ReLU()).then("gap", new GlobalAvgPool())
                .then("fc", new Dense(4, true)).then("out", new Output()).build();
    }

    private static DataSplit synthetic(int perClassTrain) {
        return new DataSplit(SyntheticData.generate("synthetic train", 4, 1, 16, 16, 4 * perClassTrain, 1),
                SyntheticData.generate("synthetic test", 4, 1, 16, 16, 200, 2));
    }

    private static final class Recorder implements TrainingListener {
        final List<Iteration> iterations = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Epoch> epochs = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void message(String text) {
            messages.add(text);
        }

        @Override
        public void iteration(Iteration e) {
            iterations.add(e);
        }

        @Override
        public void epoch(Epoch e) {
            epochs.add(e);
        }
    }

    @Test
    void learnsTheSyntheticPatternsCheckpointsAndPredicts() throws Exception {
        TrainConfig cfg = TrainConfig.defaults().withEpochs(3).withBatch(32).withOptimizer("adam", 1e-2)
                .withData(0.2, true, Augmentation.NONE).withCheckpoints(tmp, null);
        Trainer t = new Trainer(small(true), synthetic(100), cfg);
        Recorder rec = new Recorder();
        t.addListener(rec);
        t.start();
        Result r = t.await();
        assertEquals(Outcome.COMPLETED, r.outcome(), r.message());
        // 320 training images at batch 32: 10 steps per epoch.
        assertEquals(30, rec.iterations.size());
        assertEquals(3, rec.epochs.size());
        assertTrue(Double.isNaN(rec.epochs.get(0).valTop5()), "no top-5 with 4 classes");
        assertTrue(rec.epochs.get(2).trainLoss() < rec.epochs.get(0).trainLoss(), "loss falls");
        assertTrue(r.testAccuracy() > 0.6, "4 classes, chance is 25%: " + r.testAccuracy());

        Predictor p = Predictor.load(tmp);
        ImageData test = synthetic(1).test();
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            var top = p.predict(test, i, 5);
            assertEquals(4, top.size());
            double sum = top.stream().mapToDouble(Predictor.Prediction::probability).sum();
            assertEquals(1.0, sum, 1e-4);
            if (top.get(0).index() == test.labels()[i]) {
                correct++;
            }
        }
        assertTrue(correct > 120, "the saved best epoch predicts well: " + correct + "/200");

        // Resume from the last epoch and train two more.
        Trainer more = new Trainer(small(true), synthetic(100), cfg.withEpochs(5).withCheckpoints(tmp,
                tmp.resolve("last")));
        Recorder rec2 = new Recorder();
        more.addListener(rec2);
        Result r2 = more.run();
        assertEquals(Outcome.COMPLETED, r2.outcome(), r2.message());
        assertEquals(List.of(4, 5), rec2.epochs.stream().map(TrainingListener.Epoch::epoch).toList());
    }

    @Test
    void aResumedRunTakesTheStepsOfAnUninterruptedOne() throws Exception {
        // Adam, batch norm and augmentation: everything that carries state from one epoch into the next.
        TrainConfig cfg = TrainConfig.defaults().withEpochs(2).withBatch(32).withOptimizer("adam", 1e-2)
                .withData(0.2, true, new Augmentation(2, true));
        DataSplit data = synthetic(40);
        Path straight = tmp.resolve("straight");
        Path first = tmp.resolve("first");
        Path resumed = tmp.resolve("resumed");
        assertEquals(Outcome.COMPLETED, new Trainer(small(true), data, cfg.withCheckpoints(straight, null)).run()
                .outcome());
        assertEquals(Outcome.COMPLETED, new Trainer(small(true), data, cfg.withEpochs(1).withCheckpoints(first, null))
                .run().outcome());
        Trainer again = new Trainer(small(true), data, cfg.withCheckpoints(resumed, first.resolve("last")));
        Recorder rec = new Recorder();
        again.addListener(rec);
        assertEquals(Outcome.COMPLETED, again.run().outcome());
        assertTrue(rec.messages.stream().anyMatch(m -> m.startsWith("optimizer state restored")), rec.messages.toString());
        var saved = Checkpoint.load(first.resolve("last")).arrays();
        // Adam keeps m and v for each of the 7 trainable arrays (c1/W, bn gamma and beta, c2/W, c2/b, fc/W, fc/b)
        assertEquals(2 * 7, saved.keySet().stream().filter(k -> k.startsWith(OptimizerState.PREFIX)).count(),
                saved.keySet().toString());

        double gap = largestDifference(Checkpoint.load(straight.resolve("last")).arrays(),
                Checkpoint.load(resumed.resolve("last")).arrays());
        assertTrue(gap < 1e-5, "resumed weights differ from the uninterrupted run's by " + gap);

        // The same resume without the optimizer's state (as before it was saved) lands elsewhere: the check above
        // can tell the difference.
        var stripped = new java.util.LinkedHashMap<>(saved);
        stripped.keySet().removeIf(k -> k.startsWith(OptimizerState.PREFIX));
        Checkpoint ck = Checkpoint.load(first.resolve("last"));
        new Checkpoint(ck.network(), stripped, ck.epoch(), ck.iteration(), ck.valAccuracy(), ck.classes(),
                ck.normalization()).save(tmp.resolve("stripped"));
        Path fresh = tmp.resolve("fresh");
        assertEquals(Outcome.COMPLETED, new Trainer(small(true), data, cfg.withCheckpoints(fresh,
                tmp.resolve("stripped"))).run().outcome());
        double freshGap = largestDifference(Checkpoint.load(straight.resolve("last")).arrays(),
                Checkpoint.load(fresh.resolve("last")).arrays());
        assertTrue(freshGap > 1e-3, "fresh moments should change the steps: " + freshGap);
    }

    /** The largest absolute difference between same-named weights (the optimizer's state left out). */
    private static double largestDifference(java.util.Map<String, INDArray> a, java.util.Map<String, INDArray> b) {
        double worst = 0;
        for (var e : a.entrySet()) {
            if (!e.getKey().startsWith(OptimizerState.PREFIX)) {
                INDArray other = b.get(e.getKey());
                worst = Math.max(worst, e.getValue().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                        .sub(other.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)).amaxNumber().doubleValue());
            }
        }
        return worst;
    }

    @Test
    void runningStatisticsFollowPyTorch() throws Exception {
        // One batch of all 8 images: running = 0.9 * initial + 0.1 * batch statistic, with the unbiased variance.
        Network net = new NetBuilder("bn").input(1, 4, 4).then("bn", BatchNorm.standard()).then("fc", new Dense(2, true))
                .then("out", new Output()).build();
        ImageData d = SyntheticData.generate("s", 2, 1, 4, 4, 8, 3);
        TrainConfig cfg = TrainConfig.defaults().withEpochs(1).withBatch(8).withData(0, false, Augmentation.NONE)
                .withCheckpoints(tmp, null);
        assertEquals(Outcome.COMPLETED, new Trainer(net, new DataSplit(d, d), cfg).run().outcome());
        double sum = 0;
        double sq = 0;
        int n = 8 * 16;
        for (int i = 0; i < n; i++) {
            double v = (d.pixels()[i] & 0xff) / 255.0;
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        double unbiased = (sq - n * mean * mean) / (n - 1);
        INDArray rm = Checkpoint.load(tmp).arrays().get("bn/running_mean");
        INDArray rv = Checkpoint.load(tmp).arrays().get("bn/running_var");
        assertEquals(0.1 * mean, rm.getDouble(0), 1e-5);
        assertEquals(0.9 + 0.1 * unbiased, rv.getDouble(0), 1e-5);
    }

    @Test
    void nonFiniteLossStopsTheRun() {
        TrainConfig cfg = TrainConfig.defaults().withEpochs(2).withBatch(32).withOptimizer("sgd", 1e30);
        Result r = new Trainer(small(false), synthetic(20), cfg).run();
        assertEquals(Outcome.DIVERGED, r.outcome(), r.message());
        assertTrue(r.message().contains("lower it"), r.message());
    }

    @Test
    void stopEndsTheRunAndPauseHolds() throws Exception {
        Trainer t = new Trainer(small(false), synthetic(100), TrainConfig.defaults().withEpochs(50).withBatch(8));
        Recorder rec = new Recorder();
        t.addListener(rec);
        t.pause();
        t.start();
        Thread.sleep(1500);
        assertTrue(rec.iterations.isEmpty(), "no step while paused");
        t.resume();
        long deadline = System.currentTimeMillis() + 60_000;
        while (rec.iterations.size() < 3 && t.result() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(rec.iterations.size() >= 3, "steps after resume; result " + t.result());
        t.stop();
        Result r = t.await();
        assertEquals(Outcome.STOPPED, r.outcome());
    }

    @Test
    void resumingARunFolderContinuesFromLastAndSaysSo() throws Exception {
        TrainConfig cfg = TrainConfig.defaults().withEpochs(2).withBatch(32).withOptimizer("adam", 1e-2);
        DataSplit data = synthetic(20);
        Path run = tmp.resolve("run");
        assertEquals(Outcome.COMPLETED, new Trainer(small(false), data, cfg.withCheckpoints(run, null)).run()
                .outcome());
        Checkpoint last = Checkpoint.load(run.resolve("last"));
        assertEquals(2, last.epoch());
        // best/ as of epoch 1, made by hand so that it differs from last/ whatever the accuracies were
        new Checkpoint(last.network(), last.arrays(), 1, last.iteration() / 2, 0.99, last.classes(),
                last.normalization()).save(run.resolve("best"));

        Trainer more = new Trainer(small(false), data, cfg.withEpochs(3).withCheckpoints(null, run));
        Recorder rec = new Recorder();
        more.addListener(rec);
        assertEquals(Outcome.COMPLETED, more.run().outcome());
        // from last/ (epoch 2) only epoch 3 remains; from best/ (epoch 1) epochs 2 and 3 would have run
        assertEquals(List.of(3), rec.epochs.stream().map(TrainingListener.Epoch::epoch).toList());
        assertTrue(rec.messages.stream().anyMatch(m -> m.startsWith("resumed from " + run.resolve("last")
                + " (epoch 2")), rec.messages.toString());

        // inference keeps preferring the best epoch, and says which folder it took
        assertEquals(run.resolve("best"), Checkpoint.locate(run));
        assertEquals(run.resolve("last"), Checkpoint.locateLatest(run));
        Predictor p = Predictor.load(run);
        assertEquals(run.resolve("best"), p.folder());
        assertEquals("checkpoint: " + run.resolve("best") + " (epoch 1, validation accuracy 99.00%)", p.source());
        // a checkpoint folder given directly is used as it is, for either purpose
        assertEquals(run.resolve("best"), Checkpoint.locateLatest(run.resolve("best")));
        assertEquals(run.resolve("last"), Checkpoint.locate(run.resolve("last")));
    }

    @Test
    void resumingARunFolderWithoutLastIsRefusedNotSwitchedToBest() throws Exception {
        Path run = tmp.resolve("bestonly");
        java.nio.file.Files.createDirectories(run.resolve("best"));
        java.nio.file.Files.write(run.resolve("best").resolve("weights.bin"), new byte[4]);
        TrainingException e = org.junit.jupiter.api.Assertions.assertThrows(TrainingException.class,
                () -> Checkpoint.locateLatest(run));
        assertTrue(e.getMessage().contains("no last/") && e.getMessage().contains(run.resolve("best").toString()),
                e.getMessage());
        assertEquals(run.resolve("best"), Checkpoint.locate(run));
        TrainingException none = org.junit.jupiter.api.Assertions.assertThrows(TrainingException.class,
                () -> Checkpoint.locateLatest(tmp.resolve("empty")));
        assertTrue(none.getMessage().contains("not a checkpoint"), none.getMessage());
    }

    @Test
    void refusesARunThatCannotFitInMemory() {
        Network huge = new NetBuilder("huge").input(3, 4096, 4096).then("c", Conv2d.of(256, 3, 1, 1, true))
                .then("g", new GlobalAvgPool()).then("fc", new Dense(10, true)).then("out", new Output()).build();
        ImageData d = SyntheticData.generate("s", 2, 3, 4, 4, 1, 1); // refused before the data is looked at
        Result r = new Trainer(huge, new DataSplit(d, d), TrainConfig.defaults().withBatch(512)).run();
        assertEquals(Outcome.REFUSED, r.outcome());
        // The training-memory peak (analysis.MemoryEstimate, as summary --memory shows it) and the evaluation copy
        // of the weights: 9,738 weights = 38,952 B, twice, gradients as much, Adam's moments twice that; per image
        // every value of the gradient graph: forward the input and its channels-last copy (2 x 201,326,592 B), the
        // convolution's output (256 x 4096 x 4096 x 4 = 17,179,869,184 B), pooled 1,024 B, the logits' product and
        // sum 80 B and the loss's softmax 40 B: 17,582,523,512 B; backward each input's gradient, of its size (the
        // convolution's 201,326,592 B, the pool's 17,179,869,184 B, the dense layer's 1,024 B and its sum's 40 B,
        // the loss's 2 x 40 B): 17,381,196,920 B; x512: 17,901,424,861,184 B = 16,672.0 GiB; the workspace,
        // oneDNN's 4 blocked copies of the larger map, the output: 256 x 4096 x 4096 x 4 x 4 B x 512 = 32,768.0
        // GiB; one convolution's kernels, 3 MiB: 53,085,800,290,504 B = 49,440.0 GiB
        assertTrue(r.message().contains("needs about 49440.0 GiB (weights 0.0 MiB and their copy for evaluation,"
                + " gradients 0.0 MiB, adam state 0.1 MiB, activations and their gradients 16672.0 GiB, convolution"
                + " kernels 3.0 MiB, largest workspace 32768.0 GiB)"), r.message());
        assertTrue(r.message().contains("lower the batch size"), r.message());
    }

    /**
     * A dense layer of 10^9 weights (4 GB, 16 GB with its gradient and Adam's two moments, 4 GB more for the
     * evaluation copy) is refused from the analysis before any weight is allocated: at once, not after the graphs
     * grew to most of the machine. 2.5 x 10^9 weights (past a Java array's length) likewise.
     */
    @Test
    void refusesAnOversizedNetworkBeforeAllocatingIt() {
        for (int units : new int[] {1000, 2500}) {
            Network huge = new NetBuilder("dense-" + units).input(1, 1000, 1000).then("fc", new Dense(units, true))
                    .then("out", new Output()).build();
            ImageData d = SyntheticData.generate("s", 2, 1, 4, 4, 1, 1);
            long t0 = System.nanoTime();
            Result r = new Trainer(huge, new DataSplit(d, d), TrainConfig.defaults()).run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(Outcome.REFUSED, r.outcome(), r.message());
            assertTrue(r.message().contains("needs about"), r.message());
            assertTrue(seconds < 5, "refused after " + seconds + " s");
        }
    }

    @Test
    void optimizersAndSchedulesRun() {
        for (Optimizer opt : Optimizer.values()) {
            TrainConfig cfg = TrainConfig.defaults().withEpochs(2).withBatch(40)
                    .withOptimizer(opt, opt == Optimizer.ADAM || opt == Optimizer.ADAMW ? 1e-3 : 0.05)
                    .withRegularization(0.9, 1e-4, opt == Optimizer.SGD ? Schedule.stepDecay(1, 0.1)
                            : opt == Optimizer.ADAM ? Schedule.plateau(0.5, 0) : Schedule.cosine());
            Result r = new Trainer(small(false), synthetic(20), cfg).run();
            assertEquals(Outcome.COMPLETED, r.outcome(), opt + ": " + r.message());
        }
    }

    @Test
    void sameDiffsOwnExecutionTrainsAsTheExecutorDoes() {
        // Same seed, initial weights, batches and optimizer: the engines differ only in who computes the gradients
        // (and in their summation order), so their losses must track each other step by step.
        TrainConfig cfg = TrainConfig.defaults().withEpochs(2).withBatch(32).withOptimizer("adam", 1e-2)
                .withData(0, true, Augmentation.NONE);
        Recorder ours = new Recorder();
        Trainer executor = new Trainer(small(true), synthetic(40), cfg).withEngine(Engine.NETCANVAS);
        executor.addListener(ours);
        Result a = executor.run();
        Recorder theirs = new Recorder();
        Trainer sameDiff = new Trainer(small(true), synthetic(40), cfg).withEngine(Engine.SAMEDIFF);
        sameDiff.addListener(theirs);
        Result b = sameDiff.run();
        assertEquals(Outcome.COMPLETED, a.outcome(), a.message());
        assertEquals(Outcome.COMPLETED, b.outcome(), b.message());
        assertTrue(theirs.messages.stream().anyMatch(m -> m.contains("SameDiff's own execution")), theirs.messages
                .toString());
        // 160 images at batch 32: 5 steps an epoch
        assertEquals(10, ours.iterations.size());
        assertEquals(10, theirs.iterations.size());
        // The first loss comes before any update: the same forward pass.
        assertEquals(ours.iterations.get(0).loss(), theirs.iterations.get(0).loss(), 1e-5);
        for (int i = 0; i < 10; i++) {
            double x = ours.iterations.get(i).loss();
            double y = theirs.iterations.get(i).loss();
            assertEquals(x, y, 0.02 * Math.max(x, y), "step " + (i + 1) + ": " + x + " against " + y);
        }
        assertTrue(theirs.epochs.get(1).trainLoss() < theirs.epochs.get(0).trainLoss(), "SameDiff's run learns");
        assertEquals(a.testLoss(), b.testLoss(), 0.02 * Math.max(a.testLoss(), b.testLoss()));
    }

    @Test
    void anUnknownEngineIsRefusedNamingTheKnownOnes() {
        assertEquals(Engine.SAMEDIFF, Engine.parse(" SameDiff "));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Engine.parse("torch"));
        assertEquals("unknown engine 'torch': use netcanvas (the default) or samediff", e.getMessage());
    }
}
