package netcanvas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import netcanvas.graph.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy input: what numpy.save writes is read; everything else is a message before anything is allocated. */
class NpyFileTest {
    @TempDir
    Path dir;

    private static final Shape INPUT = Shape.chw(1, 2, 3);

    /** A version 1.0 file with this header dictionary and these data bytes. */
    private Path file(String name, String dict, int dataBytes) throws Exception {
        String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < dataBytes / 4; i++) {
            b.putFloat(i * 0.5f);
        }
        return Files.write(dir.resolve(name), b.array());
    }

    private String message(Path f) {
        DataException e = assertThrows(DataException.class, () -> NpyFile.read(f, INPUT));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsWhatNumpySaves() throws Exception {
        // byte for byte what numpy 1.24 writes for np.arange(12, dtype=np.float32).reshape(2, 1, 2, 3) * 0.5
        Path f = file("x.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1, 2, 3), }", 48);
        assertEquals(128, Files.size(f) - 48); // numpy pads the header to a multiple of 64 bytes
        NpyFile.Samples s = NpyFile.read(f, INPUT);
        assertEquals(2, s.n());
        assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 4, 4.5f, 5, 5.5f}, s.values());
        // one sample as [C, H, W]
        assertEquals(1, NpyFile.read(file("one.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }",
                24), INPUT).n());
        // the writer gives the same bytes as the hand-made header
        float[] v = new float[12];
        for (int i = 0; i < 12; i++) {
            v[i] = i * 0.5f;
        }
        assertArrayEquals(Files.readAllBytes(f), NpyFile.bytes(v, 2, 1, 2, 3));
    }

    @Test
    void refusesWhatItCannotRunWithAMessage() throws Exception {
        assertTrue(message(file("d.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 2, 3), }", 48))
                .contains("dtype is '<f8'; NetCanvas reads little-endian float32 ('<f4')"));
        assertTrue(message(file("b.npy", "{'descr': '>f4', 'fortran_order': False, 'shape': (1, 1, 2, 3), }", 24))
                .contains("dtype is '>f4'"));
        assertTrue(message(file("f.npy", "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1, 2, 3), }", 24))
                .contains("Fortran order"));
        assertTrue(message(file("s.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 2, 1), }", 24))
                .contains("does not fit the network's input 1 x 2 x 3: give [N, 1, 2, 3]"));
        assertTrue(message(file("r.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", 24))
                .contains("is not [N, 1, 2, 3]"));
        assertTrue(message(file("t.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1, 2, 3), }", 40))
                .contains("declares 12 float32 values (48 bytes) but the file holds 40 bytes of data: it is "
                        + "truncated"));
        assertTrue(message(file("e.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 1, 2, 3), }", 0))
                .contains("holds no sample"));
        // 10^15 samples of 6 values declared in a 24-byte array: refused, nothing allocated
        assertTrue(message(file("a.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000000000, 1, 2,"
                + " 3), }", 24)).contains("declares 6000000000000000 float32 values (24000000000000000 bytes) but the"
                        + " file holds 24 bytes"));
        assertTrue(message(file("o.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (999999999999999999, 1,"
                + " 2, 3), }", 24)).contains("declares more values than any file holds"));
        assertTrue(message(file("n.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 1, 2, 3), }", 24))
                .contains("is not a tuple of sizes"));
        assertTrue(message(Files.writeString(dir.resolve("text.npy"), "just text")).contains("not a NumPy .npy"));
        byte[] cut = Arrays.copyOf(Files.readAllBytes(file("c.npy", "{'descr': '<f4', 'fortran_order': False, "
                + "'shape': (1, 1, 2, 3), }", 24)), 40);
        assertTrue(message(Files.write(dir.resolve("c.npy"), cut)).contains("the file is truncated"));
        assertTrue(message(dir.resolve("missing.npy")).contains("no such file"));
    }
}
