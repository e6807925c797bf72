package netcanvas.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.LayerResult;
import netcanvas.graph.CompositeSpec;
import netcanvas.graph.DenseBlock;
import netcanvas.graph.Network;
import netcanvas.graph.Transition;
import netcanvas.presets.Presets;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every preset exported to ONNX and imported back has the same analysis: each expanded layer's id, spec, shape and
 * cost. The import recognises the blocks and stages again, so the network comes back as the preset itself, except
 * DenseNet's dense blocks and transitions, which the recognizer does not look for: they come back as loose layers.
 */
class OnnxRoundTripTest {

    @TempDir
    Path dir;

    static List<String> presets() {
        return Presets.NAMES;
    }

    @ParameterizedTest
    @MethodSource("presets")
    void presetSurvivesExportAndImport(String preset) throws Exception {
        Network network = Presets.load(preset);
        Analysis before = Analyzer.analyze(network);
        Map<String, Tensor> zeros = new LinkedHashMap<>();
        WeightShapes.of(before).forEach((k, s) -> zeros.put(k, Tensor.of(s, new float[(int) Tensor.elements(s)])));
        Path file = dir.resolve(preset + ".onnx");
        Files.write(file, OnnxExporter.export(before, new WeightSet(zeros), OnnxExporter.DEFAULT_OPSET));

        OnnxImporter.Imported imported = OnnxImporter.read(file);
        assertEquals(List.of(), imported.problems());
        Analysis after = Analyzer.analyze(imported.network());
        assertEquals(before.totals(), after.totals(), preset + ": totals");
        assertEquals(before.layers().size(), after.layers().size(), preset + ": layer count");
        for (LayerResult b : before.layers()) {
            LayerResult a = after.layer(b.id());
            assertNotNull(a, preset + ": layer '" + b.id() + "' is missing after the round trip");
            assertEquals(b.spec(), a.spec(), preset + ": " + b.id());
            assertEquals(b.output(), a.output(), preset + ": " + b.id());
            assertEquals(b.cost(), a.cost(), preset + ": " + b.id());
            assertEquals(b.receptiveField(), a.receptiveField(), preset + ": " + b.id());
        }
        assertEquals(WeightShapes.of(before).keySet(), imported.weights().names(), preset + ": weight names");

        boolean dense = network.nodes().stream().anyMatch(n -> n.spec() instanceof DenseBlock
                || n.spec() instanceof Transition);
        if (dense) {
            assertTrue(imported.network().nodes().stream().noneMatch(n -> n.spec() instanceof CompositeSpec), preset);
        } else {
            assertEquals(nodes(network), nodes(imported.network()), preset + ": nodes after the round trip");
        }
    }

    private static List<String> nodes(Network n) {
        return n.nodes().stream().map(x -> x.id() + " <- " + x.inputs() + " : " + x.spec()).toList();
    }
}
