package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import netcanvas.graph.BasicBlock;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.Conv2d;
import netcanvas.graph.DenseBlock;
import netcanvas.graph.Hw;
import netcanvas.graph.InceptionModule;
import netcanvas.graph.InceptionV3A;
import netcanvas.graph.InceptionV3B;
import netcanvas.graph.InceptionV3C;
import netcanvas.graph.InceptionV3D;
import netcanvas.graph.InceptionV3E;
import netcanvas.graph.ChannelShuffle;
import netcanvas.graph.ChannelSlice;
import netcanvas.graph.ShuffleNetV2Unit;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Shape;
import netcanvas.graph.SqueezeExcitation;
import netcanvas.graph.Stage;
import netcanvas.graph.Transition;
import org.junit.jupiter.api.Test;

/**
 * Expansion of every composite kind, checked on its parameter count, state, output shape and inner structure.
 * Parameter counts are worked out by hand below and match torchvision's modules (or a hand-written PyTorch module
 * where torchvision has none), as printed by src/test/python/reference_values.py.
 */
class CompositeBlocksTest {

    /** Analyses input(c, h, w) -> "b" (the block) and fails on any error. */
    private static Analysis block(LayerSpec spec, int c, int h, int w) {
        Analysis a = Analyzer.analyze(new NetBuilder("t").input(c, h, w).then("b", spec).build());
        assertFalse(a.hasErrors(), () -> a.diagnostics().toString());
        return a;
    }

    private static long params(Analysis a) {
        return a.row("b").cost().params();
    }

    @Test
    void inceptionSumsItsBranchChannels() {
        // GoogLeNet 3a on 192x28x28: channels 64 + 128 + 32 + 32 = 256.
        // params with biases: 1x1 192*64+64 = 12,352; 3x3 reduce 192*96+96 = 18,528; 3x3 96*128*9+128 = 110,720;
        // 5x5 reduce 192*16+16 = 3,088; 5x5 16*32*25+32 = 12,832; pool proj 192*32+32 = 6,176; sum 163,696
        // (PyTorch: the paper's module, 163,696)
        Analysis a = block(new InceptionModule(64, 96, 128, 16, 32, 32, false), 192, 28, 28);
        assertEquals(Shape.chw(256, 28, 28), a.shapeOf("b"));
        assertEquals(163_696, params(a));
        assertEquals(0, a.row("b").cost().state());
        // the pool branch keeps 28x28: 3x3/1 pad 1
        assertEquals(Shape.chw(192, 28, 28), a.shapeOf("b.branch4_pool"));
    }

    @Test
    void inceptionWithBatchNorm() {
        // biases dropped: 163,696 - (64+96+128+16+32+32 = 368) = 163,328; BN: 2*368 = 736 params and 736 state
        // -> 164,064 (PyTorch: 164,064, state 736)
        Analysis a = block(new InceptionModule(64, 96, 128, 16, 32, 32, true), 192, 28, 28);
        assertEquals(164_064, params(a));
        assertEquals(736, a.row("b").cost().state());
    }

    @Test
    void shuffleNetDownSamplingUnit() {
        // torchvision shufflenet_v2_x1_0 stage2[0], 24x56x56 -> 116x28x28: branch1 dw 24*9 = 216, BN 48, 1x1 24*58
        // = 1,392, BN 116; branch2 1x1 24*58 = 1,392, BN 116, dw 58*9 = 522, BN 116, 1x1 58*58 = 3,364, BN 116
        // -> 7,398 (PyTorch: 7,398)
        Analysis a = block(new ShuffleNetV2Unit(116, 2), 24, 56, 56);
        assertEquals(Shape.chw(116, 28, 28), a.shapeOf("b"));
        assertEquals(7_398, params(a));
        assertEquals(24, ((Conv2d) a.layer("b.branch1_dw").spec()).groups());
        assertEquals(new ChannelShuffle(2), a.layer("b.shuffle").spec());
        assertEquals(java.util.List.of("b.branch1_relu", "b.branch2_relu2"), a.layer("b.concat").inputs());
    }

    @Test
    void shuffleNetBasicUnitSplitsItsInputInHalves() {
        // stage2[1], 116x28x28: only branch2 on channels 58-115: 3,364 + 116 + 522 + 116 + 3,364 + 116 = 7,598
        // (PyTorch: 7,598); the first half (channels 0-57) passes to the concat unchanged
        Analysis a = block(new ShuffleNetV2Unit(116, 1), 116, 28, 28);
        assertEquals(Shape.chw(116, 28, 28), a.shapeOf("b"));
        assertEquals(7_598, params(a));
        assertEquals(new ChannelSlice(0, 58), a.layer("b.split_pass").spec());
        assertEquals(new ChannelSlice(58, 58), a.layer("b.split_branch").spec());
        assertEquals(java.util.List.of("b.split_pass", "b.branch2_relu2"), a.layer("b.concat").inputs());
    }

    @Test
    void shuffleNetBasicUnitNeedsItsOwnWidthAsInput() {
        Analysis a = Analyzer.analyze(new NetBuilder("t").input(24, 8, 8).then("b", new ShuffleNetV2Unit(116, 1))
                .build());
        var errors = a.diagnostics().stream().filter(d -> d.isError()).toList();
        assertEquals(1, errors.size(), a.diagnostics().toString());
        assertEquals("b", errors.get(0).node());
        assertTrue(errors.get(0).message().contains("its input must have 116 channels, not 24: set out"
                + " channels to 24 or use stride 2"), a.diagnostics().toString());
    }

    @Test
    void inceptionV3ModulesAsTorchvision() {
        // torchvision inception_v3 Mixed_5b, InceptionA(192, 32) on 192x35x35: 1x1 192*64, 1x1 192*48, 5x5 48*64*25,
        // 1x1 192*64, 3x3 64*96*9, 3x3 96*96*9, pool 1x1 192*32 = 12,288 + 9,216 + 76,800 + 12,288 + 55,296 + 82,944
        // + 6,144 = 254,976 conv weights, BN 2 * (64+48+64+64+96+96+32 = 464) = 928 -> 255,904 (PyTorch: 255,904)
        Analysis a = block(new InceptionV3A(32), 192, 35, 35);
        assertEquals(Shape.chw(256, 35, 35), a.shapeOf("b"));
        assertEquals(255_904, params(a));
        assertEquals(928, a.row("b").cost().state());
        // the rest, against PyTorch's sum(p.numel()) of Mixed_6a, 6b, 7a and 7b
        Analysis b = block(new InceptionV3B(), 288, 35, 35);
        assertEquals(Shape.chw(768, 17, 17), b.shapeOf("b"));
        assertEquals(1_153_280, params(b));
        Analysis c = block(new InceptionV3C(128), 768, 17, 17);
        assertEquals(Shape.chw(768, 17, 17), c.shapeOf("b"));
        assertEquals(1_297_408, params(c));
        assertEquals(new Hw(1, 7), ((Conv2d) c.layer("b.branch7x7_2").spec()).kernel());
        Analysis d = block(new InceptionV3D(), 768, 17, 17);
        assertEquals(Shape.chw(1280, 8, 8), d.shapeOf("b"));
        assertEquals(1_698_304, params(d));
        Analysis e = block(new InceptionV3E(), 1280, 8, 8);
        assertEquals(Shape.chw(2048, 8, 8), e.shapeOf("b"));
        assertEquals(5_044_608, params(e));
        assertEquals(Shape.chw(768, 8, 8), e.shapeOf("b.branch3x3"));
    }

    @Test
    void basicBlockWithoutProjection() {
        // 64 -> 64, stride 1: two 3x3 convs 2 * 64*64*9 = 73,728 + two BN 2 * 128 = 256 -> 73,984
        // state 256 (torchvision BasicBlock(64, 64): 73,984, state 256)
        Analysis a = block(new BasicBlock(64, 1, false, 0), 64, 56, 56);
        assertEquals(Shape.chw(64, 56, 56), a.shapeOf("b"));
        assertEquals(73_984, params(a));
        assertEquals(256, a.row("b").cost().state());
        assertNull(a.layer("b.downsample"), "no projection when stride is 1 and channels stay");
        assertNotNull(a.layer("b.relu"), "post-activation ends with a ReLU");
    }

    @Test
    void basicBlockProjectsWhenStrideChanges() {
        // 64 -> 128, stride 2: 64*128*9 = 73,728 + 256 + 128*128*9 = 147,456 + 256 + projection 64*128 = 8,192
        // + 256 -> 230,144; 56 -> floor((56+2-3)/2)+1 = 28 (torchvision resnet18 layer2[0]: 230,144, 128x28x28)
        Analysis a = block(new BasicBlock(128, 2, false, 0), 64, 56, 56);
        assertEquals(Shape.chw(128, 28, 28), a.shapeOf("b"));
        assertEquals(230_144, params(a));
        assertEquals(new Hw(2, 2), ((Conv2d) a.layer("b.downsample").spec()).stride());
        assertNotNull(a.layer("b.downsample_bn"));
    }

    @Test
    void basicBlockProjectsWhenOnlyChannelsChange() {
        // 64 -> 128, stride 1: same weights as above, 230,144; size kept at 56 (PyTorch: 230,144, 128x56x56)
        Analysis a = block(new BasicBlock(128, 1, false, 0), 64, 56, 56);
        assertEquals(Shape.chw(128, 56, 56), a.shapeOf("b"));
        assertEquals(230_144, params(a));
        assertNotNull(a.layer("b.downsample"));
    }

    @Test
    void bottleneckWithProjection() {
        // in 64, width 64, out 256: conv1 64*64 = 4,096, bn 128, conv2 64*64*9 = 36,864, bn 128, conv3 64*256 =
        // 16,384, bn 512, projection 64*256 = 16,384, bn 512 -> 75,008; state 128+128+512+512 = 1,280
        // (torchvision resnet50 layer1[0]: 75,008, state 1,280)
        Analysis a = block(new BottleneckBlock(64, 256, 1, 1, false, 0), 64, 56, 56);
        assertEquals(Shape.chw(256, 56, 56), a.shapeOf("b"));
        assertEquals(75_008, params(a));
        assertEquals(1_280, a.row("b").cost().state());
        assertNotNull(a.layer("b.downsample"));
    }

    @Test
    void bottleneckWithoutProjection() {
        // in 256: conv1 256*64 = 16,384 + 128 + 36,864 + 128 + 16,384 + 512 = 70,400 (torchvision layer1[1])
        Analysis a = block(new BottleneckBlock(64, 256, 1, 1, false, 0), 256, 56, 56);
        assertEquals(70_400, params(a));
        assertNull(a.layer("b.downsample"));
    }

    @Test
    void groupedBottleneckCarriesTheStrideOnTheThreeByThree() {
        // ResNeXt-50 32x4d layer2[0]: in 256, width 256, 32 groups, out 512, stride 2:
        // conv1 256*256 = 65,536, bn 512, conv2 256*(256/32)*9 = 18,432, bn 512, conv3 256*512 = 131,072,
        // bn 1,024, projection 256*512 = 131,072, bn 1,024 -> 349,184 (torchvision: 349,184, 512x28x28)
        Analysis a = block(new BottleneckBlock(256, 512, 2, 32, false, 0), 256, 56, 56);
        assertEquals(Shape.chw(512, 28, 28), a.shapeOf("b"));
        assertEquals(349_184, params(a));
        Conv2d conv2 = (Conv2d) a.layer("b.conv2").spec();
        assertEquals(32, conv2.groups());
        assertEquals(new Hw(2, 2), conv2.stride());
        assertEquals(Shape.chw(256, 56, 56), a.shapeOf("b.conv1"), "the 1x1 reduce keeps the size");
    }

    @Test
    void preActivationBasicBlock() {
        // BN(64) 128 + conv 36,864 + BN 128 + conv 36,864 = 73,984 (PyTorch, hand-written pre-act block);
        // no closing ReLU
        Analysis a = block(new BasicBlock(64, 1, true, 0), 64, 56, 56);
        assertEquals(73_984, params(a));
        assertNull(a.layer("b.relu"));
        assertNotNull(a.layer("b.preact_bn"));
        // 64 -> 128 /2: BN 128 + 73,728 + BN 256 + 147,456 + projection 8,192 without BN = 229,760 (PyTorch)
        Analysis p = block(new BasicBlock(128, 2, true, 0), 64, 56, 56);
        assertEquals(229_760, params(p));
        assertEquals(Shape.chw(128, 28, 28), p.shapeOf("b"));
        assertNull(p.layer("b.downsample_bn"));
        // the projection reads the activated input, as in He et al. 2016
        assertEquals("b.preact_relu", p.layer("b.downsample").inputs().get(0));
    }

    @Test
    void preActivationBottleneck() {
        // in 256: BN 512 + 16,384 + BN 128 + 36,864 + BN 128 + 16,384 = 70,400
        Analysis a = block(new BottleneckBlock(64, 256, 1, 1, true, 0), 256, 56, 56);
        assertEquals(70_400, params(a));
        assertNull(a.layer("b.relu"));
    }

    @Test
    void squeezeExcitationParams() {
        // C = 256, r = 16: fc1 256*16 + 16 = 4,112, fc2 16*256 + 256 = 4,352; 2*C*C/r + C/r + C = 8,192 + 16 + 256
        // = 8,464 (PyTorch: 8,464, 256x56x56)
        Analysis a = block(new SqueezeExcitation(16), 256, 56, 56);
        assertEquals(Shape.chw(256, 56, 56), a.shapeOf("b"));
        assertEquals(8_464, params(a));
        assertEquals(Shape.chw(16, 1, 1), a.shapeOf("b.fc1"));
    }

    @Test
    void squeezeExcitationInsideABottleneck() {
        // SE-ResNet-50 layer1[0]: 75,008 + SE on 256 channels 8,464 = 83,472
        Analysis a = block(new BottleneckBlock(64, 256, 1, 1, false, 16), 64, 56, 56);
        assertEquals(83_472, params(a));
        assertEquals(8_464, a.row("b.se").cost().params());
    }

    @Test
    void denseBlockGrowsByLayersTimesGrowth() {
        // DenseNet-121 block 1: 6 layers, k = 32, bn_size 4 on 64x56x56 -> 64 + 6*32 = 256 channels.
        // layer i sees c_i = 64 + 32(i-1): 64, 96, 128, 160, 192, 224 (sum 864):
        // norm1 2*864 = 1,728; conv1 864*128 = 110,592; norm2 6*256 = 1,536; conv2 6*128*32*9 = 221,184
        // -> 335,040, state 1,728 + 1,536 = 3,264 (torchvision _DenseBlock: 335,040, state 3,264)
        Analysis a = block(new DenseBlock(6, 32, 4), 64, 56, 56);
        assertEquals(Shape.chw(256, 56, 56), a.shapeOf("b"));
        assertEquals(335_040, params(a));
        assertEquals(3_264, a.row("b").cost().state());
        assertEquals(Shape.chw(224, 56, 56), a.shapeOf("b.denselayer6.concat"));
    }

    @Test
    void transitionHalvesChannelsAndSize() {
        // 256x56x56, compression 0.5: BN 512 + 1x1 conv 256*128 = 32,768 -> 33,280; 2x2/2 pool -> 128x28x28
        // (torchvision _Transition(256, 128): 33,280)
        Analysis a = block(new Transition(0.5), 256, 56, 56);
        assertEquals(Shape.chw(128, 28, 28), a.shapeOf("b"));
        assertEquals(33_280, params(a));
    }

    @Test
    void stageStridesOnlyItsFirstCopy() {
        // ResNet-50 layer1 with a stride of 2 on its first copy: 75,008 + 2 * 70,400 = 215,808 (torchvision
        // resnet50 layer1: 215,808; stride does not change weights); 56 -> 28 once, not three times
        Analysis a = block(new Stage(3, new BottleneckBlock(64, 256, 2, 1, false, 0)), 64, 56, 56);
        assertEquals(Shape.chw(256, 28, 28), a.shapeOf("b"));
        assertEquals(215_808, params(a));
        assertEquals(new Hw(2, 2), ((Conv2d) a.layer("b.0.conv2").spec()).stride());
        assertEquals(new Hw(1, 1), ((Conv2d) a.layer("b.1.conv2").spec()).stride());
        assertEquals(new Hw(1, 1), ((Conv2d) a.layer("b.2.conv2").spec()).stride());
        assertNotNull(a.layer("b.0.downsample"));
        assertNull(a.layer("b.1.downsample"));
        assertEquals(3, a.row("b").children().size());
    }

    @Test
    void nestedStages() {
        // 2 x (3 x basic(64)) on 64x56x56: six identity blocks of 73,984 = 443,904
        Analysis a = block(new Stage(2, new Stage(3, new BasicBlock(64, 1, false, 0))), 64, 56, 56);
        assertEquals(443_904, params(a));
        assertNotNull(a.layer("b.1.2.conv2"));
        assertTrue(a.row("b.1").composite());
    }

    @Test
    void resNet152OfTheBenchmarkHasTorchvisionsParameterCount() {
        // torchvision.models.resnet152(): 60,192,808 parameters (reference_values.py)
        Analysis a = Analyzer.analyze(AnalysisBenchmark.resnet152());
        assertFalse(a.hasErrors(), a.diagnostics()::toString);
        assertEquals(60_192_808L, a.totals().trainableParams());
        assertEquals(Shape.features(1000), a.shapeOf("out"));
    }
}
