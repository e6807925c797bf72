package netcanvas.presets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import netcanvas.graph.Network;

/**
 * Builds every preset network in code, the source from which {@link PresetWriter} writes the files in samples/.
 * The shipped files, not this class, are what the app loads ({@link Presets#load}); tests check that the two agree
 * and that both match PyTorch's own counts.
 */
public final class PresetLibrary {

    private static final Map<String, Supplier<Network>> BUILDERS = builders();

    private PresetLibrary() {
    }

    private static Map<String, Supplier<Network>> builders() {
        Map<String, Supplier<Network>> m = new LinkedHashMap<>();
        m.put("lenet5", PlainNets::lenet5);
        m.put("alexnet", PlainNets::alexnet);
        m.put("alexnet-paper", PlainNets::alexnetPaper);
        m.put("zfnet", PlainNets::zfnet);
        m.put("vgg11", () -> PlainNets.vgg("vgg11", PlainNets.VGG11));
        m.put("vgg16", () -> PlainNets.vgg("vgg16", PlainNets.VGG16));
        m.put("vgg19", () -> PlainNets.vgg("vgg19", PlainNets.VGG19));
        m.put("googlenet", () -> GoogLeNet.build(false));
        m.put("resnet18", () -> ResidualNets.resnetBasic("resnet18", 2, 2, 2, 2));
        m.put("resnet34", () -> ResidualNets.resnetBasic("resnet34", 3, 4, 6, 3));
        m.put("resnet50", () -> ResidualNets.resnetBottleneck("resnet50", 1, 1, 0, 3, 4, 6, 3));
        m.put("resnet101", () -> ResidualNets.resnetBottleneck("resnet101", 1, 1, 0, 3, 4, 23, 3));
        m.put("resnet152", () -> ResidualNets.resnetBottleneck("resnet152", 1, 1, 0, 3, 8, 36, 3));
        // ResNeXt-50 32x4d: 32 groups of 4 channels in stage 1, so inner widths 128/256/512/1024.
        m.put("resnext50-32x4d", () -> ResidualNets.resnetBottleneck("resnext50-32x4d", 2, 32, 0, 3, 4, 6, 3));
        m.put("se-resnet50", () -> ResidualNets.resnetBottleneck("se-resnet50", 1, 1, 16, 3, 4, 6, 3));
        m.put("densenet121", DenseNet::densenet121);
        m.put("resnet20", () -> ResidualNets.cifarResnet("resnet20", 3));
        m.put("mobilenet_v2", MobileNets::mobilenetV2);
        m.put("squeezenet1_1", PlainNets::squeezenet11);
        m.put("shufflenet_v2_x1_0", ShuffleNets::shufflenetV2x10);
        m.put("inception_v3", InceptionV3::inceptionV3);
        m.put("efficientnet_b0", MobileNets::efficientnetB0);
        m.put("mobilenet_v3_large", MobileNets::mobilenetV3Large);
        m.put("mobilenet_v2-fmnist", MobileNets::mobilenetV2Fmnist);
        return m;
    }

    /** The names this library can build, in the order of {@link Presets#NAMES}. */
    public static List<String> names() {
        return List.copyOf(BUILDERS.keySet());
    }

    /**
     * Builds the named preset.
     *
     * @throws IllegalArgumentException when no preset has that name
     */
    public static Network build(String name) {
        Supplier<Network> b = BUILDERS.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no preset named '" + name + "'; presets are " + BUILDERS.keySet());
        }
        return b.get();
    }

    /** GoogLeNet as in the paper, optionally with its two auxiliary classifiers (off in the shipped file). */
    public static Network googlenet(boolean auxiliaryClassifiers) {
        return GoogLeNet.build(auxiliaryClassifiers);
    }
}
