package netcanvas.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder with one sub-folder of images per class (the sub-folder's name is the class name), or with train/ and
 * test/ folders laid out that way. Without a test/ folder every fifth image of each class is held out for testing.
 * Images are read at the network's input size and channel count.
 */
public final class ImageFolderReader {
    private ImageFolderReader() {
    }

    public static boolean looksLike(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            return false;
        }
    }

    public static DataSplit read(Path dir, int channels, int height, int width) throws DataException {
        Path train = dir.resolve("train");
        Path test = dir.resolve("test");
        if (Files.isDirectory(train) && Files.isDirectory(test)) {
            List<String> classes = classFolders(train);
            return new DataSplit(load(dir + " (train)", train, classes, channels, height, width, -1),
                    load(dir + " (test)", test, classes, channels, height, width, -1));
        }
        List<String> classes = classFolders(dir);
        return new DataSplit(load(dir + " (train)", dir, classes, channels, height, width, 0),
                load(dir + " (test)", dir, classes, channels, height, width, 1));
    }

    private static List<String> classFolders(Path dir) throws DataException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            if (names.size() < 2) {
                throw new DataException(dir + ": an image folder needs one sub-folder per class (at least two); found "
                        + names.size());
            }
            return names;
        } catch (IOException e) {
            throw new DataException(dir + ": cannot be listed: " + e.getMessage());
        }
    }

    /** part -1: every image; 0: all but every fifth; 1: every fifth. */
    private static ImageData load(String name, Path root, List<String> classes, int c, int h, int w, int part)
            throws DataException {
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            Path folder = root.resolve(classes.get(k));
            if (!Files.isDirectory(folder)) {
                throw new DataException(folder + ": missing; test/ needs the same class folders as train/");
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(ImageFiles::isImage).sorted().toList();
            } catch (IOException e) {
                throw new DataException(folder + ": cannot be listed: " + e.getMessage());
            }
            for (int i = 0; i < files.size(); i++) {
                boolean held = i % 5 == 4;
                if (part == -1 || (part == 1) == held) {
                    images.add(ImageFiles.read(files.get(i), c, h, w));
                    labels.add(k);
                }
            }
        }
        if (images.isEmpty()) {
            throw new DataException(root + ": no PNG, JPEG, GIF or BMP images in the class folders");
        }
        if ((long) images.size() * c * h * w > Integer.MAX_VALUE - 16) {
            throw new DataException(root + ": " + images.size() + " images of " + c + "x" + h + "x" + w
                    + " are more than NetCanvas holds in memory at once (2 GB)");
        }
        byte[] pixels = new byte[images.size() * c * h * w];
        int[] l = new int[images.size()];
        for (int i = 0; i < l.length; i++) {
            System.arraycopy(images.get(i), 0, pixels, i * c * h * w, c * h * w);
            l[i] = labels.get(i);
        }
        return new ImageData(name, c, h, w, pixels, l, classes);
    }
}
