package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import netcanvas.data.Normalization;
import netcanvas.graph.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checkpoint folders as files: saved as one unit with checksums, torn folders refused with a message saying so,
 * crafted sizes refused before anything is allocated, and a save cut off between its two renames recovered.
 */
class CheckpointFilesTest {
    @TempDir
    Path tmp;

    static Checkpoint checkpoint(int epoch, float value) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("c1_W", Nd4j.zeros(DataType.FLOAT, 4, 1, 3, 3).addi(value));
        arrays.put("c1_b", Nd4j.zeros(DataType.FLOAT, 4).addi(value));
        Network net = TestNets.lenet5();
        return new Checkpoint(net, arrays, epoch, 10L * epoch, 0.5, List.of("a", "b"),
                new Normalization(new double[] {0.5}, new double[] {0.25}));
    }

    @Test
    void savesAndLoadsWithChecksumsAndLeavesNothingBeside() throws Exception {
        Path dir = tmp.resolve("run").resolve("last");
        checkpoint(1, 1f).save(dir);
        checkpoint(2, 2f).save(dir); // replaces the folder
        Checkpoint back = Checkpoint.load(dir);
        assertEquals(2, back.epoch());
        assertEquals(20L, back.iteration());
        assertEquals(List.of("a", "b"), back.classes());
        assertArrayEquals(new long[] {4, 1, 3, 3}, back.arrays().get("c1_W").shape());
        assertEquals(2.0, back.arrays().get("c1_W").getDouble(0, 0, 1, 2));
        String props = Files.readString(dir.resolve("checkpoint.properties"));
        assertTrue(props.contains("sha256.weights.bin=" + Checkpoint.sha256(Files.readAllBytes(
                dir.resolve("weights.bin")))), props);
        try (Stream<Path> s = Files.list(dir.getParent())) {
            assertEquals(List.of("last"), s.map(p -> p.getFileName().toString()).toList());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count());
        }
    }

    @Test
    void aFolderMixingTwoSavesIsRefusedAsTorn() throws Exception {
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        checkpoint(1, 1f).save(one);
        checkpoint(2, 2f).save(two);
        // what replacing the files one by one left after a crash: epoch 2's weights, epoch 1's properties
        Files.copy(two.resolve("weights.bin"), one.resolve("weights.bin"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TrainingException e = assertThrows(TrainingException.class, () -> Checkpoint.load(one));
        assertTrue(e.getMessage().startsWith(one.toString()) && e.getMessage().contains("torn checkpoint")
                && e.getMessage().contains("weights.bin"), e.getMessage());
        Files.delete(two.resolve("network.json"));
        TrainingException missing = assertThrows(TrainingException.class, () -> Checkpoint.load(two));
        assertTrue(missing.getMessage().contains("network.json is missing"), missing.getMessage());
    }

    @Test
    void aSaveCutOffBetweenItsRenamesIsRecovered() throws Exception {
        Path dir = tmp.resolve("last");
        checkpoint(3, 3f).save(dir);
        // the old folder moved aside by a process that is gone, the new one never moved in
        Files.move(dir, tmp.resolve(".last.netcanvas-2147483646-abc.old"));
        Files.createDirectory(tmp.resolve(".last.netcanvas-2147483646-abc.tmpdir"));
        Files.writeString(tmp.resolve(".last.netcanvas-2147483646-abc.tmpdir").resolve("weights.bin"), "half");
        Checkpoint back = Checkpoint.load(tmp);
        assertEquals(3, back.epoch());
        assertTrue(Files.isDirectory(dir));
        checkpoint(4, 4f).save(dir);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("last"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(4, Checkpoint.load(dir).epoch());
        // the same given as a relative path (recovery works on the absolute one)
        Path here = Path.of("").toAbsolutePath();
        Path relative = here.relativize(dir);
        Files.move(dir, tmp.resolve(".last.netcanvas-2147483646-def.old"));
        assertEquals(4, Checkpoint.load(relative).epoch());
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void craftedCountsAreRefusedQuickly() throws Exception {
        Path dir = tmp.resolve("ck");
        checkpoint(1, 1f).save(dir);
        Path props = dir.resolve("checkpoint.properties");
        String text = Files.readString(props);
        Files.writeString(props, text.replace("classes=2", "classes=2147483647"));
        TrainingException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(TrainingException.class, () -> Checkpoint.load(dir)));
        assertTrue(e.getMessage().contains("checkpoint.properties") && e.getMessage().contains("'classes' must be"),
                e.getMessage());
        Files.writeString(props, text.replace("channels=1", "channels=-5"));
        e = assertThrows(TrainingException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains("'channels' must be from 1 to 64, got -5"), e.getMessage());
        // A normalisation that divides by zero or NaN would print NaN % for every class: refused.
        for (String std : new String[] {"0.0", "NaN", "-1.0"}) {
            Files.writeString(props, text.replaceAll("std\\.0=[^\\n]*", "std.0=" + std));
            e = assertThrows(TrainingException.class, () -> Checkpoint.load(dir), std);
            assertTrue(e.getMessage().contains("normalisation") && e.getMessage().contains("std " + std),
                    e.getMessage());
        }
    }

    /** weights.bin whose one array declares 2e9 values (8 GB) in a file of a few hundred bytes. */
    @Test
    void aWeightsFileDeclaringBillionsOfValuesIsRefusedBeforeAllocating() throws Exception {
        Path dir = tmp.resolve("ck");
        Checkpoint.write(dir, netcanvas.io.NetworkJson.write(TestNets.lenet5()), hugeWeights(),
                new java.util.Properties());
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        TrainingException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(TrainingException.class, () -> Checkpoint.load(dir)));
        assertTrue(e.getMessage().startsWith(dir.resolve("weights.bin").toString())
                && e.getMessage().contains("declares 2000000000 values"), e.getMessage());
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTrue(after - before < 500L << 20, "used " + (after - before) + " bytes");
    }

    /** The real encoding of a [2000000000] float array's header, with 16 bytes of data. */
    private static byte[] hugeWeights() throws Exception {
        byte[] real = Checkpoint.encodeWeights(Map.of("w", Nd4j.zeros(DataType.FLOAT, 4)));
        ByteBuffer b = ByteBuffer.wrap(real);
        // find the shape [1, 4, ...] (rank 1, dimension 4) and the data length 4, and make both 2e9
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write(real);
        byte[] bytes = out.toByteArray();
        int patched = 0;
        for (int i = 0; i + 16 <= bytes.length; i++) {
            ByteBuffer w = ByteBuffer.wrap(bytes, i, 16);
            long a = w.getLong();
            long c = w.getLong();
            if (a == 1 && c == 4) { // rank 1, shape [4]
                ByteBuffer.wrap(bytes, i + 8, 8).putLong(2_000_000_000L);
                patched++;
            }
        }
        for (int i = bytes.length - 16 - 8; i >= 0; i--) {
            if (ByteBuffer.wrap(bytes, i, 8).getLong() == 4) { // the data buffer's length, just before its type
                ByteBuffer.wrap(bytes, i, 8).putLong(2_000_000_000L);
                patched++;
                break;
            }
        }
        assertEquals(2, patched, "the ND4J encoding changed: " + b.remaining() + " bytes");
        return bytes;
    }
}
