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

    /** A run from the terminal is kept where the app's Runs history reads runs, in the record the app writes. */
    @Test
    void aRunIsRecordedInTheRunsFolderTheAppLists() throws Exception {
        Path home = tmp.resolve("home");
        String previous = System.setProperty("netcanvas.home", home.toString());
        try {
            Run r = exec(new TrainCommand(), tinyNet().toString(), "--data", "synthetic", "--epochs", "1", "--batch",
                    "32", "--log-every", "100");
            assertEquals(0, r.status(), r.err());
            List<netcanvas.runs.RunRecord> runs = netcanvas.runs.RunRecord.all(home.resolve("runs"));
            assertEquals(1, runs.size(), r.out());
            netcanvas.runs.RunRecord run = runs.get(0);
            assertTrue(run.folder().getFileName().toString().startsWith("tiny-"), run.folder().toString());
            assertTrue(r.out().contains("run recorded in " + run.folder()), r.out());
            assertEquals("tiny", run.network());
            assertEquals("synthetic", run.data());
            assertEquals("completed", run.outcome());
            String printed = r.out().lines().filter(l -> l.startsWith("test accuracy: ")).findFirst().orElseThrow();
            assertEquals(printed.replaceAll("test accuracy: ([0-9.]+%).*", "test accuracy $1"), run.result());
            // 3 classes x 200 images, 10% held out: 540 training images, ceil(540/32) = 17 steps, one epoch
            assertEquals(17, run.loss().size());
            assertEquals(1, run.trainAccuracy().size());
            assertEquals(1, run.valAccuracy().size());
            assertTrue(Files.isRegularFile(run.folder().resolve("run.properties")));
            assertTrue(Files.isRegularFile(run.folder().resolve("curves.csv")));
        } finally {
            if (previous != null) {
                System.setProperty("netcanvas.home", previous);
            } else {
                System.clearProperty("netcanvas.home");
            }
        }
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
        // --format json: the same ranking as JSON alone on standard output; the checkpoint line on standard error
        Run json = exec(new RunCommand(), ck.toString(), png.toString(), "--top", "2", "--format", "json");
        assertEquals(0, json.status(), json.err());
        assertTrue(json.err().startsWith("checkpoint: " + ck.resolve("best")), json.err());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals(3, tree.get("logits").size());
        assertEquals(2, tree.get("top5").size());
        String first = image.out().lines().filter(l -> l.startsWith("1. ")).findFirst().orElseThrow();
        assertTrue(first.startsWith("1. " + tree.get("top5").get(0).get("class").asText() + " "), first + json.out());
        assertTrue(first.endsWith(String.format(java.util.Locale.ROOT, "%6.2f%%",
                100 * tree.get("top5").get(0).get("probability").asDouble())), first + " vs " + json.out());
        Run sampleJson = exec(new RunCommand(), ck.toString(), "--data", "synthetic", "--sample", "1", "--format",
                "json");
        assertEquals(0, sampleJson.status(), sampleJson.err());
        assertEquals(3, new com.fasterxml.jackson.databind.ObjectMapper().readTree(sampleJson.out()).get("top5")
                .size());

        // --resume with the run folder continues from last/ (epoch 2) and prints which checkpoint it took
        Run more = exec(new TrainCommand(), tinyNet().toString(), "--data", "synthetic", "--epochs", "3", "--batch",
                "32", "--lr", "1e-2", "--resume", ck.toString());
        assertEquals(0, more.status(), more.err());
        assertTrue(more.out().contains("resumed from " + ck.resolve("last") + " (epoch 2"), more.out());
        assertTrue(more.out().contains("epoch 3/3: train loss"), more.out());
        assertTrue(!more.out().contains("epoch 2/3"), more.out());
    }

    @Test
    void reportWritesTheTestSetsConfusionMatrixPerClassFiguresAndMistakes() throws Exception {
        Path dir = tmp.resolve("report");
        Run r = exec(new TrainCommand(), tinyNet().toString(), "--data", "synthetic", "--epochs", "1", "--batch",
                "32", "--lr", "1e-2", "--report", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("report: confusion.csv, per_class.csv, misclassified.csv"), r.out());
        double printed = Double.parseDouble(r.out().replaceAll("(?s).*test accuracy: ([0-9.]+)%.*", "$1"));
        // the synthetic test set holds 50 images of each of the 3 classes
        List<String> confusion = Files.readAllLines(dir.resolve("confusion.csv"));
        assertEquals("true \\ predicted,pattern 0,pattern 1,pattern 2", confusion.get(0));
        assertEquals(4, confusion.size());
        int diagonal = 0;
        for (int t = 0; t < 3; t++) {
            String[] cells = confusion.get(t + 1).split(",");
            assertEquals("pattern " + t, cells[0]);
            int row = 0;
            for (int p = 1; p <= 3; p++) {
                row += Integer.parseInt(cells[p]);
            }
            assertEquals(50, row, "each row holds its class's test images: " + confusion);
            diagonal += Integer.parseInt(cells[t + 1]);
        }
        assertEquals(printed, 100.0 * diagonal / 150, 0.006, "the diagonal is the printed test accuracy");
        List<String> perClass = Files.readAllLines(dir.resolve("per_class.csv"));
        assertEquals("class,images,predicted,correct,precision,recall", perClass.get(0));
        for (int c = 0; c < 3; c++) {
            String[] cells = perClass.get(c + 1).split(",");
            assertEquals("50", cells[1]);
            assertEquals(Integer.parseInt(cells[3]) / 50.0, Double.parseDouble(cells[5]), 1e-4, "recall = correct/50");
        }
        List<String> misses = Files.readAllLines(dir.resolve("misclassified.csv"));
        assertEquals(150 - diagonal, misses.size() - 1, "one row per mistake");
        double previous = 1;
        for (String m : misses.subList(1, misses.size())) {
            double confidence = Double.parseDouble(m.substring(m.lastIndexOf(',') + 1));
            // the first-ranked of three probabilities is at least a third
            assertTrue(confidence <= previous && confidence >= 1 / 3.0 - 1e-4, "most confident first: " + misses);
            previous = confidence;
        }
        for (String png : new String[] {"confusion.png", "misclassified.png"}) {
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertTrue(img != null && img.getWidth() > 200 && img.getHeight() > 100, png);
        }

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Run refused = exec(new TrainCommand(), tinyNet().toString(), "--report", file.toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("--report " + file + " is a file, not a folder"), refused.err());
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingRuns() throws Exception {
        Path net = tinyNet();
        String design = Files.readString(net);
        Path ck = tmp.resolve("never");
        Path csv = tmp.resolve("never.csv");
        // each: the options, then what the message must say (the option and the allowed range)
        String[][] cases = {
            {"--schedule", "step:0:0", "--schedule", "EPOCHS must be a whole number of at least 1, got 0"},
            {"--schedule", "step:1:-1", "--schedule", "GAMMA must be more than 0 and at most 1, got -1"},
            {"--schedule", "step:1:0", "--schedule", "GAMMA must be more than 0 and at most 1, got 0"},
            {"--schedule", "step:x", "--schedule", "EPOCHS 'x' is not a whole number"},
            {"--schedule", "step:2:0.5:9", "--schedule", "too many parts"},
            {"--schedule", "plateau:1.5", "--schedule", "GAMMA must be more than 0 and less than 1"},
            {"--schedule", "plateau:0.5:-1", "--schedule", "PATIENCE must be 0 or more"},
            {"--schedule", "warmup", "--schedule", "unknown schedule 'warmup'"},
            {"--weight-decay", "-1", "--weight-decay", "must be 0 or a positive number, got -1"},
            {"--weight-decay", "NaN", "--weight-decay", "must be 0 or a positive number"},
            {"--crop-padding", "100000", "--crop-padding", "between 0 and 6 pixels", "12x12"},
            {"--crop-padding", "-1", "--crop-padding", "0 (none) or more"},
            {"--momentum", "1.5", "--momentum", "at least 0 and less than 1"},
            {"--lr", "0", "--lr", "must be a positive number"},
            {"--lr", "-1e-3", "--lr", "must be a positive number"},
            {"--validation", "1", "--validation", "at least 0 and less than 1"},
            {"--epochs", "0", "--epochs", "at least 1, got 0"},
            {"--batch", "-5", "--batch", "at least 1, got -5"},
            {"--log-every", "0", "--log-every", "at least 1"},
            {"--engine", "pytorch", "--engine", "unknown engine 'pytorch': use netcanvas (the default) or samediff"},
            {"--checkpoint", net.toString(), "--checkpoint " + net, "is a file, not a folder"},
            {"--resume", tmp.resolve("no-such-run").toString(), "--resume", "not a checkpoint"},
        };
        for (String[] c : cases) {
            Run r = exec(new TrainCommand(), net.toString(), "--data", "synthetic", c[0], c[1],
                    "--metrics", csv.toString(), c[0].equals("--checkpoint") ? "--seed" : "--checkpoint",
                    c[0].equals("--checkpoint") ? "1" : ck.toString());
            String what = String.join(" ", c[0], c[1]) + ": " + r.err();
            assertEquals(ExitCodes.UNREADABLE, r.status(), what);
            for (int k = 2; k < c.length; k++) {
                assertTrue(r.err().contains(c[k]), "'" + c[k] + "' missing for " + what);
            }
            assertTrue(r.err().startsWith("train: " + c[2]), what);
            assertTrue(!r.err().contains("java.") && !r.err().contains("Exception") && !r.err().contains("\tat "),
                    what);
            // nothing ran: no data loaded, no folder, file or metrics written, the design untouched
            assertEquals("", r.out(), what);
            assertTrue(!Files.exists(ck) && !Files.exists(csv), what);
            assertEquals(design, Files.readString(net), what);
        }
    }

    @Test
    void outputsThatWouldDestroyTheDesignOrAreNotFilesAreRefused() throws Exception {
        Path net = tinyNet();
        String design = Files.readString(net);
        Run metrics = exec(new TrainCommand(), net.toString(), "--data", "synthetic", "--metrics", net.toString());
        assertEquals(ExitCodes.UNREADABLE, metrics.status(), metrics.err());
        assertTrue(metrics.err().startsWith("train: --metrics " + net + " is the design being read"), metrics.err());
        assertEquals("", metrics.out());
        assertEquals(design, Files.readString(net));

        Path fifo = tmp.resolve("metrics.csv");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "mkfifo");
        Run toFifo = exec(new TrainCommand(), net.toString(), "--data", "synthetic", "--metrics", fifo.toString());
        assertEquals(ExitCodes.UNREADABLE, toFifo.status(), toFifo.err());
        assertTrue(toFifo.err().startsWith("train: --metrics " + fifo + " is a FIFO (named pipe)"), toFifo.err());
        assertEquals(0010000, (Integer) Files.getAttribute(fifo, "unix:mode") & 0170000, "still a FIFO");

        // a design saved as a run's last/network.json, trained with --checkpoint on that run: last/ would replace it
        Path run = tmp.resolve("run");
        Path inRun = Files.createDirectories(run.resolve("last")).resolve("network.json");
        Files.copy(net, inRun);
        Run ck = exec(new TrainCommand(), inRun.toString(), "--data", "synthetic", "--checkpoint", run.toString());
        assertEquals(ExitCodes.UNREADABLE, ck.status(), ck.err());
        assertTrue(ck.err().startsWith("train: --checkpoint " + run + " would overwrite the design being read"),
                ck.err());
        assertEquals(design, Files.readString(inRun));
    }

    @Test
    void runRefusesANonPositiveTop() throws Exception {
        for (String top : new String[] {"0", "-2"}) {
            Run r = exec(new RunCommand(), tmp.toString(), "--data", "synthetic", "--top", top);
            assertEquals(ExitCodes.UNREADABLE, r.status(), r.err());
            assertTrue(r.err().startsWith("run: --top must be at least 1"), r.err());
            assertTrue(r.err().contains("got " + top), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void problemsAreOneClearLine() throws Exception {
        Run missing = exec(new TrainCommand(), tinyNet().toString(), "--data", tmp.resolve("nope").toString());
        assertEquals(ExitCodes.UNREADABLE, missing.status()); // data that cannot be read, as a file: 2
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
        assertEquals(ExitCodes.UNREADABLE, noCheckpoint.status());
        assertTrue(noCheckpoint.err().contains("not a checkpoint"), noCheckpoint.err());
    }
}
