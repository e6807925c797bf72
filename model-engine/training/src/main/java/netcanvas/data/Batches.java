package netcanvas.data;

import java.util.Random;

/** Fills batches of normalised (and, for training, augmented) N x C x H x W floats and their labels. */
public final class Batches {
    private final ImageData data;
    private final Normalization norm;
    private final Augmentation aug;
    private final Random rnd;

    public Batches(ImageData data, Normalization norm, Augmentation aug, long seed) {
        this.data = data;
        this.norm = norm;
        this.aug = aug;
        this.rnd = new Random(seed);
    }

    /** Starts the augmentation's random draws afresh, so an epoch draws the same whether or not the run was resumed. */
    public void reseed(long seed) {
        rnd.setSeed(seed);
    }

    public ImageData data() {
        return data;
    }

    /**
     * Writes the images at indices into features (length n*C*H*W) and their labels as one-hot rows; the row length
     * is oneHot.length / n (the network may have more outputs than the data has classes).
     */
    public void fill(int[] indices, float[] features, float[] oneHot) {
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        int classes = oneHot.length / Math.max(1, indices.length);
        java.util.Arrays.fill(oneHot, 0f);
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            int dy = 0;
            int dx = 0;
            if (aug.cropPadding() > 0) {
                dy = rnd.nextInt(2 * aug.cropPadding() + 1) - aug.cropPadding();
                dx = rnd.nextInt(2 * aug.cropPadding() + 1) - aug.cropPadding();
            }
            boolean flip = aug.horizontalFlip() && rnd.nextBoolean();
            int base = k * c * h * w;
            // Stored images are read in place; adapted ones are adapted here, one at a time.
            byte[] image = data.adaptation() == null ? data.pixels() : data.image(i);
            int at = data.adaptation() == null ? (int) ((long) i * c * h * w) : 0;
            for (int ch = 0; ch < c; ch++) {
                float zero = norm.apply(ch, 0);
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    for (int x = 0; x < w; x++) {
                        int sx = (flip ? w - 1 - x : x) + dx;
                        features[base + (ch * h + y) * w + x] = sy < 0 || sy >= h || sx < 0 || sx >= w ? zero
                                : norm.apply(ch, image[at + (ch * h + sy) * w + sx] & 0xff);
                    }
                }
            }
            oneHot[k * classes + data.labels()[i]] = 1f;
        }
    }
}
