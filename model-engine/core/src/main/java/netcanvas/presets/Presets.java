package netcanvas.presets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netcanvas.graph.Network;
import netcanvas.io.NetworkFormatException;
import netcanvas.io.NetworkJson;

/**
 * The classic networks shipped in samples/ (packaged as resources netcanvas/presets/NAME.json), loadable by name.
 */
public final class Presets {

    /** Every preset, in the order menus list them. */
    public static final List<String> NAMES = List.of("lenet5", "alexnet", "alexnet-paper", "zfnet", "vgg11",
            "vgg16", "vgg19", "googlenet", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
            "resnext50-32x4d", "se-resnet50", "densenet121", "resnet20",
            "mobilenet_v2", "squeezenet1_1",
            "shufflenet_v2_x1_0", "inception_v3",
            "efficientnet_b0", "mobilenet_v3_large", "mobilenet_v2-fmnist");

    private Presets() {
    }

    public static boolean exists(String name) {
        return NAMES.contains(name);
    }

    /**
     * Loads a preset by name.
     *
     * @throws NetworkFormatException naming the preset when it is unknown or its resource is missing or broken
     */
    public static Network load(String name) throws NetworkFormatException {
        if (!exists(name)) {
            throw new NetworkFormatException("", "'" + name + "' is neither a file nor a preset; presets are "
                    + String.join(", ", NAMES));
        }
        String resource = "/netcanvas/presets/" + name + ".json";
        try (InputStream in = Presets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new NetworkFormatException("", "preset '" + name + "' is missing from this build ("
                        + resource + ")");
            }
            return NetworkJson.read(in);
        } catch (NetworkFormatException e) {
            throw e.inFile("preset " + name);
        } catch (IOException e) {
            throw new NetworkFormatException("preset " + name, "cannot be read: " + e.getMessage());
        }
    }

    /** A path to a network file if one exists there, else a preset name. */
    public static Network resolve(String fileOrName) throws NetworkFormatException {
        if (fileOrName.isEmpty()) {
            throw new NetworkFormatException("", "no network given (the file name is empty); give a network file or "
                    + "a preset: " + String.join(", ", NAMES));
        }
        Path p = Path.of(fileOrName);
        // A preset's name means the preset unless a regular file of that name is here: a folder that happens to be
        // called resnet50 (a training run's, say) does not hide it.
        if (Files.isRegularFile(p) || (!exists(fileOrName) && (Files.exists(p) || fileOrName.endsWith(".json")))) {
            return NetworkJson.read(p);
        }
        return load(fileOrName);
    }
}
