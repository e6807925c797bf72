package netcanvas.presets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import netcanvas.io.NetworkJson;

/**
 * Writes every preset of {@link Presets#NAMES} as NAME.json into a folder (the repository's samples/), from the
 * networks {@link PresetLibrary} builds. Run it after changing a preset or the file format:
 * {@code java -cp model-engine/core/target/classes:... netcanvas.presets.PresetWriter samples}.
 */
public final class PresetWriter {
    private PresetWriter() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PresetWriter <output folder>   (writes one NAME.json per preset)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        try {
            Files.createDirectories(dir);
            for (String name : Presets.NAMES) {
                Path file = dir.resolve(name + ".json");
                NetworkJson.write(PresetLibrary.build(name), file);
                System.out.println("wrote " + file);
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("cannot write the presets to " + dir + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
