package netcanvas.data;

import java.util.List;

/**
 * Labelled images held as unsigned bytes, C x H x W per image, images one after another. The arrays are never
 * modified after construction; every transformation returns a new ImageData.
 *
 * @param name    where the images came from, for messages ("Fashion-MNIST train")
 * @param classes class names, index = label
 */
public record ImageData(String name, int channels, int height, int width, byte[] pixels, int[] labels,
        List<String> classes) {

    public ImageData {
        classes = List.copyOf(classes);
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes do not hold "
                    + labels.length + " images of " + channels + "x" + height + "x" + width);
        }
    }

    public int size() {
        return labels.length;
    }

    public int imageBytes() {
        return channels * height * width;
    }

    /** Pixel value 0..255 of image i at (c, y, x). */
    public int pixel(int i, int c, int y, int x) {
        return pixels[(int) ((long) i * imageBytes() + ((long) c * height + y) * width + x)] & 0xff;
    }

    public String shapeText() {
        return channels + "x" + height + "x" + width;
    }

    /** The images at these indices, in this order. */
    public ImageData subset(String subsetName, int[] indices) {
        int n = imageBytes();
        byte[] p = new byte[indices.length * n];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * n, p, k * n, n);
            l[k] = labels[indices[k]];
        }
        return new ImageData(subsetName, channels, height, width, p, l, classes);
    }
}
