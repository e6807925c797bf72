package netcanvas.presets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is known about a preset besides its graph: the family it belongs to (the colour of its bubble in the zoo
 * chart) and the published ImageNet top-1 accuracy of the same architecture, with where that figure comes from.
 *
 * <p>The accuracies are torchvision 0.14's documented figures for its {@code IMAGENET1K_V1} weights (the
 * {@code _metrics["ImageNet-1K"]["acc@1"]} of each model's {@code Weights} enum, shown on
 * pytorch.org/vision/0.14/models.html): single 224 crop of the ImageNet-1K validation set. Only presets whose
 * architecture is torchvision's exactly (the parameter counts are equal) carry one: LeNet-5 and ResNet-20 were never
 * trained on ImageNet, the paper's AlexNet, ZFNet and SE-ResNet-50 have no torchvision weights, and torchvision's
 * GoogLeNet is not the paper's (it adds batch norm and uses 3x3 for the 5x5 branch: 6,624,904 parameters, not this
 * preset's 6,998,552), so its 69.778 % would describe another network.
 *
 * @param name   the preset's name ({@link Presets#NAMES})
 * @param family the architecture family, e.g. "ResNet"
 * @param top1   the published accuracy, absent when there is none for this exact architecture
 * @param note   why there is none (empty when there is one)
 */
public record PresetFacts(String name, String family, Optional<Accuracy> top1, String note) {

    /** Where the recorded accuracies come from. */
    public static final String SOURCE = "torchvision 0.14 model documentation";

    /**
     * A published top-1 accuracy.
     *
     * @param percent ImageNet-1K validation top-1, in percent
     * @param weights the weights it was measured with, e.g. "ResNet50_Weights.IMAGENET1K_V1"
     */
    public record Accuracy(double percent, String weights) {
        /** "torchvision 0.14 model documentation, ResNet50_Weights.IMAGENET1K_V1 acc@1". */
        public String source() {
            return SOURCE + ", " + weights + " acc@1";
        }
    }

    private static final Map<String, PresetFacts> FACTS = facts();

    private static Map<String, PresetFacts> facts() {
        Map<String, PresetFacts> m = new LinkedHashMap<>();
        none(m, "lenet5", "LeNet", "trained on MNIST, not ImageNet");
        top1(m, "alexnet", "AlexNet", 56.522, "AlexNet_Weights");
        none(m, "alexnet-paper", "AlexNet", "the paper's two-group network has no torchvision weights");
        none(m, "zfnet", "ZFNet", "no torchvision weights");
        top1(m, "vgg11", "VGG", 69.020, "VGG11_Weights");
        top1(m, "vgg16", "VGG", 71.592, "VGG16_Weights");
        top1(m, "vgg19", "VGG", 72.376, "VGG19_Weights");
        none(m, "googlenet", "GoogLeNet", "torchvision's GoogLeNet (batch norm, 3x3 for 5x5) is another network");
        top1(m, "resnet18", "ResNet", 69.758, "ResNet18_Weights");
        top1(m, "resnet34", "ResNet", 73.314, "ResNet34_Weights");
        top1(m, "resnet50", "ResNet", 76.130, "ResNet50_Weights");
        top1(m, "resnet101", "ResNet", 77.374, "ResNet101_Weights");
        top1(m, "resnet152", "ResNet", 78.312, "ResNet152_Weights");
        top1(m, "resnext50-32x4d", "ResNeXt", 77.618, "ResNeXt50_32X4D_Weights");
        none(m, "se-resnet50", "SENet", "no torchvision weights");
        top1(m, "densenet121", "DenseNet", 74.434, "DenseNet121_Weights");
        none(m, "resnet20", "ResNet", "a CIFAR-style network for 28x28 inputs, not trained on ImageNet");
        top1(m, "mobilenet_v2", "MobileNet", 71.878, "MobileNet_V2_Weights");
        top1(m, "squeezenet1_1", "SqueezeNet", 58.178, "SqueezeNet1_1_Weights");
        top1(m, "shufflenet_v2_x1_0", "ShuffleNet", 69.362, "ShuffleNet_V2_X1_0_Weights");
        // torchvision's weights carry the auxiliary classifier too (used only in training; the preset leaves it off)
        top1(m, "inception_v3", "Inception", 77.294, "Inception_V3_Weights");
        top1(m, "efficientnet_b0", "EfficientNet", 77.692, "EfficientNet_B0_Weights");
        top1(m, "mobilenet_v3_large", "MobileNet", 74.042, "MobileNet_V3_Large_Weights");
        none(m, "mobilenet_v2-fmnist", "MobileNet", "a small MobileNetV2 for 28x28 inputs, not trained on ImageNet");
        return m;
    }

    private static void top1(Map<String, PresetFacts> m, String name, String family, double percent, String enumName) {
        m.put(name, new PresetFacts(name, family,
                Optional.of(new Accuracy(percent, enumName + ".IMAGENET1K_V1")), ""));
    }

    private static void none(Map<String, PresetFacts> m, String name, String family, String why) {
        m.put(name, new PresetFacts(name, family, Optional.empty(), why));
    }

    /**
     * The facts of a preset.
     *
     * @throws IllegalArgumentException when no preset has this name
     */
    public static PresetFacts of(String name) {
        PresetFacts f = FACTS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no preset named '" + name + "'; presets are " + FACTS.keySet());
        }
        return f;
    }

    /** Every preset's facts, in the order of {@link Presets#NAMES}. */
    public static List<PresetFacts> all() {
        return List.copyOf(FACTS.values());
    }

    /** The families in the order they first appear (the zoo chart's legend). */
    public static List<String> families() {
        return all().stream().map(PresetFacts::family).distinct().toList();
    }

    /** "torchvision 0.14 model documentation, ResNet50_Weights.IMAGENET1K_V1 acc@1", or why there is none. */
    public String source() {
        return top1.map(Accuracy::source).orElse("none: " + note);
    }
}
