package netcanvas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import netcanvas.export.TorchCheck;
import netcanvas.presets.PresetFacts;
import netcanvas.presets.Presets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The zoo: every preset's family, totals and published top-1 accuracy. The accuracies are torchvision 0.14's
 * documented acc@1 of its IMAGENET1K_V1 weights (pytorch.org/vision/0.14/models.html, e.g. ResNet-50 76.13,
 * VGG-16 71.592); the totals are torchvision's counts (see PresetTotalsTest).
 */
class ZooReportTest {
    private static ZooReport macs;
    private static Map<String, ZooReport.Entry> byName;

    @BeforeAll
    static void analyse() throws Exception {
        macs = ZooReport.of(CostConvention.MACS);
        byName = macs.entries().stream().collect(Collectors.toMap(ZooReport.Entry::name, Function.identity()));
    }

    @Test
    void everyPresetHasFactsInTheMenusOrder() {
        assertEquals(Presets.NAMES, PresetFacts.all().stream().map(PresetFacts::name).toList());
        assertEquals(Presets.NAMES, macs.entries().stream().map(ZooReport.Entry::name).toList());
    }

    @Test
    void accuraciesAreTorchvisionsDocumentedFigures() {
        assertEquals(76.13, top1("resnet50"), 1e-9);
        assertEquals(71.592, top1("vgg16"), 1e-9);
        assertEquals(56.522, top1("alexnet"), 1e-9);
        assertEquals(69.758, top1("resnet18"), 1e-9);
        assertEquals(77.618, top1("resnext50-32x4d"), 1e-9);
        assertEquals(71.878, top1("mobilenet_v2"), 1e-9);
        assertEquals("torchvision 0.14 model documentation, ResNet50_Weights.IMAGENET1K_V1 acc@1",
                PresetFacts.of("resnet50").source());
        for (String none : List.of("lenet5", "alexnet-paper", "zfnet", "googlenet", "se-resnet50", "resnet20",
                "mobilenet_v2-fmnist")) {
            assertFalse(PresetFacts.of(none).top1().isPresent(), none + " has no torchvision weights of its own");
            assertTrue(PresetFacts.of(none).source().startsWith("none: "), PresetFacts.of(none).source());
        }
        assertEquals("LeNet", PresetFacts.of("lenet5").family());
        assertEquals("ResNet", PresetFacts.of("resnet152").family());
    }

    private static double top1(String name) {
        return PresetFacts.of(name).top1().orElseThrow().percent();
    }

    @Test
    void totalsAreTheAnalysisCountsEqualToTorchvisions() {
        assertEquals(25_557_032L, byName.get("resnet50").params());
        assertEquals(4_089_184_256L, byName.get("resnet50").cost());
        assertEquals(138_357_544L, byName.get("vgg16").params());
        assertEquals(15_470_264_320L, byName.get("vgg16").cost());
        assertEquals(61_706L, byName.get("lenet5").params());
    }

    @Test
    void csvNamesTheConventionAndCarriesTheSource() throws Exception {
        String csv = macs.render(ReportFormat.CSV);
        assertTrue(csv.startsWith("preset,family,params,macs,top1_percent,top1_source,cost_convention\n"), csv);
        assertTrue(csv.contains("\nresnet50,ResNet,25557032,4089184256,76.130,\"torchvision 0.14 model "
                + "documentation, ResNet50_Weights.IMAGENET1K_V1 acc@1\",macs\n"), csv);
        assertTrue(csv.contains("\nlenet5,LeNet,61706,416520,,"), csv);
        assertEquals(Presets.NAMES.size() + 1, csv.split("\n").length);
        // FLOPs = 2 x MACs + bias adds: LeNet-5 has five biased conv/dense layers whose outputs total
        // 6x28x28 + 16x10x10 + 120 + 84 + 10 = 6,518, so 2 x 416,520 + 6,518 = 839,558
        String flops = ZooReport.of(CostConvention.FLOPS).render(ReportFormat.CSV);
        assertTrue(flops.startsWith("preset,family,params,flops,"), flops);
        assertTrue(flops.contains("\nlenet5,LeNet,61706,839558,,"), flops);
    }

    @Test
    void tableMarkdownAndJsonNameTheConvention() throws Exception {
        String table = macs.render(ReportFormat.TABLE);
        assertTrue(table.lines().anyMatch(l -> l.matches("resnet50\\s+ResNet\\s+25,557,032\\s+4\\.089\\s+76\\.130\\s+"
                + "torchvision 0\\.14 .*")), table);
        assertTrue(table.contains("GMACs"), table);
        assertTrue(table.contains("Cost convention: macs"), table);
        String md = ZooReport.of(CostConvention.LECTURE).render(ReportFormat.MARKDOWN);
        assertTrue(md.startsWith("| Preset | Family | Params | GOps (lecture) | Top-1 % | Top-1 source |"), md);
        assertTrue(md.contains("| vgg16 | VGG | 138,357,544 |"), md);
        assertTrue(md.contains("Cost convention: lecture"), md);
        JsonNode json = new ObjectMapper().readTree(macs.render(ReportFormat.JSON));
        assertEquals("macs", json.get("costConvention").asText());
        JsonNode vgg = json.get("presets").get(Presets.NAMES.indexOf("vgg16"));
        assertEquals("vgg16", vgg.get("name").asText());
        assertEquals(71.592, vgg.get("top1").asDouble(), 1e-9);
        assertEquals(15_470_264_320L, vgg.get("macs").asLong());
        assertTrue(json.get("presets").get(0).get("top1").isNull(), "lenet5 has none");
    }

    /**
     * Every recorded figure against torchvision's own metadata, read from the installed package: the accuracy is the
     * IMAGENET1K_V1 weights' acc@1, and those weights fit this preset exactly (torchvision's num_params is the
     * preset's parameter count), which is why GoogLeNet (torchvision's differs from the paper's) records none.
     */
    /**
     * Parameters torchvision's weights hold that inference never uses: Inception v3's auxiliary classifier (off in
     * the preset), by hand: 1x1 conv 768 -> 128 and its BN (98,304 + 256), 5x5 conv 128 -> 768 and its BN
     * (2,457,600 + 1,536), fc 768 -> 1000 (769,000): 3,326,696.
     */
    private static final Map<String, Long> TRAINING_ONLY_PARAMS = Map.of("inception_v3", 3_326_696L);

    @Test
    void recordedFiguresAreInstalledTorchvisionsMetadata() throws Exception {
        String script = String.join("\n",
                "import json, torchvision.models as m",
                "out = {}",
                "for name in dir(m):",
                "    w = getattr(m, name)",
                "    if name.endswith('_Weights') and hasattr(w, 'IMAGENET1K_V1'):",
                "        v = w.IMAGENET1K_V1.meta",
                "        out[name] = [v['_metrics']['ImageNet-1K']['acc@1'], v['num_params']]",
                "print(json.dumps(out))");
        TorchCheck.ProcessResult r = TorchCheck.run(List.of("/usr/bin/python3", "-c", script), 300);
        netcanvas.References.require(r.exitCode() == 0,
                "/usr/bin/python3 with torchvision (Debian: apt-get install python3-torchvision)");
        JsonNode meta = new ObjectMapper().readTree(r.stdout().lines().reduce((a, b) -> b).orElse("{}"));
        int checked = 0;
        for (PresetFacts f : PresetFacts.all()) {
            if (f.top1().isEmpty()) {
                continue;
            }
            String weights = f.top1().get().weights();
            JsonNode m = meta.get(weights.substring(0, weights.indexOf('.')));
            assertEquals(m.get(0).asDouble(), f.top1().get().percent(), 1e-9, weights);
            long params = byName.get(f.name()).params() + TRAINING_ONLY_PARAMS.getOrDefault(f.name(), 0L);
            assertEquals(m.get(1).asLong(), params, f.name() + " is torchvision's network");
            checked++;
        }
        assertEquals(17, checked);
        assertTrue(meta.get("GoogLeNet_Weights").get(1).asLong() != byName.get("googlenet").params());
    }
}
