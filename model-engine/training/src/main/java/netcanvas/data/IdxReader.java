package netcanvas.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: a magic number (0x0000 08 NN: unsigned bytes, NN dimensions), the
 * dimensions as big-endian ints, then the data. Files may be gzip-compressed (recognised by their first bytes).
 */
public final class IdxReader {

    /** The Fashion-MNIST class names, in label order. */
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** More dimensions than this is no images or labels file. */
    static final int MAX_DIMENSIONS = 4;
    /** One IDX file is read into one array: at most this many bytes (1 GiB). */
    static final long MAX_VALUES = 1L << 30;

    private IdxReader() {
    }

    /** Reads an images file (3 dimensions: count, rows, columns) and its labels file (1 dimension). */
    public static ImageData read(String name, Path images, Path labels, List<String> classes) throws DataException {
        Array img = readArray(images);
        Array lab = readArray(labels);
        if (img.dims.length != 3) {
            throw new DataException(images + ": expected an IDX images file with 3 dimensions (count, rows,"
                    + " columns) but it has " + img.dims.length);
        }
        if (lab.dims.length != 1 || lab.dims[0] != img.dims[0]) {
            throw new DataException(labels + ": expected " + img.dims[0] + " labels (one per image in " + images
                    + ") but the file holds " + (lab.dims.length == 1 ? lab.dims[0] + " labels" : lab.dims.length
                    + " dimensions"));
        }
        int[] l = new int[lab.dims[0]];
        int max = 0;
        for (int i = 0; i < l.length; i++) {
            l[i] = lab.data[i] & 0xff;
            max = Math.max(max, l[i]);
        }
        List<String> names = classes;
        if (names == null || names.size() <= max) {
            String[] gen = new String[max + 1];
            for (int i = 0; i <= max; i++) {
                gen[i] = Integer.toString(i);
            }
            names = List.of(gen);
        }
        return new ImageData(name, 1, img.dims[1], img.dims[2], img.data, l, names);
    }

    private record Array(int[] dims, byte[] data) {
    }

    private static Array readArray(Path file) throws DataException {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean compressed = b0 == 0x1f && b1 == 0x8b;
            InputStream in = compressed ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream d = new DataInputStream(in);
            int magic = d.readInt();
            if ((magic >>> 8) != 0x08) {
                throw new DataException(file + ": not an IDX file of unsigned bytes (magic number 0x"
                        + Integer.toHexString(magic) + ", expected 0x0000080N)");
            }
            int n = magic & 0xff;
            if (n < 1 || n > MAX_DIMENSIONS) {
                throw new DataException(file + ": declares " + n + " dimensions; an IDX file of images or labels "
                        + "has 1 to " + MAX_DIMENSIONS);
            }
            int[] dims = new int[n];
            long total = 1;
            for (int i = 0; i < n; i++) {
                dims[i] = d.readInt();
                if (dims[i] < 0) {
                    throw new DataException(file + ": dimension " + (i + 1) + " is " + dims[i]
                            + "; sizes cannot be negative (the file is damaged)");
                }
                total = Math.min(total * dims[i], MAX_VALUES + 1); // <= 2^30 + 1 times < 2^31: never wraps
            }
            if (total > MAX_VALUES) {
                throw new DataException(file + ": dimensions " + java.util.Arrays.toString(dims) + " declare more "
                        + "than the " + MAX_VALUES + " values NetCanvas reads from one IDX file");
            }
            long header = 4L + 4L * n;
            if (!compressed && header + total > Files.size(file)) {
                throw new DataException(file + ": dimensions " + java.util.Arrays.toString(dims) + " declare "
                        + total + " values but the file has only " + Math.max(0, Files.size(file) - header)
                        + " after its header; it is truncated or damaged");
            }
            // read as it arrives, so a compressed file that declares more than it holds allocates only what it holds
            byte[] data = d.readNBytes((int) total);
            if (data.length < total) {
                throw new java.io.EOFException();
            }
            return new Array(dims, data);
        } catch (java.io.EOFException e) {
            throw new DataException(file + ": the file ends early; it is truncated, download it again");
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read: " + e.getMessage());
        }
    }
}
