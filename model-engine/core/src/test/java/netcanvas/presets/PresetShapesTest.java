package netcanvas.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.stream.Stream;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Shape;
import netcanvas.io.NetworkFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Output shapes of chosen layers (blocks give their last layer's output) against PyTorch forward hooks on the same
 * modules, as printed by model-engine/core/src/test/python/reference_counts.py (its second table; the torchvision
 * module is the same id (DenseNet's under "features."), or the one in the comment).
 */
class PresetShapesTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("lenet5", "pool2", "16x5x5"), // pool2: (32-4)/2 = 14, (14-4)/2 = 5
                Arguments.of("lenet5", "fc1", "120"), // fc1
                Arguments.of("alexnet", "pool1", "64x27x27"), // features.2: (224+4-11)/4+1 = 55, (55-3)/2+1 = 27
                Arguments.of("alexnet", "pool5", "256x6x6"), // features.12
                Arguments.of("alexnet", "avgpool", "256x6x6"), // avgpool
                Arguments.of("alexnet-paper", "conv1", "96x55x55"), // features.0: (227-11)/4+1 = 55
                Arguments.of("alexnet-paper", "conv2", "256x27x27"), // features.4
                Arguments.of("alexnet-paper", "pool2", "256x13x13"), // features.7
                Arguments.of("alexnet-paper", "pool5", "256x6x6"), // features.14
                Arguments.of("zfnet", "conv1", "96x110x110"), // features.0: (224+2-7)/2+1 = 110
                Arguments.of("zfnet", "pool1", "96x55x55"), // features.2: ceil((110-3)/2)+1 = 55
                Arguments.of("zfnet", "conv2", "256x26x26"), // features.4: (55-5)/2+1 = 26
                Arguments.of("zfnet", "pool2", "256x13x13"), // features.6: ceil((26-3)/2)+1 = 13
                Arguments.of("zfnet", "pool5", "256x6x6"), // features.14
                Arguments.of("vgg11", "pool5", "512x7x7"), // features.20
                Arguments.of("vgg16", "pool5", "512x7x7"), // features.30
                Arguments.of("vgg19", "pool5", "512x7x7"), // features.36
                Arguments.of("googlenet", "pool2", "192x28x28"), // stem
                Arguments.of("googlenet", "inception3a", "256x28x28"), // 64+128+32+32 = 256
                Arguments.of("googlenet", "inception3a.branch3b", "32x28x28"), // inception3a.b3: the 5x5 branch
                Arguments.of("googlenet", "inception3b", "480x28x28"),
                Arguments.of("googlenet", "inception4a", "512x14x14"),
                Arguments.of("googlenet", "inception4e", "832x14x14"),
                Arguments.of("googlenet", "inception5b", "1024x7x7"),
                Arguments.of("googlenet", "avgpool", "1024x1x1"),
                Arguments.of("resnet18", "layer1", "64x56x56"),
                Arguments.of("resnet18", "layer2", "128x28x28"),
                Arguments.of("resnet18", "layer3", "256x14x14"),
                Arguments.of("resnet18", "layer4", "512x7x7"),
                Arguments.of("resnet34", "layer4", "512x7x7"),
                Arguments.of("resnet50", "maxpool", "64x56x56"),
                Arguments.of("resnet50", "layer1", "256x56x56"),
                Arguments.of("resnet50", "layer2", "512x28x28"),
                Arguments.of("resnet50", "layer3", "1024x14x14"),
                Arguments.of("resnet50", "layer4", "2048x7x7"),
                Arguments.of("resnet50", "layer3.0.downsample", "1024x14x14"),
                // Inner ids mirror torchvision's module names; v1.5 strides the 3x3 (conv2), not the first 1x1.
                Arguments.of("resnet50", "layer1.0.conv1", "64x56x56"),
                Arguments.of("resnet50", "layer2.0.conv1", "128x56x56"),
                Arguments.of("resnet50", "layer2.0.conv2", "128x28x28"),
                Arguments.of("resnet50", "layer4.2.conv3", "2048x7x7"),
                Arguments.of("resnet101", "layer3", "1024x14x14"),
                Arguments.of("resnet152", "layer3", "1024x14x14"),
                Arguments.of("resnext50-32x4d", "layer1.0.conv2", "128x56x56"),
                Arguments.of("resnext50-32x4d", "layer4", "2048x7x7"),
                Arguments.of("se-resnet50", "layer2.0.se.fc1", "32x1x1"), // 512 / 16
                Arguments.of("se-resnet50", "layer4", "2048x7x7"),
                Arguments.of("densenet121", "pool0", "64x56x56"),
                Arguments.of("densenet121", "denseblock1", "256x56x56"), // 64 + 6*32
                Arguments.of("densenet121", "denseblock1.denselayer1.conv1", "128x56x56"), // bn_size 4 x growth 32
                Arguments.of("densenet121", "transition1", "128x28x28"),
                Arguments.of("densenet121", "denseblock2", "512x28x28"), // 128 + 12*32
                Arguments.of("densenet121", "transition2", "256x14x14"),
                Arguments.of("densenet121", "denseblock3.denselayer24.conv2", "32x14x14"),
                Arguments.of("densenet121", "transition3", "512x7x7"), // (256 + 24*32) / 2
                Arguments.of("densenet121", "denseblock4", "1024x7x7"), // 512 + 16*32
                Arguments.of("resnet20", "layer1", "16x28x28"),
                Arguments.of("resnet20", "layer2", "32x14x14"),
                Arguments.of("resnet20", "layer3", "64x7x7"),
                Arguments.of("resnet20", "layer2.0.downsample", "32x14x14"),
                Arguments.of("mobilenet_v2", "block1", "16x112x112"), // features.1
                Arguments.of("mobilenet_v2", "block2", "24x56x56"), // features.3
                Arguments.of("mobilenet_v2", "block3.0.dw_act", "144x28x28"), // features.4.conv.1: 24 x 6, /2
                Arguments.of("mobilenet_v2", "block3", "32x28x28"), // features.6
                Arguments.of("mobilenet_v2", "block4", "64x14x14"), // features.10
                Arguments.of("mobilenet_v2", "block6", "160x7x7"), // features.16
                Arguments.of("mobilenet_v2", "block7", "320x7x7"), // features.17
                Arguments.of("mobilenet_v2", "relu_last", "1280x7x7"), // features.18
                Arguments.of("squeezenet1_1", "pool1", "64x55x55"), // features.2: ceil((111-3)/2)+1 = 55
                Arguments.of("squeezenet1_1", "fire2", "128x55x55"), // features.3
                Arguments.of("squeezenet1_1", "fire2.expand3x3", "64x55x55"), // features.3.expand3x3
                Arguments.of("squeezenet1_1", "pool3", "128x27x27"), // features.5
                Arguments.of("squeezenet1_1", "fire9", "512x13x13"), // features.12
                Arguments.of("squeezenet1_1", "avgpool", "1000x1x1"), // classifier.3
                Arguments.of("shufflenet_v2_x1_0", "maxpool", "24x56x56"), // maxpool: (224+2-3)/2+1 = 112, 56
                Arguments.of("shufflenet_v2_x1_0", "stage2", "116x28x28"), // stage2
                Arguments.of("shufflenet_v2_x1_0", "stage2.0.branch1_relu", "58x28x28"), // stage2.0.branch1
                Arguments.of("shufflenet_v2_x1_0", "stage3", "232x14x14"), // stage3
                Arguments.of("shufflenet_v2_x1_0", "stage4", "464x7x7"), // stage4
                Arguments.of("shufflenet_v2_x1_0", "conv5", "1024x7x7"), // conv5
                Arguments.of("inception_v3", "maxpool2", "192x35x35"), // 149, 147, 73, 71, 35
                Arguments.of("inception_v3", "mixed_5b", "256x35x35"), // Mixed_5b: 64 + 64 + 96 + 32
                Arguments.of("inception_v3", "mixed_5d", "288x35x35"), // Mixed_5d
                Arguments.of("inception_v3", "mixed_6a", "768x17x17"), // Mixed_6a: 384 + 96 + 288
                Arguments.of("inception_v3", "mixed_6e", "768x17x17"), // Mixed_6e
                Arguments.of("inception_v3", "mixed_7a", "1280x8x8"), // Mixed_7a: 320 + 192 + 768
                Arguments.of("inception_v3", "mixed_7b.branch3x3_2a", "384x8x8"), // Mixed_7b.branch3x3_2a.conv
                Arguments.of("inception_v3", "mixed_7c", "2048x8x8"), // Mixed_7c
                Arguments.of("efficientnet_b0", "silu1", "32x112x112"), // features.0
                Arguments.of("efficientnet_b0", "block1", "16x112x112"), // features.1
                Arguments.of("efficientnet_b0", "block2", "24x56x56"), // features.2
                Arguments.of("efficientnet_b0", "block3", "40x28x28"), // features.3
                Arguments.of("efficientnet_b0", "block4", "80x14x14"), // features.4
                Arguments.of("efficientnet_b0", "block5", "112x14x14"), // features.5
                Arguments.of("efficientnet_b0", "block6", "192x7x7"), // features.6
                Arguments.of("efficientnet_b0", "block7", "320x7x7"), // features.7
                Arguments.of("efficientnet_b0", "silu_last", "1280x7x7"), // features.8
                Arguments.of("efficientnet_b0", "block2.0.se.fc1", "4x1x1"), // squeeze = block input 16 / 4
                Arguments.of("mobilenet_v3_large", "hardswish1", "16x112x112"), // features.0
                Arguments.of("mobilenet_v3_large", "block1", "16x112x112"), // features.1
                Arguments.of("mobilenet_v3_large", "block3", "24x56x56"), // features.3
                Arguments.of("mobilenet_v3_large", "block4", "40x28x28"), // features.4
                Arguments.of("mobilenet_v3_large", "block6", "40x28x28"), // features.6
                Arguments.of("mobilenet_v3_large", "block10", "80x14x14"), // features.10
                Arguments.of("mobilenet_v3_large", "block12", "112x14x14"), // features.12
                Arguments.of("mobilenet_v3_large", "block15", "160x7x7"), // features.15
                Arguments.of("mobilenet_v3_large", "hardswish_last", "960x7x7"), // features.16
                // features.4.block.2.fc1: make_divisible(72 // 4, 8) = 24
                Arguments.of("mobilenet_v3_large", "block4.se.fc1", "24x1x1"),
                Arguments.of("mobilenet_v3_large", "fc1", "1280")); // classifier.0
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapes")
    void shapeEqualsPyTorch(String preset, String layer, String expected) throws NetworkFormatException {
        Analysis a = Analyzer.analyze(Presets.load(preset));
        Shape s = a.shapeOf(layer);
        assertNotNull(s, () -> preset + " has no layer " + layer + "; diagnostics " + a.diagnostics());
        assertEquals(expected, s.toString(), preset + " " + layer);
    }
}
