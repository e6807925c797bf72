package netcanvas.data;

import java.util.List;

/**
 * Labelled images held as unsigned bytes, C x H x W per image, images one after another. The arrays are never
 * modified after construction; every transformation returns a new ImageData.
 *
 * <p>Images adapted to a network input of another shape ({@link Adaptation}) keep their stored bytes and are adapted
 * one at a time as they are read ({@link #image}), so a dataset costs its stored size whatever the network takes:
 * Fashion-MNIST's 60,000 images stay 47 MB for a 3x224x224 network, instead of 9 GB.
 *
 * @param name       where the images came from, for messages ("Fashion-MNIST train")
 * @param channels   channels of the images as they are read (after adaptation)
 * @param height     height as read
 * @param width      width as read
 * @param pixels     the stored bytes: of {@code adaptation}'s source shape when there is one
 * @param classes    class names, index = label
 * @param adaptation how the stored images become the shape read, or null when they are stored as read
 */
public record ImageData(String name, int channels, int height, int width, byte[] pixels, int[] labels,
        List<String> classes, Adaptation adaptation) {

    public ImageData {
        classes = List.copyOf(classes);
        long stored = adaptation == null ? (long) channels * height * width
                : (long) adaptation.fromC() * adaptation.fromH() * adaptation.fromW();
        if (adaptation != null && (adaptation.toC() != channels || adaptation.toH() != height
                || adaptation.toW() != width)) {
            throw new IllegalArgumentException(name + ": the adaptation gives " + adaptation.toC() + "x"
                    + adaptation.toH() + "x" + adaptation.toW() + ", not " + channels + "x" + height + "x" + width);
        }
        if ((long) labels.length * stored != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes do not hold "
                    + labels.length + " images of " + stored + " bytes");
        }
    }

    /** Images stored as they are read. */
    public ImageData(String name, int channels, int height, int width, byte[] pixels, int[] labels,
            List<String> classes) {
        this(name, channels, height, width, pixels, labels, classes, null);
    }

    public int size() {
        return labels.length;
    }

    /** Bytes of one image as read (C x H x W). */
    public int imageBytes() {
        return channels * height * width;
    }

    /** Bytes of one stored image. */
    private int storedBytes() {
        return adaptation == null ? imageBytes() : adaptation.fromC() * adaptation.fromH() * adaptation.fromW();
    }

    /** Image i as read, C x H x W bytes (a fresh array, adapted if the images are). */
    public byte[] image(int i) {
        int n = storedBytes();
        byte[] stored = new byte[n];
        System.arraycopy(pixels, (int) ((long) i * n), stored, 0, n);
        return adaptation == null ? stored : adaptation.adaptOne(stored);
    }

    /**
     * Pixel value 0..255 of image i at (c, y, x). For adapted images this adapts the whole image: read many pixels of
     * one image through {@link #image} instead.
     */
    public int pixel(int i, int c, int y, int x) {
        if (adaptation != null) {
            return image(i)[(c * height + y) * width + x] & 0xff;
        }
        return pixels[(int) ((long) i * imageBytes() + ((long) c * height + y) * width + x)] & 0xff;
    }

    public String shapeText() {
        return channels + "x" + height + "x" + width;
    }

    /** The images at these indices, in this order (still adapted as they are read, if they are). */
    public ImageData subset(String subsetName, int[] indices) {
        int n = storedBytes();
        byte[] p = new byte[Math.toIntExact((long) indices.length * n)];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, (int) ((long) indices[k] * n), p, (int) ((long) k * n), n);
            l[k] = labels[indices[k]];
        }
        return new ImageData(subsetName, channels, height, width, p, l, classes, adaptation);
    }
}
