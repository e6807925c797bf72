package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Network;
import netcanvas.io.NetworkJson;
import netcanvas.onnx.OnnxExporter;
import netcanvas.onnx.OnnxImporter;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary, import and export on ONNX files, end to end through the command line. */
class OnnxCommandsTest {
    @TempDir
    Path dir;

    /** LeNet-5 as an ONNX file with weights 0, 1, 2, ... (values the round trip must keep). */
    private Path lenetOnnx() throws Exception {
        Analysis a = Analyzer.analyze(TestNetworks.lenet5());
        Map<String, Tensor> w = new LinkedHashMap<>();
        WeightShapes.of(a).forEach((k, s) -> {
            float[] v = new float[(int) Tensor.elements(s)];
            for (int i = 0; i < v.length; i++) {
                v[i] = i % 97;
            }
            w.put(k, Tensor.of(s, v));
        });
        Path p = dir.resolve("lenet.onnx");
        Files.write(p, OnnxExporter.export(a, new WeightSet(w), 13));
        return p;
    }

    @Test
    void summaryImportAndExportReadOnnx() throws Exception {
        Path model = lenetOnnx();
        CliRun s = CliRun.of("summary", model.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("61,706"), s.out()); // LeNet-5's parameters, by hand in SummaryCommandTest

        Path json = dir.resolve("lenet.json");
        CliRun i = CliRun.of("import", model.toString(), "-o", json.toString());
        assertEquals(0, i.code(), i.err());
        Network imported = NetworkJson.read(json);
        assertTrue(imported.nodes().stream().allMatch(n -> n.position() != null), "laid out for the canvas");
        assertEquals(Analyzer.analyze(TestNetworks.lenet5()).totals(), Analyzer.analyze(imported).totals());

        // Re-exported from the .onnx, the weights are the file's own.
        Path again = dir.resolve("again.onnx");
        CliRun e = CliRun.of("export", model.toString(), "--to", "onnx", "-o", again.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("the weights imported from"), e.out());
        WeightSet before = OnnxImporter.read(model).weights();
        WeightSet after = OnnxImporter.read(again).weights();
        assertEquals(before.names(), after.names());
        for (String n : before.names()) {
            assertNotNull(after.get(n));
            assertTrue(java.util.Arrays.equals(before.get(n).floats(), after.get(n).floats()), n);
        }
    }

    @Test
    void badFilesAndOptionsAreMessagesWithTheirExitStatus() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "not a model");
        CliRun s = CliRun.of("summary", text.toString());
        assertEquals(2, s.code());
        assertTrue(s.err().contains("notes.onnx") && !s.err().contains("Exception"), s.err());
        CliRun i = CliRun.of("import", text.toString(), "-o", dir.resolve("x.json").toString());
        assertEquals(2, i.code());
        CliRun o = CliRun.of("export", "lenet5", "--to", "onnx", "--opset", "99", "-o",
                dir.resolve("x.onnx").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--opset 99"), o.err());
    }
}
