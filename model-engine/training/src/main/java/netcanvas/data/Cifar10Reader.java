package netcanvas.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CIFAR-10's binary version: data_batch_1.bin ... data_batch_5.bin and test_batch.bin, each a sequence of
 * records of one label byte followed by 3x32x32 pixel bytes (red plane, green, blue); class names from
 * batches.meta.txt when present.
 */
public final class Cifar10Reader {
    private static final int RECORD = 1 + 3 * 32 * 32;
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    private Cifar10Reader() {
    }

    public static boolean looksLike(Path dir) {
        return Files.isRegularFile(dir.resolve("data_batch_1.bin")) || Files.isRegularFile(dir.resolve("test_batch.bin"));
    }

    public static DataSplit read(Path dir) throws DataException {
        List<String> classes = CLASSES;
        Path meta = dir.resolve("batches.meta.txt");
        try {
            if (Files.isRegularFile(meta)) {
                List<String> names = Files.readAllLines(meta).stream().map(String::trim).filter(s -> !s.isEmpty())
                        .toList();
                if (names.size() == 10) {
                    classes = names;
                }
            }
        } catch (IOException e) {
            throw new DataException(meta + ": cannot be read: " + e.getMessage());
        }
        List<Path> train = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Path p = dir.resolve("data_batch_" + i + ".bin");
            if (Files.isRegularFile(p)) {
                train.add(p);
            }
        }
        Path test = dir.resolve("test_batch.bin");
        if (train.isEmpty() || !Files.isRegularFile(test)) {
            throw new DataException(dir + ": a CIFAR-10 folder needs data_batch_1.bin (to 5) and test_batch.bin");
        }
        return new DataSplit(readBatches("CIFAR-10 train", train, classes),
                readBatches("CIFAR-10 test", List.of(test), classes));
    }

    static ImageData readBatches(String name, List<Path> files, List<String> classes) throws DataException {
        List<byte[]> contents = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            try {
                long size = Files.size(f);
                if (size % RECORD != 0) {
                    throw new DataException(f + ": " + size + " bytes is not a whole number of " + RECORD
                            + "-byte CIFAR-10 records; the file is damaged");
                }
                if ((total + size / RECORD) * (RECORD - 1) > Integer.MAX_VALUE - 16) {
                    throw new DataException(f + ": the batches hold more images than NetCanvas reads at once ("
                            + (Integer.MAX_VALUE / (RECORD - 1)) + ")");
                }
                byte[] b = Files.readAllBytes(f);
                if (b.length % RECORD != 0) {
                    throw new DataException(f + ": " + b.length + " bytes is not a whole number of " + RECORD
                            + "-byte CIFAR-10 records; the file is damaged");
                }
                contents.add(b);
                total += b.length / RECORD;
            } catch (IOException e) {
                throw new DataException(f + ": cannot be read: " + e.getMessage());
            }
        }
        int n = (int) total;
        byte[] pixels = new byte[n * (RECORD - 1)];
        int[] labels = new int[n];
        int k = 0;
        for (byte[] b : contents) {
            for (int off = 0; off < b.length; off += RECORD, k++) {
                labels[k] = b[off] & 0xff;
                if (labels[k] >= classes.size()) {
                    throw new DataException(name + ": label " + labels[k] + " of record " + k + " is not a class 0-9");
                }
                System.arraycopy(b, off + 1, pixels, k * (RECORD - 1), RECORD - 1);
            }
        }
        return new ImageData(name, 3, 32, 32, pixels, labels, classes);
    }
}
