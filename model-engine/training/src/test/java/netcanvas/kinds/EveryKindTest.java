package netcanvas.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.export.ExportRecipe;
import netcanvas.export.PyTorchExporter;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.Category;
import netcanvas.graph.Input;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Network;
import netcanvas.onnx.OnnxExporter;
import netcanvas.report.Explainer;
import netcanvas.train.CompiledNet;
import netcanvas.train.Mode;
import netcanvas.train.SameDiffCompiler;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of the registry (derived from the sealed hierarchy, so a new record is in it by existing) has what the
 * product needs of a kind: an icon, a formula, an explanation, a SameDiff lowering that trains the parameters the
 * analysis counts, a PyTorch export and an ONNX export. A new kind is tested by adding it; its defaults
 * ({@link LayerKind#createDefault}) are the instance tried, inside {@link KindNetworks#around}.
 */
class EveryKindTest {

    static List<String> kinds() {
        return LayerKinds.names();
    }

    /**
     * The registry holds every layer record, found here independently of it: the records of the graph package's
     * sources that implement a kind interface.
     */
    @Test
    void registryHoldsEveryLayerRecord() throws Exception {
        Pattern record = Pattern.compile("public record (\\w+)\\((?s:.*?)\\)\\s*implements ([^{]+)\\{");
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("basedir", "."),
                "../core/src/main/java/netcanvas/graph"))) {
            for (Path f : files.toList()) {
                Matcher m = record.matcher(Files.readString(f));
                if (m.find() && m.group(2)
                        .matches("(?s).*\\b(PrimitiveSpec|CompositeSpec|Elementwise|Pooling)\\b.*")) {
                    expected.add(m.group(1));
                }
            }
        }
        Set<String> registered = new TreeSet<>();
        for (LayerKind k : LayerKinds.ALL) {
            registered.add(k.type().getSimpleName());
        }
        assertTrue(expected.size() >= 33, "today's 24 primitives and 9 blocks at least: " + expected);
        assertEquals(expected, registered);
        assertEquals(LayerKinds.ALL.size(), Set.copyOf(LayerKinds.names()).size(), "distinct file names");
        assertEquals(Category.INPUT, LayerKinds.named("input").category());
        assertEquals(Input.class, LayerKinds.named("input").type());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void hasAnOutlineIconAndAFormula(String name) throws Exception {
        LayerKind k = LayerKinds.named(name);
        assertFalse(k.title().isBlank(), name);
        assertFalse(k.formula().isBlank(), name + " has no formula");
        Path icon = Path.of(System.getProperty("basedir", "."), "..", "..", "icons", name + ".svg");
        assertTrue(Files.isRegularFile(icon), "icons/" + name + ".svg is missing: draw a 24x24 outline icon");
        String svg = Files.readString(icon);
        assertTrue(svg.contains("viewBox=\"0 0 24 24\"") && svg.matches("(?s).*\\sd=\"M[^\"]+\".*"),
                name + ": " + svg);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void isExplainedLoweredAndExported(String name) throws Exception {
        LayerKind k = LayerKinds.named(name);
        Network net = KindNetworks.around(k);
        Analysis a = Analyzer.analyze(net);
        assertFalse(a.hasErrors(), () -> name + ": " + a.diagnostics());

        String explained = Explainer.explain(a, KindNetworks.NODE).render();
        assertTrue(explained.startsWith(KindNetworks.NODE + ": " + k.title()), explained);
        assertTrue(explained.lines().count() > 2, name + " explains nothing: " + explained);

        CompiledNet c = SameDiffCompiler.compile(net, Mode.INFER, 1);
        assertEquals(a.totals().trainableParams(), c.trainableParams(), name + ": trainable parameters in SameDiff");
        int n = 2;
        float[] x = new float[(int) (n * c.inputShape().elements())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        float[][] logits = c.logits(x, n);
        assertEquals(n, logits.length);
        for (float[] row : logits) {
            assertEquals(KindNetworks.CLASSES, row.length);
            for (float v : row) {
                assertTrue(Float.isFinite(v), name + ": logits " + java.util.Arrays.toString(row));
            }
        }

        String py = PyTorchExporter.export(a, ExportRecipe.defaults(), "net.py");
        assertTrue(py.contains("class ") && py.contains("def forward"), name + ": " + py);

        Map<String, Tensor> zeros = new LinkedHashMap<>();
        WeightShapes.of(a).forEach((key, s) -> zeros.put(key, Tensor.of(s, new float[(int) Tensor.elements(s)])));
        byte[] onnx = OnnxExporter.export(a, new WeightSet(zeros), OnnxExporter.DEFAULT_OPSET);
        assertNotNull(onnx);
        assertTrue(onnx.length > 0, name);
    }

    /** The palette's ResNeXt variant is ResNeXt-50 (32x4d)'s first block: 32 groups of 4 in a 128-wide 3x3, 256 out. */
    @Test
    void resnextVariantIsTorchvisionsFirstBlock() {
        LayerKind k = LayerKinds.named("residual_bottleneck");
        List<LayerKind.Variant> variants = k.variants();
        assertEquals(1, variants.size());
        BottleneckBlock b = (BottleneckBlock) k.create(variants.get(0).values());
        assertEquals(new BottleneckBlock(128, 256, 1, 32, false, 0), b);
    }
}
