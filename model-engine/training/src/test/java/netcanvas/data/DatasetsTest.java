package netcanvas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path tmp;

    private static void writeIdx(Path file, boolean gzip, int[] dims, byte[] data) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
            out.writeInt(0x0800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    /**
     * Fashion-MNIST's 60,000 training images adapted to ResNet-18's 3x224x224 input would be 60,000 x 150,528 bytes
     * = 9.0 GB at once. Adapted as they are read, they keep their stored 47 MB, and each image reads as the whole
     * adaptation gave it before: here by hand, a 2x2 grey image repeated into three channels and zero-padded to 4x4.
     */
    /** IDX files with n images of 4x4 and these labels (magic numbers 0x803 and 0x801, sizes big-endian). */
    private static void idx(java.nio.file.Path dir, String prefix, int... labels) throws Exception {
        java.nio.ByteBuffer img = java.nio.ByteBuffer.allocate(16 + labels.length * 16);
        img.putInt(0x803).putInt(labels.length).putInt(4).putInt(4);
        java.nio.ByteBuffer lab = java.nio.ByteBuffer.allocate(8 + labels.length);
        lab.putInt(0x801).putInt(labels.length);
        for (int l : labels) {
            lab.put((byte) l);
        }
        java.nio.file.Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), img.array());
        java.nio.file.Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), lab.array());
    }

    /** Test labels outside the training classes are refused before training, naming both sets. */
    @Test
    void testLabelsOutsideTheTrainingClassesAreRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        idx(dir, "train", 0, 1, 2, 0);
        idx(dir, "t10k", 0, 7);
        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> Datasets.load(dir.toString(), 1, 4, 4, 10));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("label 7")
                && e.getMessage().contains("3 classes"), e.getMessage());
    }

    @Test
    void adaptationHappensPerImageSoADatasetCostsItsStoredSize() throws Exception {
        byte[] stored = new byte[60_000 * 28 * 28];
        stored[28 * 28 + 5] = 7; // image 1, row 0, column 5
        ImageData fashionSized = new ImageData("60k grey 28x28", 1, 28, 28, stored, new int[60_000],
                java.util.List.of("a", "b"));
        ImageData adapted = Adaptation.plan(fashionSized, 3, 224, 224).apply(fashionSized);
        org.junit.jupiter.api.Assertions.assertSame(stored, adapted.pixels(), "the stored bytes are kept, not copied");
        org.junit.jupiter.api.Assertions.assertEquals(3 * 224 * 224, adapted.image(1).length);
        ImageData two = adapted.subset("s", new int[] {1, 2});
        org.junit.jupiter.api.Assertions.assertEquals(2 * 28 * 28, two.pixels().length, "a subset keeps stored bytes");
        org.junit.jupiter.api.Assertions.assertArrayEquals(adapted.image(1), two.image(0));

        // An 8x8 grey image into 3x10x10: padded by one pixel on each side (the gap is even and at most a quarter),
        // the grey plane repeated three times.
        byte[] grey = new byte[64];
        for (int k = 0; k < 64; k++) {
            grey[k] = (byte) (k + 1);
        }
        ImageData small = new ImageData("8x8", 1, 8, 8, grey, new int[] {0}, java.util.List.of("a"));
        ImageData padded = Adaptation.plan(small, 3, 10, 10).apply(small);
        byte[] image = padded.image(0);
        org.junit.jupiter.api.Assertions.assertEquals(300, image.length);
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 10; x++) {
                    boolean border = y == 0 || y == 9 || x == 0 || x == 9;
                    int expected = border ? 0 : (y - 1) * 8 + (x - 1) + 1;
                    org.junit.jupiter.api.Assertions.assertEquals(expected, image[(ch * 10 + y) * 10 + x] & 0xff,
                            "channel " + ch + " at " + y + "," + x);
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(64, padded.pixel(0, 2, 8, 8));
    }

    @Test
    void fashionMnistFromTheDebianPackage() throws Exception {
        // numpy on the same files: 60,000/10,000 images, first training labels 9 0 0 3 0, 6,000 per class,
        // first image's pixel sum 76,247, all pixels mean 0.28604 and std 0.35302 (of 255).
        Datasets.Loaded d = Datasets.load("fashion-mnist", 1, 28, 28, 10);
        ImageData train = d.split().train();
        assertEquals(60_000, train.size());
        assertEquals(10_000, d.split().test().size());
        assertArrayEquals(new int[] {9, 0, 0, 3, 0}, java.util.Arrays.copyOf(train.labels(), 5));
        long sum = 0;
        for (int i = 0; i < 28 * 28; i++) {
            sum += train.pixels()[i] & 0xff;
        }
        assertEquals(76_247, sum);
        assertEquals("Ankle boot", train.classes().get(9));
        Normalization n = Normalization.of(train);
        assertEquals(0.28604, n.mean()[0], 1e-5);
        assertEquals(0.35302, n.std()[0], 1e-5);
    }

    @Test
    void padsTwentyEightToThirtyTwoAndRepeatsChannels() throws Exception {
        ImageData d = SyntheticData.generate("s", 2, 1, 28, 28, 2, 5);
        Adaptation a = Adaptation.plan(d, 3, 32, 32);
        assertEquals(Adaptation.Spatial.PAD, a.spatial());
        assertEquals("s images are 1x28x28; the network takes 3x32x32: zero-padding 2 pixels on each side,"
                + " repeating the grey channel three times", a.describe("s"));
        ImageData p = a.apply(d);
        // (28 + 2*2) = 32; source (y, x) lands at (y + 2, x + 2) in each of the 3 channels.
        assertEquals(d.pixel(1, 0, 0, 0), p.pixel(1, 2, 2, 2));
        assertEquals(d.pixel(1, 0, 27, 13), p.pixel(1, 1, 29, 15));
        assertEquals(0, p.pixel(1, 0, 1, 5));
        assertEquals(Adaptation.Spatial.RESIZE, Adaptation.plan(d, 1, 64, 64).spatial());
        ImageData r = Adaptation.plan(d, 1, 56, 56).apply(d);
        assertEquals(56, r.height());
    }

    @Test
    void anyIdxPairRawOrGzip() throws Exception {
        byte[] img = new byte[3 * 2 * 2];
        for (int i = 0; i < img.length; i++) {
            img[i] = (byte) (i * 20);
        }
        writeIdx(tmp.resolve("train-images-idx3-ubyte"), false, new int[] {3, 2, 2}, img);
        writeIdx(tmp.resolve("train-labels-idx1-ubyte.gz"), true, new int[] {3}, new byte[] {0, 1, 2});
        writeIdx(tmp.resolve("t10k-images-idx3-ubyte.gz"), true, new int[] {3, 2, 2}, img);
        writeIdx(tmp.resolve("t10k-labels-idx1-ubyte"), false, new int[] {3}, new byte[] {2, 1, 0});
        DataSplit s = Datasets.load(tmp.toString(), 1, 2, 2, 3).split();
        assertEquals(3, s.train().size());
        assertEquals(220, s.train().pixel(2, 0, 1, 1)); // byte 11 holds 11*20
        assertArrayEquals(new int[] {2, 1, 0}, s.test().labels());
    }

    @Test
    void cifar10Batches() throws Exception {
        byte[] rec = new byte[2 * 3073];
        rec[0] = 7;
        rec[1 + 1024 + 5] = (byte) 200; // green plane, row 0, column 5
        rec[3073] = 3;
        for (int i = 1; i <= 5; i++) {
            Files.write(tmp.resolve("data_batch_" + i + ".bin"), rec);
        }
        Files.write(tmp.resolve("test_batch.bin"), java.util.Arrays.copyOf(rec, 3073));
        DataSplit s = Datasets.load(tmp.toString(), 3, 32, 32, 10).split();
        assertEquals(10, s.train().size());
        assertEquals(1, s.test().size());
        assertEquals(200, s.train().pixel(0, 1, 0, 5));
        assertEquals("horse", s.train().classes().get(s.train().labels()[0]));
        assertEquals(3, s.train().labels()[1]);
    }

    @Test
    void imageFolderHoldsOutEveryFifth() throws Exception {
        for (String cls : List.of("cats", "dogs")) {
            Files.createDirectories(tmp.resolve(cls));
            for (int i = 0; i < 5; i++) {
                BufferedImage b = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                b.setRGB(0, 0, cls.equals("cats") ? 0xff0000 : 0x0000ff);
                ImageIO.write(b, "png", tmp.resolve(cls).resolve(i + ".png").toFile());
            }
        }
        DataSplit s = Datasets.load(tmp.toString(), 3, 8, 8, 2).split();
        assertEquals(8, s.train().size());
        assertEquals(2, s.test().size());
        assertEquals(List.of("cats", "dogs"), s.train().classes());
        assertEquals(255, s.test().pixel(0, 0, 0, 0)); // red channel of a cat
        assertEquals(255, s.test().pixel(1, 2, 0, 0)); // blue channel of a dog
    }

    @Test
    void missingDatasetNamesThePathAndThePackage() {
        DataException e = assertThrows(DataException.class,
                () -> Datasets.load(tmp.resolve("nowhere").toString(), 1, 28, 28, 10));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
        DataException f = assertThrows(DataException.class,
                () -> Datasets.load("fashion-mnist", 1, 28, 28, 10, tmp.resolve("fm")));
        assertTrue(f.getMessage().startsWith("Fashion-MNIST not found: " + tmp.resolve("fm")), f.getMessage());
        assertTrue(f.getMessage().endsWith("install them with `apt-get install dataset-fashion-mnist`"));
    }

    @Test
    void augmentationFlipsAndShifts() {
        ImageData d = new ImageData("t", 1, 1, 3, new byte[] {10, 20, 30}, new int[] {0}, List.of("a", "b"));
        float[] f = new float[3];
        float[] y = new float[2];
        new Batches(d, Normalization.none(1), Augmentation.NONE, 1).fill(new int[] {0}, f, y);
        assertArrayEquals(new float[] {10 / 255f, 20 / 255f, 30 / 255f}, f, 1e-6f);
        assertArrayEquals(new float[] {1, 0}, y);
        boolean flipped = false;
        Batches flips = new Batches(d, Normalization.none(1), new Augmentation(0, true), 1);
        for (int i = 0; i < 20; i++) {
            flips.fill(new int[] {0}, f, y);
            flipped |= f[0] == 30 / 255f && f[2] == 10 / 255f;
        }
        assertTrue(flipped, "a flip happens within 20 draws (chance of none: 2^-20)");
    }
}
