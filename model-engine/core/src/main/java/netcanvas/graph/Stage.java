package netcanvas.graph;

/**
 * A block or layer repeated in sequence, as a ResNet stage ("layer2"): the first copy keeps its stride and the rest
 * use stride 1 (every {@link Strided} kind: residual blocks, convolutions, pools). Copies are named 0, 1, 2... ("layer2.0.conv1").
 */
@Kind(json = "stage", title = "Stage", category = Category.BLOCKS,
        formula = "a block repeated N times; stride on the first")
public record Stage(
        @Param(label = "Repeat", defaultValue = "2", min = 1, max = 10000) int repeat,
        @Param(label = "Block", example = "residual_basic") LayerSpec block) implements CompositeSpec {

    public Stage {
        ParamBounds.check(Stage.class, repeat, block);
        if (block instanceof Input) {
            throw new IllegalArgumentException("a stage cannot repeat an Input");
        }
        int min = block.minInputs();
        if (min > 1) {
            throw new IllegalArgumentException("a stage chains copies of a one-input block, but "
                    + LayerKinds.of(block).title() + " needs " + min + " inputs");
        }
    }

    @Override
    public void expand(BlockBuilder b) {
        String x = b.input(0);
        for (int i = 0; i < repeat; i++) {
            LayerSpec copy = i > 0 && block instanceof Strided s ? s.withUnitStride() : block;
            x = b.add(Integer.toString(i), copy, x);
        }
    }

    /** "3 x 1x1-3x3-1x1, 64->256": the block's own key parameters say what it is, and fit in a box's line. */
    @Override
    public String keyParams() {
        return repeat + " x " + (block.keyParams().isEmpty() ? LayerKinds.of(block).title() : block.keyParams());
    }
}
