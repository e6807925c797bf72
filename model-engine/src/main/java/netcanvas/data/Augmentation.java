package netcanvas.data;

/**
 * Training-time augmentation: a random crop after zero padding by {@code cropPadding} pixels (0 for none), and a
 * horizontal flip with probability 1/2.
 */
public record Augmentation(int cropPadding, boolean horizontalFlip) {
    public static final Augmentation NONE = new Augmentation(0, false);

    public boolean active() {
        return cropPadding > 0 || horizontalFlip;
    }
}
