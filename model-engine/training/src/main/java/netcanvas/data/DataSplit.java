package netcanvas.data;

/** A training set and a held-out test set with the same classes and image shape. */
public record DataSplit(ImageData train, ImageData test) {
}
