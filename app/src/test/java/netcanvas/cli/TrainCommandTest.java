package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import netcanvas.graph.*;
import netcanvas.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {
    }

    private static Run exec(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ErrorHandling.install(new CommandLine(command));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private Path tinyNet() throws Exception {
        Network n = new NetBuilder("tiny").input(1, 12, 12).then("c", Conv2d.of(6, 3, 1, 1, true))
                .then("r", new ReLU()).then("p", MaxPool2d.of(2, 2, 0, false)).then("g", new GlobalAvgPool())
                .then("fc", new Dense(3, true)).then("out", new Output()).build();
        Path f = tmp.resolve("tiny.json");
        NetworkJson.write(n, f);
        return f;
    }

    @Test
    void trainsSavesMetricsAndRuns() throws Exception {
        Path ck = tmp.resolve("ck");
        Path csv = tmp.resolve("m.csv");
        Run r = exec(new TrainCommand(), tinyNet().toString(), "--data", "synthetic", "--epochs", "2", "--batch",
                "32", "--optimizer", "adam", "--lr", "1e-2", "--checkpoint", ck.toString(), "--metrics",
                csv.toString(), "--log-every", "5");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("synthetic dataset: 3 classes"), r.out());
        assertTrue(r.out().contains("epoch 2/2: train loss"), r.out());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("test accuracy: "), last);
        // 3 classes x 200 images, 10% held out: 540 training images, ceil(540/32) = 17 steps per epoch.
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(0).startsWith("kind,epoch,iteration,loss"));
        assertEquals(34, rows.stream().filter(l -> l.startsWith("iteration,")).count());
        assertEquals(2, rows.stream().filter(l -> l.startsWith("epoch,")).count());
        assertTrue(rows.get(rows.size() - 1).startsWith("test,2,"));

        Run sample = exec(new RunCommand(), ck.toString(), "--data", "synthetic", "--sample", "1");
        assertEquals(0, sample.status(), sample.err());
        assertTrue(sample.out().contains("(true class: pattern 1)"), sample.out());
        // given the run folder, run takes best/ and says so, with its epoch
        assertTrue(sample.out().startsWith("checkpoint: " + ck.resolve("best") + " (epoch "), sample.out());
        assertEquals(3, sample.out().lines().filter(l -> l.matches("\\d\\. .*%")).count(), sample.out());

        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        Path png = tmp.resolve("x.png");
        ImageIO.write(img, "png", png.toFile());
        Run image = exec(new RunCommand(), ck.toString(), png.toString(), "--top", "2");
        assertEquals(0, image.status(), image.err());
        assertTrue(image.out().lines().anyMatch(l -> l.startsWith("2. pattern")), image.out());

        // --resume with the run folder continues from last/ (epoch 2) and prints which checkpoint it took
        Run more = exec(new TrainCommand(), tinyNet().toString(), "--data", "synthetic", "--epochs", "3", "--batch",
                "32", "--lr", "1e-2", "--resume", ck.toString());
        assertEquals(0, more.status(), more.err());
        assertTrue(more.out().contains("resumed from " + ck.resolve("last") + " (epoch 2"), more.out());
        assertTrue(more.out().contains("epoch 3/3: train loss"), more.out());
        assertTrue(!more.out().contains("epoch 2/3"), more.out());
    }

    @Test
    void problemsAreOneClearLine() throws Exception {
        Run missing = exec(new TrainCommand(), tinyNet().toString(), "--data", tmp.resolve("nope").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().startsWith(tmp.resolve("nope") + ": no such folder"), missing.err());

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"format\": 1, \"name\": \"x\", \"nodes\": [");
        Run broken = exec(new TrainCommand(), bad.toString());
        assertEquals(ExitCodes.UNREADABLE, broken.status()); // as summary and export: an unreadable file is 2
        assertTrue(broken.err().contains("bad.json"), broken.err());

        Run optimizer = exec(new TrainCommand(), tinyNet().toString(), "--optimizer", "rmsprop");
        assertEquals(2, optimizer.status());
        assertTrue(optimizer.err().contains("unknown optimizer 'rmsprop'"), optimizer.err());

        Run noCheckpoint = exec(new RunCommand(), tmp.toString(), "--data", "synthetic");
        assertEquals(1, noCheckpoint.status());
        assertTrue(noCheckpoint.err().contains("not a checkpoint"), noCheckpoint.err());
    }
}
