package netcanvas.data;

/**
 * Training-time augmentation: a random crop after zero padding by {@code cropPadding} pixels (0 for none), and a
 * horizontal flip with probability 1/2.
 */
public record Augmentation(int cropPadding, boolean horizontalFlip) {
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be 0 (none) or more pixels, got " + cropPadding);
        }
    }

    /**
     * The most padding that makes sense for an image of this size: half its smaller side, so every crop keeps at
     * least half the image (CIFAR's usual 4 of 32 is well inside).
     */
    public static int maxCropPadding(int height, int width) {
        return Math.min(height, width) / 2;
    }

    public boolean active() {
        return cropPadding > 0 || horizontalFlip;
    }
}
