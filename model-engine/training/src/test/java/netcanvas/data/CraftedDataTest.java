package netcanvas.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data files whose headers lie: every declared size is checked against limits and the file's length before anything
 * is allocated, so each is refused in well under 5 s and 500 MB, with a message naming the file.
 */
class CraftedDataTest {
    @TempDir
    Path tmp;

    /** An IDX header (unsigned bytes, these dimensions) followed by {@code data} bytes. */
    static byte[] idx(int[] dims, int data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x0800 | dims.length);
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(new byte[data]);
        return b.toByteArray();
    }

    private DataException refusedIdx(String name, byte[] images) throws IOException {
        Path img = Files.write(tmp.resolve(name), images);
        Path lab = Files.write(tmp.resolve(name + "-labels"), idx(new int[] {2}, 2));
        long before = used();
        DataException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(DataException.class, () -> IdxReader.read("x", img, lab, null)));
        assertTrue(e.getMessage().startsWith(img.toString()), e.getMessage());
        assertTrue(used() - before < 500L << 20, "used " + (used() - before));
        return e;
    }

    private static long used() {
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    @Test
    void negativeDimensionsAreRefused() throws Exception {
        // (-1) x (-1) x 16 = 16 values: the product alone looked fine
        DataException e = refusedIdx("neg", idx(new int[] {-1, -1, 16}, 16));
        assertTrue(e.getMessage().contains("dimension 1 is -1; sizes cannot be negative"), e.getMessage());
    }

    @Test
    void dimensionsWhoseProductWrapsAreRefused() throws Exception {
        // 2^16 x 2^16 x 2^16 = 2^48, and 2^32 x 2^32 would wrap a long multiplication of ints to 0
        DataException e = refusedIdx("wrap", idx(new int[] {65536, 65536, 65536}, 16));
        assertTrue(e.getMessage().contains("declare more than the 1073741824 values"), e.getMessage());
        DataException max = refusedIdx("max", idx(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 2}, 16));
        assertTrue(max.getMessage().contains("declare more than"), max.getMessage());
    }

    @Test
    void dimensionsLargerThanTheFileAreRefusedBeforeAllocating() throws Exception {
        // 60,000 x 28 x 28 = 47 MB declared in a 116-byte file
        DataException e = refusedIdx("short", idx(new int[] {60000, 28, 28}, 100));
        assertTrue(e.getMessage().contains("declare 47040000 values but the file has only 100"), e.getMessage());
        DataException dims = refusedIdx("dims", idx(new int[] {1, 1, 1, 1, 1, 1}, 1));
        assertTrue(dims.getMessage().contains("declares 6 dimensions"), dims.getMessage());
        // compressed, the file's length says nothing: what arrives is read, and the shortfall reported
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(z)) {
            g.write(idx(new int[] {1 << 20, 32, 32}, 1000));
        }
        DataException gz = refusedIdx("gz", z.toByteArray());
        assertTrue(gz.getMessage().contains("ends early"), gz.getMessage());
    }

    /** A PNG whose header declares width x height, with no pixel data (what a decoder reads first). */
    static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeBytes("IHDR");
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB
        chunk(d, ihdr.toByteArray());
        chunk(d, "IEND".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private static void chunk(DataOutputStream d, byte[] typeAndData) throws IOException {
        d.writeInt(typeAndData.length - 4);
        d.write(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        d.writeInt((int) crc.getValue());
    }

    @Test
    void aHugeImageIsRefusedFromItsHeader() throws Exception {
        // 40,000 x 40,000 (a 1.6 MB file of zeros decodes to 6.4 GB): refused before decoding
        Path png = Files.write(tmp.resolve("huge.png"), pngHeader(40000, 40000));
        long before = used();
        DataException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(DataException.class, () -> ImageFiles.read(png, 3, 32, 32)));
        assertTrue(e.getMessage().startsWith(png.toString()) && e.getMessage().contains("declares 40000 x 40000"),
                e.getMessage());
        assertThrows(DataException.class, () -> ImageFiles.readSample(png, 3, java.util.List.of("a")));
        assertTrue(used() - before < 500L << 20);
        Path folder = Files.createDirectory(tmp.resolve("folder.png"));
        DataException f = assertThrows(DataException.class, () -> ImageFiles.read(folder, 3, 32, 32));
        assertTrue(f.getMessage().contains("not a regular file"), f.getMessage());
    }

    @Test
    void aLargeImageIsDecodedSubsampled() throws Exception {
        // 2,100 x 2,100 is 4.4 M pixels, over the 4.2 M decoded at most: every 2nd pixel is read
        BufferedImage img = new BufferedImage(2100, 2100, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000);
        img.setRGB(2, 2, 0x00ff00);
        Path png = tmp.resolve("large.png");
        ImageIO.write(img, "png", png.toFile());
        ImageData sample = ImageFiles.readSample(png, 3, java.util.List.of("a"));
        assertEquals(1050, sample.height());
        assertEquals(1050, sample.width());
        int plane = 1050 * 1050;
        assertEquals(0xff, sample.pixels()[0] & 0xff); // red of pixel (0, 0)
        assertEquals(0xff, sample.pixels()[plane + 1050 + 1] & 0xff); // green of (1, 1), once (2, 2)
        assertEquals(3 * 32 * 32, ImageFiles.read(png, 3, 32, 32).length);
    }
}
