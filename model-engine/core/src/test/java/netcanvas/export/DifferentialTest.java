package netcanvas.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Input;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Output;
import netcanvas.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential check of the analysis against PyTorch: random valid graphs from a fixed seed, exported and run in one
 * python process; every parameter count and every layer's output shape must agree. A disagreement is shrunk (nodes
 * removed, sizes reduced while it persists) and the smallest failing graph printed as a NetCanvas file.
 */
class DifferentialTest {
    static final long SEED = 20_261_123L;
    static final int WANTED = 250;

    @TempDir
    Path dir;

    @Test
    void randomGraphsAgreeWithPyTorch() throws Exception {
        TorchCheck.requireTorch();
        RandomNetworks random = new RandomNetworks(SEED);
        Map<String, Analysis> accepted = new LinkedHashMap<>();
        int generated = 0;
        while (accepted.size() < WANTED && generated < 50 * WANTED) {
            Network n = random.next("random" + generated);
            generated++;
            Analysis a = Analyzer.analyze(n);
            if (!a.hasErrors()) {
                accepted.put(n.name() + ".py", a);
            }
        }
        Map<String, List<String>> failures = check(accepted);
        long layers = accepted.values().stream().mapToLong(a -> a.layers().size()).sum();
        System.out.println("differential check (seed " + SEED + "): " + (accepted.size() - failures.size()) + " of "
                + accepted.size() + " random graphs agree with PyTorch (" + layers + " layers, parameter counts and "
                + "output shapes); " + (generated - accepted.size()) + " of " + generated
                + " generated graphs were refused by the analysis");
        System.out.println("  covering " + coverage(accepted.values()));
        StringBuilder report = new StringBuilder();
        String smallestName = null;
        for (Map.Entry<String, List<String>> f : failures.entrySet()) {
            report.append("\n").append(f.getKey()).append(": ").append(String.join("; ", f.getValue()));
            if (smallestName == null || accepted.get(f.getKey()).network().nodes().size()
                    < accepted.get(smallestName).network().nodes().size()) {
                smallestName = f.getKey();
            }
        }
        if (smallestName != null) {
            // Shrinking runs python once per round, so only the smallest failing graph is shrunk.
            Network smallest = shrink(accepted.get(smallestName).network());
            report.append("\n\nsmallest failing graph (shrunk from ").append(smallestName).append("): ")
                    .append(String.join("; ", check(Map.of("smallest.py", Analyzer.analyze(smallest)))
                            .getOrDefault("smallest.py", List.of())))
                    .append("\n").append(NetworkJson.write(smallest));
        }
        assertTrue(accepted.size() >= 200, "only " + accepted.size() + " valid graphs");
        assertTrue(failures.isEmpty(), failures.size() + " graphs disagree:" + report);
    }

    /** The block options the random graphs must cover (MobileNetV3's and EfficientNet's blocks). */
    private static final List<String> BLOCK_OPTIONS = List.of("explicit expanded channels", "SE style se",
            "SE style mobilenet_v3", "SE style efficientnet", "SE silu", "SE hardsigmoid gate", "SE explicit squeeze");

    /** Counts the inverted residual and squeeze-and-excitation options in this row and the blocks inside it. */
    private static void blockOptions(netcanvas.analysis.Row row, Map<String, Integer> counts) {
        List<String> hits = new ArrayList<>();
        if (row.spec() instanceof netcanvas.graph.InvertedResidual ir) {
            if (ir.expandedChannels() > 0) {
                hits.add("explicit expanded channels");
            }
            if (ir.seReduction() > 0) {
                hits.add("SE style " + ir.seStyle());
            }
        }
        if (row.spec() instanceof netcanvas.graph.SqueezeExcitation se) {
            if (se.activation().equals("silu")) {
                hits.add("SE silu");
            }
            if (se.gate().equals("hardsigmoid")) {
                hits.add("SE hardsigmoid gate");
            }
            if (se.squeeze() > 0) {
                hits.add("SE explicit squeeze");
            }
        }
        hits.forEach(h -> counts.merge(h, 1, Integer::sum));
        row.children().forEach(c -> blockOptions(c, counts));
    }

    /** How often the features the check is about occur among the accepted graphs' layers. */
    private static String coverage(java.util.Collection<Analysis> analyses) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String k : List.of("conv", "grouped conv", "dilated conv", "\"same\" conv", "non-square kernel",
                "ceil-mode pool", "ceil-mode pool with padding", "avg pool without padded zeros", "concat", "add",
                "scale", "lrn", "dense on C x H x W", "relu6", "silu", "hardswish", "hardsigmoid",
                "channel_shuffle", "channel_slice", "block", "shufflenet_v2_unit", "inception_v3 module")) {
            counts.put(k, 0);
        }
        for (Analysis a : analyses) {
            for (netcanvas.analysis.LayerResult l : a.layers()) {
                List<String> hits = new ArrayList<>();
                if (l.spec() instanceof Conv2d c) {
                    hits.add("conv");
                    if (c.groups() > 1) {
                        hits.add("grouped conv");
                    }
                    if (c.dilation().h() > 1 || c.dilation().w() > 1) {
                        hits.add("dilated conv");
                    }
                    if (c.padding().same()) {
                        hits.add("\"same\" conv");
                    }
                    if (!c.kernel().square()) {
                        hits.add("non-square kernel");
                    }
                }
                if (l.spec() instanceof netcanvas.graph.Pooling p && p.ceilMode()) {
                    hits.add("ceil-mode pool");
                    if (p.padding().h() > 0 || p.padding().w() > 0) {
                        hits.add("ceil-mode pool with padding");
                    }
                }
                if (l.spec() instanceof netcanvas.graph.AvgPool2d p && !p.countIncludePad()) {
                    hits.add("avg pool without padded zeros");
                }
                if (l.spec() instanceof netcanvas.graph.Concat) {
                    hits.add("concat");
                }
                if (l.spec() instanceof netcanvas.graph.Add) {
                    hits.add("add");
                }
                if (l.spec() instanceof netcanvas.graph.Scale) {
                    hits.add("scale");
                }
                if (l.spec() instanceof netcanvas.graph.LocalResponseNorm) {
                    hits.add("lrn");
                }
                if (counts.containsKey(l.spec().kind()) && l.spec() instanceof netcanvas.graph.Elementwise) {
                    hits.add(l.spec().kind());
                }
                if (l.spec() instanceof netcanvas.graph.ChannelShuffle
                        || l.spec() instanceof netcanvas.graph.ChannelSlice) {
                    hits.add(l.spec().kind());
                }
                if (l.spec() instanceof netcanvas.graph.Dense && a.shapeOf(l.inputs().get(0)).spatial()) {
                    hits.add("dense on C x H x W");
                }
                hits.forEach(h -> counts.merge(h, 1, Integer::sum));
            }
            for (netcanvas.analysis.Row row : a.rows()) {
                if (row.composite()) {
                    counts.merge("block", 1, Integer::sum);
                }
                blockOptions(row, counts);
                countBlockKinds(row, counts);
            }
        }
        for (String option : BLOCK_OPTIONS) {
            assertTrue(counts.getOrDefault(option, 0) > 0, "no accepted graph has a block with " + option);
        }
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(v).append(" ").append(k));
        return s.toString();
    }

    /** Counts this row's block kind, and those of the blocks inside it (a stage's units), where counts has them. */
    private static void countBlockKinds(netcanvas.analysis.Row row, Map<String, Integer> counts) {
        if (!row.composite()) {
            return;
        }
        String kind = row.spec().kind();
        String key = kind.startsWith("inception_v3") ? "inception_v3 module" : kind;
        if (counts.containsKey(key)) {
            counts.merge(key, 1, Integer::sum);
        }
        row.children().forEach(c -> countBlockKinds(c, counts));
    }

    /** Exports each network and returns the disagreements of those that have any. */
    private Map<String, List<String>> check(Map<String, Analysis> analyses) throws IOException, ExportException {
        for (Map.Entry<String, Analysis> e : analyses.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), PyTorchExporter.export(e.getValue(), ExportRecipe.defaults(),
                    e.getKey()));
        }
        Map<String, JsonNode> summaries = TorchCheck.summaries(dir, new ArrayList<>(analyses.keySet()));
        Map<String, List<String>> failures = new LinkedHashMap<>();
        for (Map.Entry<String, Analysis> e : analyses.entrySet()) {
            List<String> problems = TorchCheck.compare(e.getValue(), summaries.get(e.getKey()));
            if (!problems.isEmpty()) {
                failures.put(e.getKey(), problems);
            }
        }
        return failures;
    }

    /** Greedy shrinking: each round tries every one-step reduction in one python run and keeps the first failing. */
    private Network shrink(Network failing) throws IOException, ExportException {
        Network current = failing;
        for (int round = 0; round < 60; round++) {
            Map<String, Analysis> candidates = new LinkedHashMap<>();
            int i = 0;
            for (Network c : reductions(current)) {
                Analysis a = Analyzer.analyze(c);
                if (!a.hasErrors()) {
                    candidates.put("shrink" + round + "_" + (i++) + ".py", a);
                }
            }
            if (candidates.isEmpty()) {
                return current;
            }
            Map<String, List<String>> failures = check(candidates);
            if (failures.isEmpty()) {
                return current;
            }
            current = candidates.get(failures.keySet().iterator().next()).network();
        }
        return current;
    }

    /** Networks one step smaller: a single-input layer bypassed, the input made smaller, a convolution narrower. */
    private static List<Network> reductions(Network n) {
        List<Network> out = new ArrayList<>();
        for (Node node : n.nodes()) {
            if (!(node.spec() instanceof Input) && !(node.spec() instanceof Output) && node.inputs().size() == 1) {
                String from = node.inputs().get(0);
                out.add(n.without(node.id()).map(m -> m.withInputs(m.inputs().stream()
                        .map(i -> i.equals(node.id()) ? from : i).toList())));
            }
            if (node.spec() instanceof Input in) {
                for (int[] hw : new int[][] {{in.height() - 1, in.width()}, {in.height(), in.width() - 1},
                        {in.height() / 2, in.width() / 2}}) {
                    if (hw[0] >= 1 && hw[1] >= 1) {
                        out.add(n.replace(node.withSpec(new Input(in.channels(), hw[0], hw[1]))));
                    }
                }
            }
            if (node.spec() instanceof Conv2d c && c.outChannels() > 1) {
                out.add(n.replace(node.withSpec(new Conv2d(c.outChannels() / 2, c.kernel(), c.stride(), c.padding(),
                        c.dilation(), c.groups(), c.bias()))));
            }
        }
        return out;
    }
}
