package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import netcanvas.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * kill -9 at random moments: a child process saving checkpoints and designs in a loop is killed 50 times, at a
 * random delay after it starts saving. After every kill the checkpoint loads, its weights agree with its epoch
 * (never one save's weights with another's properties), epochs never go back, and the design file is a whole one;
 * after the next (uninterrupted) save no temporary file or folder is left.
 */
class CheckpointCrashTest {
    private static final int KILLS = 50;
    private static final int BLOBS = 5;

    @TempDir
    Path tmp;

    @Test
    void everyKillLeavesTheOldOrTheNewCheckpointWhole() throws Exception {
        Path blobs = Files.createDirectory(tmp.resolve("blobs"));
        Path run = Files.createDirectory(tmp.resolve("run"));
        for (int k = 0; k < BLOBS; k++) {
            Map<String, INDArray> arrays = new java.util.LinkedHashMap<>();
            arrays.put("c1_W", Nd4j.zeros(DataType.FLOAT, 6, 1, 5, 5).addi(k));
            arrays.put("f7_b", Nd4j.zeros(DataType.FLOAT, 10).addi(k));
            Files.write(blobs.resolve("weights-" + k + ".bin"), Checkpoint.encodeWeights(arrays));
        }
        Files.writeString(blobs.resolve("count"), Integer.toString(BLOBS));
        Files.writeString(blobs.resolve("network.json"), NetworkJson.write(TestNets.lenet5()));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int lastEpoch = 0;
        int leftovers = 0;
        long started = System.nanoTime();
        for (int kill = 0; kill < KILLS; kill++) {
            Process p = child(run, blobs, "loop").start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("saving")) {
                p.destroyForcibly();
                p.waitFor();
                org.junit.jupiter.api.Assertions.fail("child did not start: " + first
                        + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            Thread.sleep(random.nextInt(250));
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            try (Stream<Path> s = Files.list(run)) {
                leftovers += s.anyMatch(f -> f.getFileName().toString().contains(".netcanvas-")) ? 1 : 0;
            }
            String where = "kill " + kill + " (seed " + seed + ")";
            if (!Files.exists(run.resolve("last")) && lastEpoch == 0
                    && Stream.of(run.toFile().list()).noneMatch(n -> n.endsWith(".old"))) {
                continue; // killed before its first save finished: there is no old checkpoint yet
            }
            Checkpoint ck = Checkpoint.load(run);
            assertTrue(ck.epoch() >= lastEpoch, where + ": epoch went back from " + lastEpoch + " to " + ck.epoch());
            float expected = ck.epoch() % BLOBS;
            for (var e : ck.arrays().entrySet()) {
                assertEquals(expected, e.getValue().minNumber().floatValue(), where + ": " + e.getKey());
                assertEquals(expected, e.getValue().maxNumber().floatValue(), where + ": " + e.getKey());
            }
            assertEquals(100L * ck.epoch(), ck.iteration(), where);
            lastEpoch = ck.epoch();
            if (Files.exists(run.resolve("design.json"))) {
                String name = NetworkJson.read(run.resolve("design.json")).name();
                assertTrue(name.matches("v\\d+") && Integer.parseInt(name.substring(1)) <= lastEpoch + 1,
                        where + ": design " + name + " at epoch " + lastEpoch);
            }
        }
        Process p = child(run, blobs, "once").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(run)) {
            s.forEach(f -> names.add(f.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(List.of("design.json", "last")), new TreeSet<>(names));
        try (Stream<Path> s = Files.list(run.resolve("last"))) {
            assertEquals(3, s.count());
        }
        assertEquals(lastEpoch + 1, Checkpoint.load(run).epoch());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d kills in %.1f s reached epoch %d; %d left temporaries behind%n", KILLS, seconds,
                lastEpoch, leftovers);
        assertTrue(lastEpoch >= KILLS / 2, "the child hardly saved: epoch " + lastEpoch);
        assertTrue(leftovers > 0, "no kill landed inside a save, so nothing was tested");
    }

    private static ProcessBuilder child(Path run, Path blobs, String mode) {
        String real = System.getProperty("surefire.test.class.path");
        String cp = real != null && !real.isBlank() ? real : System.getProperty("java.class.path");
        assertTrue(cp.contains(File.pathSeparator) || cp.endsWith(".jar"), cp);
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx64m", "-cp", cp, CheckpointCrashChild.class.getName(),
                run.toString(), blobs.toString(), mode);
    }
}
