package netcanvas.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.LayerResult;
import netcanvas.presets.Presets;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every preset exported to ONNX and imported back has the same analysis: each layer's id, shape and cost. */
class OnnxRoundTripTest {

    @TempDir
    Path dir;

    static List<String> presets() {
        return Presets.NAMES;
    }

    @ParameterizedTest
    @MethodSource("presets")
    void presetSurvivesExportAndImport(String preset) throws Exception {
        Analysis before = Analyzer.analyze(Presets.load(preset));
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
    }
}
