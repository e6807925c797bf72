package netcanvas.onnx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.LayerResult;
import netcanvas.graph.Add;
import netcanvas.graph.BasicBlock;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.ChannelShuffle;
import netcanvas.graph.ChannelSlice;
import netcanvas.graph.CompositeSpec;
import netcanvas.graph.Concat;
import netcanvas.graph.Conv2d;
import netcanvas.graph.FireModule;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.InceptionModule;
import netcanvas.graph.InceptionV3A;
import netcanvas.graph.InceptionV3B;
import netcanvas.graph.InceptionV3C;
import netcanvas.graph.InceptionV3D;
import netcanvas.graph.InceptionV3E;
import netcanvas.graph.InvertedResidual;
import netcanvas.graph.Input;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.PrimitiveSpec;
import netcanvas.graph.ReLU;
import netcanvas.graph.Scale;
import netcanvas.graph.ShuffleNetV2Unit;
import netcanvas.graph.Shape;
import netcanvas.graph.Stage;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;

/**
 * Finds NetCanvas's blocks in a flat network (one primitive node per operator, as {@link OnnxImporter} reads it) and
 * collapses them: residual blocks ({@link BasicBlock}, {@link BottleneckBlock}, grouped, with squeeze-and-excitation,
 * pre-activation), {@link InceptionModule}s, and runs of blocks named {@code P.0, P.1, ...} into a {@link Stage}
 * {@code P}.
 *
 * <p>The rule: a group of layers becomes a block only when the block, expanded with the group's real input shape,
 * equals the group exactly: the same primitive specs (record equality), the same output shapes and costs, and the
 * same wiring once the group's ids are mapped one-to-one onto the expansion's ids. Anything else stays loose. Where a
 * layer's id changes (PyTorch's {@code layer1.0.relu_1} is the expansion's {@code layer1.0.relu}), {@link Result#ids}
 * says so and its weights are renamed. As a last guard the collapsed network is analysed and compared, layer by
 * layer, with the flat one; should anything differ the flat network is returned unchanged.
 *
 * <p>Candidate groups are found from the structure (an Add fed by a branch and a shortcut from a common input; a
 * Concat of four branches from a common input); the group's common id prefix ({@code layer1.0}) names the block.
 */
public final class BlockRecognizer {

    /** Branches are short: a residual branch walks back at most this many layers to find the block input. */
    private static final int MAX_CHAIN = 24;
    /** The most layers one block may have (a bottleneck with SE and projection has 17). */
    private static final int MAX_GROUP = 64;

    /**
     * The collapsed network.
     *
     * @param network the network with recognised blocks and stages
     * @param weights the weights, renamed where a layer's id changed
     * @param ids     every layer id of the flat network to its expanded id in {@code network} (equal unless renamed)
     */
    public record Result(Network network, WeightSet weights, Map<String, String> ids) {
        public Result {
            ids = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ids));
        }

        /** The number of nodes that are blocks or stages. */
        public long blocks() {
            return network.nodes().stream().filter(n -> n.spec() instanceof CompositeSpec).count();
        }
    }

    /** A recognised group: its layers (flat ids) become one node {@code id} fed by {@code input}. */
    private record Collapse(String id, LayerSpec spec, String input, Set<String> members, String output,
            Map<String, String> ids) {
    }

    private BlockRecognizer() {
    }

    /** Recognises blocks and stages everywhere. */
    public static Result recognise(Network flat, WeightSet weights) {
        return recognise(flat, weights, Set.of());
    }

    /**
     * Recognises blocks and stages.
     *
     * @param loose ids of layers that must stay loose (those an import problem names)
     */
    public static Result recognise(Network flat, WeightSet weights, Set<String> loose) {
        Map<String, String> identity = new LinkedHashMap<>();
        flat.nodes().forEach(n -> identity.put(n.id(), n.id()));
        Result unchanged = new Result(flat, weights, identity);
        Analysis flatAnalysis;
        try {
            flatAnalysis = Analyzer.analyze(flat);
        } catch (RuntimeException e) {
            return unchanged;
        }
        Graph g = new Graph(flat);
        List<Collapse> blocks = new ArrayList<>();
        Set<String> taken = new HashSet<>(loose);
        Set<String> blockIds = new HashSet<>();
        for (Node n : flat.nodes()) {
            if (taken.contains(n.id())) {
                continue;
            }
            Collapse c = null;
            if (n.spec() instanceof Add && n.inputs().size() == 2) {
                c = residual(g, flatAnalysis, n, taken, blockIds);
            } else if (n.spec() instanceof Concat && n.inputs().size() == 4) {
                c = inception(g, flatAnalysis, n, taken, blockIds);
                if (c == null) {
                    c = inceptionV3(g, flatAnalysis, n, taken, blockIds);
                }
            } else if (n.spec() instanceof Concat && n.inputs().size() == 3) {
                c = inceptionV3(g, flatAnalysis, n, taken, blockIds);
            } else if (n.spec() instanceof ChannelShuffle) {
                c = shuffleUnit(g, flatAnalysis, n, taken, blockIds);
            } else if (n.spec() instanceof BatchNorm) {
                c = inverted(g, flatAnalysis, n, taken, blockIds);
            } else if (n.spec() instanceof Concat && n.inputs().size() == 2) {
                c = fire(g, flatAnalysis, n, taken, blockIds);
            }
            if (c != null) {
                blocks.add(c);
                taken.addAll(c.members());
                blockIds.add(c.id());
            }
        }
        if (blocks.isEmpty()) {
            return unchanged;
        }
        Network withBlocks = apply(flat, blocks);
        Map<String, String> ids = new LinkedHashMap<>(identity);
        blocks.forEach(c -> ids.putAll(c.ids()));

        Network collapsed = withBlocks;
        try {
            collapsed = apply(withBlocks, stages(withBlocks, blockIds));
        } catch (RuntimeException e) {
            // A stage that cannot be analysed stays a run of blocks.
        }
        Network result;
        if (sameLayers(flatAnalysis, collapsed, ids)) {
            result = collapsed;
        } else if (sameLayers(flatAnalysis, withBlocks, ids)) {
            result = withBlocks;
        } else {
            return unchanged;
        }
        return new Result(result.withName(flat.name()), rename(weights, ids), ids);
    }

    // ---- residual blocks

    private static Collapse residual(Graph g, Analysis flat, Node add, Set<String> taken, Set<String> blockIds) {
        List<String> branch = g.chain(add.inputs().get(0), MAX_CHAIN);
        List<String> shortcut = g.chain(add.inputs().get(1), 4);
        List<String> consumers = g.consumers(add.id());
        boolean post = consumers.size() == 1 && g.node(consumers.get(0)).spec() instanceof ReLU;
        String output = post ? consumers.get(0) : add.id();
        // The block input is on both paths: the nearest such layer first (a pre-activation block's is further back).
        int tried = 0;
        for (String x : branch) {
            if (!shortcut.contains(x) || tried++ >= 4) {
                continue;
            }
            Set<String> members = g.group(output, x, taken);
            if (members == null) {
                continue;
            }
            List<Conv2d> convs = new ArrayList<>();
            int se = 0;
            for (String id : branch) {
                if (id.equals(x)) {
                    break;
                }
                LayerSpec s = g.node(id).spec();
                if (s instanceof Conv2d c) {
                    convs.add(0, c);
                } else if (s instanceof Scale) {
                    se = seReduction(g, g.node(id));
                }
            }
            LayerSpec spec = residualSpec(convs, !post, se);
            if (spec == null) {
                continue;
            }
            Collapse c = verify(g, flat, spec, x, members, output, blockIds);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static LayerSpec residualSpec(List<Conv2d> convs, boolean preActivation, int se) {
        try {
            if (convs.size() == 2 && convs.get(0).stride().square()) {
                return new BasicBlock(convs.get(1).outChannels(), convs.get(0).stride().h(), preActivation, se);
            }
            if (convs.size() == 3 && convs.get(1).stride().square()) {
                Conv2d spatial = convs.get(1);
                return new BottleneckBlock(convs.get(0).outChannels(), convs.get(2).outChannels(),
                        spatial.stride().h(), spatial.groups(), preActivation, se);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** The reduction of the squeeze-and-excitation gate feeding this Scale: channels / squeezed, or 0. */
    private static int seReduction(Graph g, Node scale) {
        if (scale.inputs().size() != 2) {
            return 0;
        }
        List<Conv2d> convs = new ArrayList<>();
        for (String id : g.chain(scale.inputs().get(1), 8)) {
            LayerSpec s = g.node(id).spec();
            if (s instanceof Conv2d c) {
                convs.add(0, c);
            }
            if (s instanceof GlobalAvgPool) {
                break;
            }
        }
        if (convs.size() != 2 || convs.get(0).outChannels() < 1) {
            return 0;
        }
        return Math.max(1, convs.get(1).outChannels() / convs.get(0).outChannels());
    }

    /** The squeezed width of the squeeze-and-excitation gate feeding this Scale (its first 1x1), or 0. */
    private static int seSqueeze(Graph g, Node scale) {
        int squeezed = 0;
        for (String id : g.chain(scale.inputs().get(1), 8)) {
            LayerSpec s = g.node(id).spec();
            if (s instanceof Conv2d c) {
                squeezed = (int) Math.min(Integer.MAX_VALUE, c.outChannels());
            }
            if (s instanceof GlobalAvgPool) {
                break;
            }
        }
        return squeezed;
    }

    // ---- inverted residuals

    /**
     * An inverted residual ending in this batch norm (its projection's): walking back, a 1x1 convolution, perhaps a
     * squeeze-and-excitation Scale, the activation, a BN and a depthwise convolution, then either the block input or
     * a 1x1 expansion (with its BN and activation) from it; the Add after the BN joins the group when its other input
     * is the block input.
     */
    private static Collapse inverted(Graph g, Analysis flat, Node bn, Set<String> taken, Set<String> blockIds) {
        List<String> chain = g.chain(bn.id(), 16);
        if (chain.size() < 6 || !(g.node(chain.get(1)).spec() instanceof Conv2d project)
                || project.kernel().h() != 1 || project.kernel().w() != 1 || project.groups() != 1) {
            return null;
        }
        int dwAt = -1;
        for (int i = 2; i < chain.size(); i++) {
            if (g.node(chain.get(i)).spec() instanceof Conv2d c) {
                dwAt = c.groups() == c.outChannels() && c.kernel().square() && c.stride().square() ? i : -1;
                break;
            }
        }
        if (dwAt < 4 || dwAt + 1 >= chain.size()) {
            return null;
        }
        Conv2d dw = (Conv2d) g.node(chain.get(dwAt)).spec();
        String activation = activationName(g.node(chain.get(dwAt - 2)).spec());
        if (activation == null) {
            return null;
        }
        int se = 0;
        int squeezed = 0;
        for (int i = 2; i < dwAt; i++) {
            if (g.node(chain.get(i)).spec() instanceof Scale) {
                se = seReduction(g, g.node(chain.get(i)));
                squeezed = se > 0 ? seSqueeze(g, g.node(chain.get(i))) : 0;
            }
        }
        List<String> inputs = new ArrayList<>();
        inputs.add(chain.get(dwAt + 1));
        if (dwAt + 4 < chain.size() && g.node(chain.get(dwAt + 3)).spec() instanceof Conv2d e
                && e.kernel().h() == 1 && e.kernel().w() == 1) {
            inputs.add(0, chain.get(dwAt + 4));
        }
        for (String x : inputs) {
            Shape in = flat.shapeOf(x);
            if (in == null || in.channels() < 1 || in.channels() > Integer.MAX_VALUE) {
                continue;
            }
            String output = bn.id();
            List<String> consumers = g.consumers(bn.id());
            if (consumers.size() == 1 && g.node(consumers.get(0)).spec() instanceof Add
                    && g.node(consumers.get(0)).inputs().equals(List.of(x, bn.id()))) {
                output = consumers.get(0);
            }
            Set<String> members = g.group(output, x, taken);
            if (members == null) {
                continue;
            }
            for (LayerSpec spec : invertedCandidates(dw, (int) in.channels(), project.outChannels(), se, squeezed,
                    activation)) {
                Collapse c = verify(g, flat, spec, x, members, output, blockIds);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * The inverted residuals these layers may be; {@link #verify} keeps the first whose expansion they are:
     * MobileNetV2's (an integer ratio, Hu et al.'s SE), EfficientNet's MBConv (SE to input / r with SiLU) and
     * MobileNetV3's (explicit expanded channels, SE to make_divisible(expanded / 4, 8) with a hard sigmoid). A block
     * without SE whose expanded channels are a multiple of its input is all of them at once; the activation decides
     * which it is written as, so that each preset comes back as itself: ReLU and Hardswish (MobileNetV3's) try the
     * explicit form first.
     */
    private static List<LayerSpec> invertedCandidates(Conv2d dw, int in, int out, int se, int squeezed,
            String activation) {
        int hidden = (int) Math.min(Integer.MAX_VALUE, dw.outChannels());
        int stride = dw.stride().h();
        int k = dw.kernel().h();
        boolean ratio = hidden % in == 0;
        List<LayerSpec> specs = new ArrayList<>();
        try {
            if (ratio) {
                specs.add(new InvertedResidual(hidden / in, out, stride, k, se, activation));
            }
            if (se > 0 && squeezed > 0 && in % squeezed == 0) {
                int r = in / squeezed;
                specs.add(ratio ? new InvertedResidual(hidden / in, out, stride, k, r, activation, 0, "efficientnet")
                        : new InvertedResidual(1, out, stride, k, r, activation, hidden, "efficientnet"));
            }
            LayerSpec v3 = new InvertedResidual(1, out, stride, k, se > 0 ? 4 : 0, activation, hidden, "mobilenet_v3");
            if (activation.equals("relu") || activation.equals("hardswish")) {
                specs.add(0, v3);
            } else {
                specs.add(v3);
            }
        } catch (IllegalArgumentException e) {
            // a layer size no block accepts: the candidates made so far remain
        }
        return specs;
    }

    private static String activationName(LayerSpec s) {
        String name = netcanvas.graph.LayerKinds.of(s).name();
        return InvertedResidual.ACTIVATIONS.contains(name) ? name : null;
    }

    // ---- fire modules

    /** A Fire module ending in this two-input Concat: 1x1 and 3x3 expand convolutions (ReLU) of one squeeze. */
    private static Collapse fire(Graph g, Analysis flat, Node concat, Set<String> taken, Set<String> blockIds) {
        List<String> a = g.chain(concat.inputs().get(0), 5);
        List<String> b = g.chain(concat.inputs().get(1), 5);
        if (a.size() < 5 || b.size() < 3 || !a.get(2).equals(b.get(2))
                || !(g.node(a.get(1)).spec() instanceof Conv2d e1) || !(g.node(b.get(1)).spec() instanceof Conv2d e3)
                || !(g.node(a.get(3)).spec() instanceof Conv2d squeeze)) {
            return null;
        }
        String x = a.get(4);
        Set<String> members = g.group(concat.id(), x, taken);
        if (members == null) {
            return null;
        }
        LayerSpec spec;
        try {
            spec = new FireModule(squeeze.outChannels(), e1.outChannels(), e3.outChannels());
        } catch (IllegalArgumentException e) {
            return null;
        }
        return verify(g, flat, spec, x, members, concat.id(), blockIds);
    }

    // ---- ShuffleNet v2 units

    /**
     * A ShuffleNet v2 unit ending in this shuffle of a two-input Concat: a basic unit when the Concat's first input
     * is channels 0 to C/2 of the block input, else a down-sampling unit whose second branch (1x1, BN, ReLU,
     * depthwise with the stride, BN, 1x1, BN, ReLU) starts at the block input.
     */
    private static Collapse shuffleUnit(Graph g, Analysis flat, Node shuffle, Set<String> taken,
            Set<String> blockIds) {
        Node concat = g.node(shuffle.inputs().get(0));
        if (concat == null || !(concat.spec() instanceof Concat) || concat.inputs().size() != 2) {
            return null;
        }
        Node passed = g.node(concat.inputs().get(0));
        List<String> branch = g.chain(concat.inputs().get(1), 9);
        if (passed == null || branch.size() < 8 || !(g.node(branch.get(2)).spec() instanceof Conv2d last)
                || !(g.node(branch.get(4)).spec() instanceof Conv2d dw)) {
            return null;
        }
        String x;
        if (passed.spec() instanceof ChannelSlice slice && slice.start() == 0) {
            x = passed.inputs().get(0);
        } else if (branch.size() == 9) {
            x = branch.get(8);
        } else {
            return null;
        }
        Set<String> members = g.group(shuffle.id(), x, taken);
        if (members == null) {
            return null;
        }
        LayerSpec spec;
        try {
            spec = new ShuffleNetV2Unit(2 * last.outChannels(), dw.stride().h());
        } catch (IllegalArgumentException e) {
            return null;
        }
        return verify(g, flat, spec, x, members, shuffle.id(), blockIds);
    }

    // ---- Inception v3 modules

    /**
     * One of Inception v3's modules A-E ending in this Concat of three or four branches from one input: each
     * module that fits the branch count is expanded (A's pool features and C's 7x7 width read from the layers) and
     * the first whose expansion equals the layers is taken.
     */
    private static Collapse inceptionV3(Graph g, Analysis flat, Node concat, Set<String> taken,
            Set<String> blockIds) {
        List<List<String>> chains = branchChains(g, concat, 20);
        String x = sharedInput(chains);
        if (x == null) {
            return null;
        }
        Set<String> members = g.group(concat.id(), x, taken);
        if (members == null) {
            return null;
        }
        List<LayerSpec> candidates = new ArrayList<>();
        if (concat.inputs().size() == 3) {
            candidates.add(new InceptionV3B());
            candidates.add(new InceptionV3D());
        } else {
            Conv2d poolConv = firstConv(g, chains.get(3), x, false);
            Conv2d c7 = firstConv(g, chains.get(1), x, true);
            if (poolConv != null) {
                candidates.add(new InceptionV3A(poolConv.outChannels()));
            }
            if (c7 != null) {
                candidates.add(new InceptionV3C(c7.outChannels()));
            }
            candidates.add(new InceptionV3E());
        }
        for (LayerSpec spec : candidates) {
            Collapse c = verify(g, flat, spec, x, members, concat.id(), blockIds);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Each of the concat's inputs followed back up to {@code depth} layers. */
    private static List<List<String>> branchChains(Graph g, Node concat, int depth) {
        List<List<String>> chains = new ArrayList<>();
        for (String in : concat.inputs()) {
            chains.add(g.chain(in, depth));
        }
        return chains;
    }

    /** The layer nearest the concat that every branch passes through (the module's input), or null. */
    private static String sharedInput(List<List<String>> chains) {
        for (String id : chains.get(0)) {
            if (chains.stream().allMatch(c -> c.contains(id))) {
                return id;
            }
        }
        return null;
    }

    /** The convolution nearest the concat on this chain (or, when {@code fromInput}, nearest x), or null. */
    private static Conv2d firstConv(Graph g, List<String> chain, String x, boolean fromInput) {
        Conv2d found = null;
        for (String id : chain) {
            if (id.equals(x)) {
                break;
            }
            if (g.node(id).spec() instanceof Conv2d c) {
                found = c;
                if (!fromInput) {
                    return c;
                }
            }
        }
        return found;
    }

    // ---- inception modules

    private static Collapse inception(Graph g, Analysis flat, Node concat, Set<String> taken, Set<String> blockIds) {
        List<List<String>> chains = branchChains(g, concat, 12);
        String x = sharedInput(chains);
        if (x == null) {
            return null;
        }
        Set<String> members = g.group(concat.id(), x, taken);
        if (members == null) {
            return null;
        }
        List<List<Conv2d>> convs = new ArrayList<>();
        boolean batchNorm = false;
        for (List<String> chain : chains) {
            List<Conv2d> branch = new ArrayList<>();
            for (String id : chain) {
                if (id.equals(x)) {
                    break;
                }
                LayerSpec s = g.node(id).spec();
                if (s instanceof Conv2d c) {
                    branch.add(0, c);
                }
                batchNorm |= s instanceof BatchNorm;
            }
            convs.add(branch);
        }
        if (convs.get(0).size() != 1 || convs.get(1).size() != 2 || convs.get(2).size() != 2
                || convs.get(3).size() != 1) {
            return null;
        }
        LayerSpec spec;
        try {
            spec = new InceptionModule(convs.get(0).get(0).outChannels(), convs.get(1).get(0).outChannels(),
                    convs.get(1).get(1).outChannels(), convs.get(2).get(0).outChannels(),
                    convs.get(2).get(1).outChannels(), convs.get(3).get(0).outChannels(), batchNorm);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return verify(g, flat, spec, x, members, concat.id(), blockIds);
    }

    // ---- stages

    /**
     * Runs of recognised blocks P.0, P.1, ... chained one into the next, that hold every node named below P, and
     * whose Stage P expands to them exactly.
     */
    private static List<Collapse> stages(Network net, Set<String> blockIds) {
        Graph g = new Graph(net);
        Analysis a = Analyzer.analyze(net);
        List<Collapse> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Node first : net.nodes()) {
            if (!blockIds.contains(first.id()) || !first.id().endsWith(".0") || first.inputs().size() != 1) {
                continue;
            }
            String prefix = first.id().substring(0, first.id().length() - 2);
            if (prefix.isEmpty() || g.node(prefix) != null || blockIds.contains(prefix) || used.contains(prefix)) {
                continue;
            }
            List<String> run = new ArrayList<>(List.of(first.id()));
            while (true) {
                String last = run.get(run.size() - 1);
                String next = prefix + "." + run.size();
                Node n = g.node(next);
                if (n == null || !blockIds.contains(next) || !n.inputs().equals(List.of(last))
                        || !g.consumers(last).equals(List.of(next))) {
                    break;
                }
                run.add(next);
            }
            // The run must be the whole of P: a loose layer or an unmatched block named P.n leaves P's blocks as they are.
            String below = prefix + ".";
            if (net.nodes().stream().anyMatch(n -> n.id().startsWith(below) && !run.contains(n.id()))) {
                continue;
            }
            Stage stage;
            try {
                stage = new Stage(run.size(), first.spec());
            } catch (IllegalArgumentException e) {
                continue;
            }
            String x = first.inputs().get(0);
            String output = run.get(run.size() - 1);
            Map<String, String> mapping = expansionMatch(a, stage, prefix, x, new HashSet<>(run), output, g);
            if (mapping == null || !mapping.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()))) {
                continue;
            }
            used.add(prefix);
            out.add(new Collapse(prefix, stage, x, new LinkedHashSet<>(run), output, Map.of()));
        }
        return out;
    }

    // ---- the exact-match rule

    /** The group as one block, if the block's expansion equals it exactly; else null. */
    private static Collapse verify(Graph g, Analysis flat, LayerSpec spec, String x, Set<String> members,
            String output, Set<String> blockIds) {
        String id = commonPrefix(members);
        if (id.isEmpty() || blockIds.contains(id) || (g.node(id) != null && !members.contains(id))) {
            return null;
        }
        Map<String, String> mapping = expansionMatch(flat, spec, id, x, members, output, g);
        return mapping == null ? null : new Collapse(id, spec, x, members, output, mapping);
    }

    /**
     * Expands {@code spec} as node {@code id} fed by {@code x} (with x's shape in {@code a}) and matches the
     * expansion against the expanded layers of {@code members} in {@code a}, walking back from both outputs.
     *
     * @return each expanded layer of the members to its id in the block's expansion, or null when they differ
     */
    private static Map<String, String> expansionMatch(Analysis a, LayerSpec spec, String id, String x,
            Set<String> members, String output, Graph g) {
        Shape in = a.shapeOf(x);
        LayerResult inLayer = a.producer(x);
        if (in == null || inLayer == null || !in.spatial() || in.channels() > Integer.MAX_VALUE
                || in.height() > Integer.MAX_VALUE || in.width() > Integer.MAX_VALUE) {
            return null;
        }
        Analysis mini;
        try {
            mini = Analyzer.analyze(new Network("block", List.of(
                    new Node(x, new Input((int) in.channels(), (int) in.height(), (int) in.width()), List.of()),
                    new Node(id, spec, List.of(x)))));
        } catch (RuntimeException e) {
            return null;
        }
        if (mini.hasErrors()) {
            return null;
        }
        Map<String, LayerResult> expansion = new HashMap<>();
        for (LayerResult r : mini.layers()) {
            if (!r.id().equals(x)) {
                expansion.put(r.id(), r);
            }
        }
        Map<String, LayerResult> actual = new HashMap<>();
        for (LayerResult r : a.layers()) {
            if (members.contains(r.owner())) {
                actual.put(r.id(), r);
            }
        }
        // The expanded ids must not clash with any layer that stays.
        for (String e : expansion.keySet()) {
            LayerResult other = a.layer(e);
            if (other != null && !members.contains(other.owner())) {
                return null;
            }
            Node n = g.node(e);
            if (n != null && !members.contains(e)) {
                return null;
            }
        }
        if (expansion.size() != actual.size()) {
            return null;
        }
        LayerResult expOut = mini.producer(id);
        LayerResult actOut = a.producer(output);
        if (expOut == null || actOut == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        Map<String, String> back = new HashMap<>();
        Deque<String[]> todo = new ArrayDeque<>();
        todo.add(new String[] {actOut.id(), expOut.id()});
        while (!todo.isEmpty()) {
            String[] p = todo.poll();
            String act = p[0];
            String exp = p[1];
            if (exp.equals(x) || act.equals(inLayer.id())) {
                if (!(exp.equals(x) && act.equals(inLayer.id()))) {
                    return null;
                }
                continue;
            }
            String known = map.get(act);
            if (known != null || back.containsKey(exp)) {
                if (!exp.equals(known) || !act.equals(back.get(exp))) {
                    return null;
                }
                continue;
            }
            LayerResult ar = actual.get(act);
            LayerResult er = expansion.get(exp);
            if (ar == null || er == null || ar.output() == null || !ar.spec().equals(er.spec())
                    || ar.inputs().size() != er.inputs().size() || !ar.output().equals(er.output())
                    || !ar.cost().equals(er.cost())) {
                return null;
            }
            map.put(act, exp);
            back.put(exp, act);
            for (int i = 0; i < ar.inputs().size(); i++) {
                todo.add(new String[] {ar.inputs().get(i), er.inputs().get(i)});
            }
        }
        return map.size() == actual.size() ? map : null;
    }

    /**
     * Whether the collapsed network's analysis equals the flat one's, layer by layer through the id mapping: spec,
     * inputs, shape, cost and receptive field.
     */
    private static boolean sameLayers(Analysis flat, Network collapsed, Map<String, String> ids) {
        Analysis after;
        try {
            after = Analyzer.analyze(collapsed);
        } catch (RuntimeException e) {
            return false;
        }
        if (after.layers().size() != flat.layers().size() || !after.totals().equals(flat.totals())
                || after.diagnostics().stream().filter(d -> d.isError()).count()
                        != flat.diagnostics().stream().filter(d -> d.isError()).count()) {
            return false;
        }
        for (LayerResult f : flat.layers()) {
            LayerResult r = after.layer(ids.getOrDefault(f.id(), f.id()));
            if (r == null || !r.spec().equals(f.spec()) || !Objects.equals(r.output(), f.output())
                    || !r.cost().equals(f.cost()) || r.receptiveField() != f.receptiveField()
                    || r.inputs().size() != f.inputs().size()) {
                return false;
            }
            for (int i = 0; i < f.inputs().size(); i++) {
                String in = f.inputs().get(i);
                if (!r.inputs().get(i).equals(ids.getOrDefault(in, in))) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- rewriting

    /** Replaces each group by its block node (where the group's output was), rewiring readers of the output. */
    private static Network apply(Network net, List<Collapse> groups) {
        if (groups.isEmpty()) {
            return net;
        }
        Map<String, Collapse> byMember = new HashMap<>();
        Map<String, String> outputs = new HashMap<>();
        for (Collapse c : groups) {
            c.members().forEach(m -> byMember.put(m, c));
            outputs.put(c.output(), c.id());
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : net.nodes()) {
            Collapse c = byMember.get(n.id());
            if (c == null) {
                List<String> in = new ArrayList<>();
                n.inputs().forEach(i -> in.add(outputs.getOrDefault(i, i)));
                nodes.add(n.withInputs(in));
            } else if (n.id().equals(c.output())) {
                nodes.add(new Node(c.id(), c.spec(), List.of(outputs.getOrDefault(c.input(), c.input())),
                        n.position()));
            }
        }
        return new Network(net.name(), nodes);
    }

    /** The weights with each renamed layer's tensors under its new id. */
    private static WeightSet rename(WeightSet weights, Map<String, String> ids) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : weights.asMap().entrySet()) {
            String name = e.getKey();
            int dot = name.lastIndexOf('.');
            String layer = dot < 0 ? null : ids.get(name.substring(0, dot));
            out.put(layer == null ? name : layer + name.substring(dot), e.getValue());
        }
        return new WeightSet(out);
    }

    /** The longest common dot-separated prefix of the ids ("layer1.0"), or "". */
    static String commonPrefix(Collection<String> ids) {
        String[] common = null;
        int length = 0;
        for (String id : ids) {
            String[] parts = id.split("\\.", -1);
            if (common == null) {
                common = parts;
                length = parts.length;
                continue;
            }
            int i = 0;
            while (i < length && i < parts.length && parts[i].equals(common[i])) {
                i++;
            }
            length = i;
        }
        if (common == null || length == 0) {
            return "";
        }
        return String.join(".", java.util.Arrays.copyOf(common, length));
    }

    /** Nodes by id and their readers. */
    private static final class Graph {
        private final Map<String, Node> nodes;
        private final Map<String, List<String>> consumers = new HashMap<>();

        Graph(Network net) {
            nodes = net.byId();
            for (Node n : net.nodes()) {
                for (String i : n.inputs()) {
                    consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n.id());
                }
            }
        }

        Node node(String id) {
            return nodes.get(id);
        }

        List<String> consumers(String id) {
            return consumers.getOrDefault(id, List.of());
        }

        /** The id, then its first input, that one's first input... at most {@code max} ids. */
        List<String> chain(String id, int max) {
            List<String> out = new ArrayList<>();
            String cur = id;
            while (cur != null && out.size() < max && !out.contains(cur)) {
                Node n = nodes.get(cur);
                if (n == null) {
                    break;
                }
                out.add(cur);
                cur = n.inputs().isEmpty() ? null : n.inputs().get(0);
            }
            return out;
        }

        /**
         * The layers between {@code x} (excluded) and {@code output} (included), if they form a block: only x feeds
         * them from outside, only the output is read from outside, none is taken, an Input, or a block.
         */
        Set<String> group(String output, String x, Set<String> taken) {
            Set<String> members = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(output));
            while (!todo.isEmpty()) {
                String id = todo.poll();
                if (id.equals(x) || members.contains(id)) {
                    continue;
                }
                Node n = nodes.get(id);
                if (n == null || taken.contains(id) || !(n.spec() instanceof PrimitiveSpec) || n.spec() instanceof Input
                        || members.size() >= MAX_GROUP) {
                    return null;
                }
                members.add(id);
                todo.addAll(n.inputs());
            }
            for (String m : members) {
                if (!m.equals(output) && !members.containsAll(consumers(m))) {
                    return null;
                }
            }
            return members;
        }
    }
}
