package netcanvas.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.Totals;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.io.NetworkFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped preset, loaded by name, against PyTorch's own counts for the same network.
 *
 * <p>The figures come from src/test/python/reference_counts.py (run with /usr/bin/python3, torch 1.13,
 * torchvision 0.14): parameters = sum(p.numel() for p in model.parameters()); BN state = the running_mean and
 * running_var buffers; MACs = Conv2d and Linear multiply-accumulates for one sample, measured with forward hooks,
 * which also count the Conv2d and Linear layers that ran.
 * torchvision's models are used where they exist; alexnet-paper, zfnet, googlenet (the paper's) and se-resnet50 are
 * hand-written nn.Modules in that script, as are resnet20 (He et al.'s CIFAR ResNet-20 on 1x28x28 with torchvision
 * BasicBlocks) and mobilenet_v2-fmnist (torchvision's InvertedResidual blocks on 1x28x28). The published torchvision figures (LeNet-5 61,706 / 416,520,
 * AlexNet 61,100,840 / 714,188,480, VGG-16 138,357,544 / 15,470,264,320, VGG-19 143,667,240, ResNet-18 11,689,512 /
 * 1,814,073,344, ResNet-34 21,797,672, ResNet-50 25,557,032 / 4,089,184,256, ResNet-101 44,549,160, ResNet-152
 * 60,192,808, ResNeXt-50 25,028,904, DenseNet-121 7,978,856; ShuffleNet v2 x1.0 2,278,604 / 144,907,992, Inception v3
 * at 299x299 without the auxiliary classifier 23,834,568 / 5,713,216,096) agree with the script's output.
 */
class PresetTotalsTest {

    static Stream<Arguments> references() {
        return Stream.of(
                // name, trainable params, BN running stats, MACs (conv + dense) for one sample, conv + dense layers
                Arguments.of("lenet5", 61_706L, 0L, 416_520L, 5),
                Arguments.of("alexnet", 61_100_840L, 0L, 714_188_480L, 8),
                Arguments.of("alexnet-paper", 60_965_224L, 0L, 724_406_816L, 8),
                Arguments.of("zfnet", 62_357_608L, 0L, 1_168_032_896L, 8),
                Arguments.of("vgg11", 132_863_336L, 0L, 7_609_090_048L, 11),
                Arguments.of("vgg16", 138_357_544L, 0L, 15_470_264_320L, 16),
                Arguments.of("vgg19", 143_667_240L, 0L, 19_632_062_464L, 19),
                Arguments.of("googlenet", 6_998_552L, 0L, 1_582_671_872L, 58),
                Arguments.of("resnet18", 11_689_512L, 9_600L, 1_814_073_344L, 21),
                Arguments.of("resnet34", 21_797_672L, 17_024L, 3_663_761_408L, 37),
                Arguments.of("resnet50", 25_557_032L, 53_120L, 4_089_184_256L, 54),
                Arguments.of("resnet101", 44_549_160L, 105_344L, 7_801_405_440L, 105),
                Arguments.of("resnet152", 60_192_808L, 151_424L, 11_513_626_624L, 156),
                Arguments.of("resnext50-32x4d", 25_028_904L, 68_224L, 4_230_479_872L, 54),
                Arguments.of("se-resnet50", 28_088_024L, 53_120L, 4_091_699_200L, 86),
                Arguments.of("densenet121", 7_978_856L, 83_648L, 2_834_161_664L, 121),
                Arguments.of("resnet20", 272_186L, 1_568L, 31_021_952L, 22),
                Arguments.of("mobilenet_v2", 3_504_872L, 34_112L, 300_774_272L, 53),
                Arguments.of("squeezenet1_1", 1_235_496L, 0L, 349_151_936L, 26),
                Arguments.of("shufflenet_v2_x1_0", 2_278_604L, 16_180L, 144_907_992L, 57),
                // 299x299, torchvision's inception_v3(aux_logits=False)
                Arguments.of("inception_v3", 23_834_568L, 34_432L, 5_713_216_096L, 95),
                Arguments.of("efficientnet_b0", 5_288_548L, 42_016L, 385_814_752L, 82),
                Arguments.of("mobilenet_v3_large", 5_483_032L, 24_400L, 216_589_760L, 64),
                // 1x28x28, torchvision's InvertedResidual blocks (reference_counts.py's mobilenet_v2_fmnist)
                Arguments.of("mobilenet_v2-fmnist", 149_098L, 6_944L, 5_671_696L, 32));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void totalsEqualPyTorch(String name, long params, long state, long macs, int weightLayers)
            throws NetworkFormatException {
        Analysis a = Analyzer.analyze(Presets.load(name));
        assertTrue(a.diagnostics().isEmpty(), () -> name + " has diagnostics: " + a.diagnostics());
        Totals t = a.totals();
        assertTrue(t.complete(), name + " analysis is incomplete");
        assertEquals(params, t.trainableParams(), name + " trainable params vs PyTorch parameters()");
        assertEquals(state, t.stateValues(), name + " BN running mean + variance vs PyTorch buffers");
        assertEquals(params, t.params(), name + " total params count parameters only, as parameters() does");
        assertEquals(macs, t.macs(), name + " MACs of conv + dense");
        long convAndDense = a.layers().stream().filter(l -> l.spec() instanceof Conv2d || l.spec() instanceof Dense)
                .count();
        assertEquals(weightLayers, convAndDense, name + " Conv2d + Dense layers vs PyTorch's Conv2d + Linear calls");
    }

    @Test
    void everyPresetHasAReference() {
        assertEquals(Presets.NAMES, references().map(a -> (String) a.get()[0]).toList());
    }
}
