package netcanvas.training;

import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import netcanvas.data.ImageData;

/** Dataset images as JavaFX images: grey for one channel, RGB for three, the first channel otherwise. */
public final class Thumbnails {
    private Thumbnails() {
    }

    public static Image of(ImageData d, int i) {
        WritableImage img = new WritableImage(d.width(), d.height());
        PixelWriter w = img.getPixelWriter();
        boolean rgb = d.channels() == 3;
        byte[] image = d.image(i);
        int plane = d.height() * d.width();
        for (int y = 0; y < d.height(); y++) {
            for (int x = 0; x < d.width(); x++) {
                int r = image[y * d.width() + x] & 0xff;
                int g = rgb ? image[plane + y * d.width() + x] & 0xff : r;
                int b = rgb ? image[2 * plane + y * d.width() + x] & 0xff : r;
                w.setArgb(x, y, 0xff000000 | r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    /** The first image of each class, up to max classes, in class order (-1 where a class has none). */
    public static int[] firstOfEachClass(ImageData d, int max) {
        int k = Math.min(max, d.classes().size());
        int[] first = new int[k];
        java.util.Arrays.fill(first, -1);
        int found = 0;
        for (int i = 0; i < d.size() && found < k; i++) {
            int label = d.labels()[i];
            if (label < k && first[label] < 0) {
                first[label] = i;
                found++;
            }
        }
        return first;
    }
}
