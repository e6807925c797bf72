package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import netcanvas.data.Augmentation;
import netcanvas.data.DataSplit;
import netcanvas.data.ImageData;
import netcanvas.data.SyntheticData;
import netcanvas.graph.Dense;
import netcanvas.graph.Flatten;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.train.TrainingListener.Outcome;
import netcanvas.train.TrainingListener.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings that would divide by zero, make the learning rate negative or train on padding are refused up front. */
class TrainingOptionsTest {
    @TempDir
    Path tmp;

    private static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void schedulesParseStrictly() {
        assertEquals(Schedule.stepDecay(10, 0.1), Schedule.parse("step"));
        assertEquals(Schedule.stepDecay(3, 0.5), Schedule.parse("step:3:0.5"));
        assertEquals(Schedule.stepDecay(3, 1), Schedule.parse("STEP:3:1"));
        assertEquals(Schedule.plateau(0.1, 2), Schedule.parse("plateau"));
        assertEquals(Schedule.plateau(0.5, 0), Schedule.parse("plateau:0.5:0"));
        assertEquals(Schedule.CONSTANT, Schedule.parse("constant"));
        assertEquals(Schedule.Kind.COSINE, Schedule.parse("cosine").kind());

        assertTrue(refused(() -> Schedule.parse("step:0:0")).contains("EPOCHS must be a whole number of at least 1, "
                + "got 0"));
        assertTrue(refused(() -> Schedule.parse("step:1:-1")).contains("GAMMA must be more than 0 and at most 1, got "
                + "-1.0"));
        assertTrue(refused(() -> Schedule.parse("step:1:2")).contains("GAMMA must be more than 0 and at most 1"));
        assertTrue(refused(() -> Schedule.parse("step:1:NaN")).contains("GAMMA 'NaN' is not a number"));
        assertTrue(refused(() -> Schedule.parse("step:1.5")).contains("EPOCHS '1.5' is not a whole number"));
        assertTrue(refused(() -> Schedule.parse("step:")).contains("EPOCHS '' is not a whole number"));
        assertTrue(refused(() -> Schedule.parse("cosine:3")).contains("too many parts"));
        assertTrue(refused(() -> Schedule.parse("plateau:1")).contains("GAMMA must be more than 0 and less than 1"));
        assertTrue(refused(() -> Schedule.parse("plateau:0.1:-2")).contains("PATIENCE must be 0 or more"));
        String unknown = refused(() -> Schedule.parse("warmup"));
        assertTrue(unknown.contains("unknown schedule 'warmup'") && unknown.contains("step[:EPOCHS:GAMMA]"), unknown);
        // the record itself refuses what parse refuses, so no caller can build a dividing-by-zero schedule
        assertTrue(refused(() -> Schedule.stepDecay(0, 0.1)).contains("EPOCHS"));
        assertTrue(refused(() -> Schedule.plateau(0, 1)).contains("GAMMA"));
    }

    @Test
    void configRefusesValuesOutOfRange() {
        TrainConfig d = TrainConfig.defaults();
        assertTrue(refused(() -> d.withRegularization(0.9, -1, Schedule.CONSTANT))
                .contains("weight decay must be 0 or a positive number, got -1.0"));
        assertTrue(refused(() -> d.withRegularization(0.9, Double.POSITIVE_INFINITY, Schedule.CONSTANT))
                .contains("weight decay"));
        assertTrue(refused(() -> d.withRegularization(1.0, 0, Schedule.CONSTANT))
                .contains("momentum must be at least 0 and less than 1, got 1.0"));
        assertTrue(refused(() -> d.withRegularization(-0.1, 0, Schedule.CONSTANT)).contains("momentum"));
        assertTrue(refused(() -> d.withEpochs(0)).contains("epochs must be at least 1, got 0"));
        assertTrue(refused(() -> d.withBatch(0)).contains("batch size must be at least 1, got 0"));
        assertTrue(refused(() -> d.withOptimizer("adam", -1e-3)).contains("learning rate must be a positive"));
        assertTrue(refused(() -> d.withData(Double.NaN, true, Augmentation.NONE)).contains("validation fraction"));
        assertTrue(refused(() -> new Augmentation(-1, false)).contains("crop padding must be 0 (none) or more"));
        assertEquals(16, Augmentation.maxCropPadding(32, 40));
        assertEquals(14, Augmentation.maxCropPadding(28, 28));
    }

    private static Network tiny() {
        return new NetBuilder("tiny").input(1, 8, 8).then("flat", new Flatten()).then("fc", new Dense(2, true))
                .then("out", new Output()).build();
    }

    private static DataSplit data() {
        ImageData d = SyntheticData.generate("s", 2, 1, 8, 8, 8, 1);
        return new DataSplit(d, d);
    }

    @Test
    void trainerRefusesPaddingLargerThanHalfTheImage() {
        TrainConfig cfg = TrainConfig.defaults().withEpochs(1).withData(0, true, new Augmentation(5, false));
        Result r = new Trainer(tiny(), data(), cfg).run();
        assertEquals(Outcome.REFUSED, r.outcome());
        assertTrue(r.message().contains("crop padding 5") && r.message().contains("use 0 to 4 pixels"), r.message());
        // 4 of 8 is allowed
        Result ok = new Trainer(tiny(), data(), cfg.withData(0, true, new Augmentation(4, false))).run();
        assertEquals(Outcome.COMPLETED, ok.outcome(), ok.message());
    }

    @Test
    void trainerRefusesACheckpointFolderThatIsAFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("design.json"), "{}");
        Result r = new Trainer(tiny(), data(), TrainConfig.defaults().withEpochs(1).withCheckpoints(file, null)).run();
        assertEquals(Outcome.REFUSED, r.outcome());
        assertTrue(r.message().contains(file + ": it is a file, not a folder"), r.message());
        assertEquals("{}", Files.readString(file));
    }
}
