package netcanvas.graph;

/**
 * A block that expands deterministically into other layers. Analysis, training and export only ever see the
 * expansion, so a block's behaviour is defined once, by {@link #expand}.
 */
public sealed interface CompositeSpec extends LayerSpec
        permits InceptionModule, BasicBlock, BottleneckBlock, SqueezeExcitation, DenseBlock, Transition,
        InvertedResidual, FireModule, ShuffleNetV2Unit, InceptionV3A, InceptionV3B, InceptionV3C, InceptionV3D,
        InceptionV3E, Stage {

    /**
     * Adds this block's inner layers to the builder. The builder knows the block's input shapes (where they are
     * known), so a block can, for instance, add a projection shortcut only when its shapes change.
     */
    void expand(BlockBuilder builder);
}
