package netcanvas.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a dataset by name or path and fits it to a network input: "fashion-mnist" (IDX files in
 * {@link #FASHION_MNIST_DIR}), "synthetic" (generated), or a path to an IDX pair's folder, a CIFAR-10 binary folder
 * or an image folder.
 */
public final class Datasets {

    /** Where the Debian package dataset-fashion-mnist installs the files. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Images per class in the synthetic dataset's training and test parts. */
    public static final int SYNTHETIC_TRAIN_PER_CLASS = 200;
    public static final int SYNTHETIC_TEST_PER_CLASS = 50;

    private Datasets() {
    }

    /** A loaded dataset fitted to the network input, with what was done to it. */
    public record Loaded(DataSplit split, List<String> messages) {
    }

    /**
     * Loads and adapts a dataset for a network input of c x h x w with the given class count (the synthetic set
     * generates that many classes).
     */
    public static Loaded load(String spec, int c, int h, int w, int classes) throws DataException {
        return load(spec, c, h, w, classes, FASHION_MNIST_DIR);
    }

    /** As {@link #load(String, int, int, int, int)}, with Fashion-MNIST looked for in fashionDir. */
    public static Loaded load(String spec, int c, int h, int w, int classes, Path fashionDir) throws DataException {
        List<String> msgs = new ArrayList<>();
        DataSplit raw;
        if (spec.equalsIgnoreCase("synthetic")) {
            raw = new DataSplit(
                    SyntheticData.generate("synthetic train", classes, c, h, w, classes * SYNTHETIC_TRAIN_PER_CLASS, 1),
                    SyntheticData.generate("synthetic test", classes, c, h, w, classes * SYNTHETIC_TEST_PER_CLASS, 2));
            msgs.add("synthetic dataset: " + classes + " classes of oriented gratings, " + raw.train().size()
                    + " training and " + raw.test().size() + " test images generated at " + c + "x" + h + "x" + w);
        } else if (spec.equalsIgnoreCase("fashion-mnist")) {
            raw = idxPair(fashionDir, "Fashion-MNIST", IdxReader.FASHION_CLASSES, true);
        } else {
            Path p = Path.of(spec);
            if (!Files.isDirectory(p)) {
                throw new DataException(spec + ": no such folder, and not a dataset name; use fashion-mnist,"
                        + " synthetic, or a folder with IDX files, CIFAR-10 binary batches or one sub-folder per class");
            }
            if (findIdx(p, "train-images-idx3-ubyte") != null) {
                raw = idxPair(p, p.getFileName().toString(), null, false);
            } else if (Cifar10Reader.looksLike(p)) {
                raw = Cifar10Reader.read(p);
            } else if (ImageFolderReader.looksLike(p)) {
                raw = ImageFolderReader.read(p, c, h, w);
                msgs.add(p + ": images read at the network's input size " + c + "x" + h + "x" + w);
            } else {
                throw new DataException(p + ": found no train-images-idx3-ubyte[.gz], no CIFAR-10 data_batch_1.bin"
                        + " and no class sub-folders");
            }
        }
        if (raw.train().classes().size() > classes) {
            throw new DataException(raw.train().name() + " has " + raw.train().classes().size()
                    + " classes but the network's output has " + classes + " units: set the last Dense layer to "
                    + raw.train().classes().size() + " units");
        }
        int known = raw.train().classes().size();
        for (int label : raw.test().labels()) {
            if (label < 0 || label >= known) {
                throw new DataException(raw.test().name() + " has a label " + label + " outside the "
                        + known + " classes of " + raw.train().name() + ": the test set belongs to other data");
            }
        }
        Adaptation a = Adaptation.plan(raw.train(), c, h, w);
        msgs.add(a.describe(raw.train().name().replace(" train", "")));
        return new Loaded(new DataSplit(a.apply(raw.train()), a.apply(raw.test())), msgs);
    }

    private static DataSplit idxPair(Path dir, String name, List<String> classes, boolean debianPackage)
            throws DataException {
        Path trainImg = findIdx(dir, "train-images-idx3-ubyte");
        Path trainLab = findIdx(dir, "train-labels-idx1-ubyte");
        Path testImg = findIdx(dir, "t10k-images-idx3-ubyte");
        Path testLab = findIdx(dir, "t10k-labels-idx1-ubyte");
        if (trainImg == null || trainLab == null || testImg == null || testLab == null) {
            throw new DataException(name + " not found: " + dir + " must hold train-images-idx3-ubyte.gz,"
                    + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz"
                    + (debianPackage ? "; install them with `apt-get install dataset-fashion-mnist`" : ""));
        }
        return new DataSplit(IdxReader.read(name + " train", trainImg, trainLab, classes),
                IdxReader.read(name + " test", testImg, testLab, classes));
    }

    private static Path findIdx(Path dir, String base) {
        for (String n : new String[] {base + ".gz", base, base.replace("-idx", ".idx")}) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
