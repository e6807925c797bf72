package netcanvas.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.LayerResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Models exported by PyTorch's own ONNX exporter import with PyTorch's parameter count, PyTorch's multiply-adds of
 * convolutions and dense layers, and every layer's output shape as PyTorch's forward hooks saw it. ShuffleNet v2
 * brings PyTorch's own channel shuffle (view, transpose, view, with channels // groups computed from the shape) and
 * torch.chunk (Slice with bounds computed from the shape).
 */
class TorchOnnxImportTest {

    static final List<String> MODELS = List.of("branchy", "alexnet", "vgg16", "googlenet", "resnet18", "resnet50",
            "resnet152", "resnext50_32x4d", "densenet121", "mobilenet_v2", "shufflenet_v2_x1_0", "efficientnet_b0",
            "mobilenet_v3_large");

    @TestFactory
    Stream<DynamicTest> importsWithPyTorchsFigures() throws Exception {
        Map<String, JsonNode> refs = TorchModels.export(MODELS);
        List<DynamicTest> tests = new ArrayList<>();
        for (var e : refs.entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
        }
        return tests.stream();
    }

    private static void check(String name, JsonNode ref) throws Exception {
        OnnxImporter.Imported imported = OnnxImporter.read(TorchModels.file(name));
        assertEquals(List.of(), imported.problems(), name + ": import problems");
        Analysis a = Analyzer.analyze(imported.network());
        assertTrue(a.diagnostics().stream().noneMatch(d -> d.isError()), name + ": " + a.diagnostics());
        assertEquals(ref.get("params").asLong(), a.totals().params(), name + ": parameters");
        assertEquals(ref.get("macs").asLong(), a.totals().macs(), name + ": conv + linear MACs");
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("shapes").fields(); it.hasNext(); ) {
            var m = it.next();
            for (int call = 0; call < m.getValue().size(); call++) {
                // PyTorch's exporter numbers repeated calls of one module: relu, relu_1, relu_2.
                // A layer inside a recognised block has the block's local name: PyTorch's layer1.0.relu_1 is the
                // expansion's layer1.0.relu2.
                String onnxId = call == 0 ? m.getKey() : m.getKey() + "_" + call;
                String id = imported.idOf(onnxId);
                LayerResult r = a.layer(id);
                assertNotNull(r, name + ": no layer '" + id + "' (imported as '" + onnxId + "') for PyTorch's module '"
                        + m.getKey() + "' (call " + (call + 1) + ")");
                TorchModels.assertShape(name + ": output of " + id, m.getValue().get(call), r.output().dims());
                compared++;
            }
        }
        System.out.printf("ONNX import of %s: %,d parameters and %,d MACs equal PyTorch's; %d layer shapes compared%n",
                name, a.totals().params(), a.totals().macs(), compared);
    }
}
