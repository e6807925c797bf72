package netcanvas.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import netcanvas.graph.Network;
import netcanvas.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checked-in samples/ folder, the name list and the library that generates the files agree. */
class PresetFilesTest {
    /** Surefire runs in model-engine/core/, so the repository's samples/ folder is two levels up. */
    private static final Path SAMPLES = Path.of("..", "..", "samples");

    static List<String> names() {
        return Presets.NAMES;
    }

    @Test
    void samplesFolderHoldsExactlyThePresetNames() throws IOException {
        assertTrue(Files.isDirectory(SAMPLES), "no samples folder at " + SAMPLES.toAbsolutePath());
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(SAMPLES)) {
            s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .forEach(f -> files.add(f.substring(0, f.length() - ".json".length())));
        }
        assertEquals(new TreeSet<>(Presets.NAMES), files);
    }

    @Test
    void libraryBuildsEveryNameInMenuOrder() {
        assertEquals(Presets.NAMES, PresetLibrary.names());
    }

    /** A file that NetworkJson.write reproduces byte for byte is canonical: saving it in the app changes nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void checkedInFileIsCanonical(String name) throws Exception {
        String text = Files.readString(SAMPLES.resolve(name + ".json"), StandardCharsets.UTF_8);
        Network loaded = Presets.load(name);
        assertEquals(text, NetworkJson.write(loaded), name + ".json is not in canonical form");
    }

    /** The shipped file is what PresetLibrary builds, so regenerating samples/ with PresetWriter changes nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void checkedInFileMatchesTheLibrary(String name) throws Exception {
        assertEquals(PresetLibrary.build(name), Presets.load(name),
                name + ".json is stale: regenerate samples/ with netcanvas.presets.PresetWriter");
        assertEquals(name, Presets.load(name).name());
    }
}
