package netcanvas.graph;

/** Palette groups, in the order the palette shows them. */
public enum Category {
    INPUT("Input"),
    CONVOLUTION("Convolution"),
    POOLING("Pooling"),
    NORMALISATION("Normalisation"),
    ACTIVATION("Activation"),
    DENSE("Dense"),
    MERGE("Merge"),
    BLOCKS("Blocks"),
    OUTPUT("Output");

    private final String title;

    Category(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
