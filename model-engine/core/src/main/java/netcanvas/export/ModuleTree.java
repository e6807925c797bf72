package netcanvas.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.analysis.Analysis;
import netcanvas.graph.BlockBuilder;
import netcanvas.graph.CompositeSpec;
import netcanvas.graph.Input;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Node;
import netcanvas.graph.PrimitiveSpec;
import netcanvas.graph.Shape;
import netcanvas.graph.Stage;

/**
 * The module structure of an exported network: the model's forward() as statements, each calling one module (a
 * PyTorch layer, an nn.Sequential for a Stage, or an instance of a generated block class), and the block classes,
 * one per distinct block configuration. Blocks are expanded exactly as the analysis expands them
 * ({@link CompositeSpec#expand} with the analysed input shapes), so the modules mirror the analysed layers one to one.
 */
final class ModuleTree {

    /** One line of a forward(): {@code var = self.attr(inputs)}. */
    record Stmt(String id, List<String> attr, Object module, List<String> inputs, boolean flatten) {
    }

    /** A forward(): its input ids, statements in topological order and returned ids. */
    record Body(List<String> inputs, List<Stmt> stmts, List<String> outputs) {
    }

    /** A Stage: an nn.Sequential of modules (PyCall, Instance or Seq). */
    record Seq(List<Object> items) {
    }

    /** One block of the network, an instance of a generated class. */
    static final class Instance {
        final String id;
        final CompositeSpec spec;
        final long inChannels;
        final Body body;
        BlockClass cls;

        Instance(String id, CompositeSpec spec, long inChannels, Body body) {
            this.id = id;
            this.spec = spec;
            this.inChannels = inChannels;
            this.body = body;
        }

        /** Integer values of every module argument in the body, in rendering order. */
        List<Integer> slots() {
            List<Integer> out = new ArrayList<>();
            for (Stmt s : body.stmts()) {
                out.addAll(ModuleTree.call(s.module()).slots());
            }
            return out;
        }

        /** The constructor call, once the class's parameters are known. */
        PyCall call() {
            PyCall.Builder b = PyCall.of(cls.name);
            List<Integer> slots = slots();
            for (int p = 0; p < cls.params.size(); p++) {
                b.pos(cls.params.get(p), slots.get(cls.firstSlot.get(p)));
            }
            return b.build();
        }
    }

    /** A generated nn.Module class shared by blocks whose expansions differ at most in integer arguments. */
    static final class BlockClass {
        final String name;
        final String kind;
        final String key;
        final List<Instance> instances = new ArrayList<>();
        /** Constructor parameters, in order. */
        final List<String> params = new ArrayList<>();
        /** For each parameter, the first slot it fills. */
        final List<Integer> firstSlot = new ArrayList<>();
        /** For each slot, the parameter that fills it, or null for a literal. */
        final List<String> slotParam = new ArrayList<>();

        BlockClass(String name, String kind, String key) {
            this.name = name;
            this.kind = kind;
            this.key = key;
        }
    }

    private final Analysis analysis;
    /** Every layer and block id to its module path in the model (state_dict / named_modules naming). */
    final Map<String, String> paths = new LinkedHashMap<>();
    final List<BlockClass> classes = new ArrayList<>();
    /** The helper modules (Concat, Add, Scale) some layer uses. */
    final Set<String> helpersUsed = new HashSet<>();
    private final Map<String, BlockClass> byKey = new HashMap<>();
    private final Map<String, Integer> perKind = new HashMap<>();

    ModuleTree(Analysis analysis) {
        this.analysis = analysis;
    }

    /** The model's body from the designed network's nodes, in the analysis's topological order. */
    Body model(List<Node> nodes, String inputId, List<String> outputs) {
        List<Stmt> stmts = new ArrayList<>();
        Names attrs = new Names();
        for (Node n : nodes) {
            if (n.spec() instanceof Input) {
                continue;
            }
            String attr = attrs.unique(PyText.attribute(n.id()));
            stmts.add(new Stmt(n.id(), List.of(attr), lower(n, attr), n.inputs(), needsFlatten(n)));
        }
        BlockClassFinaliser.finalise(classes);
        return new Body(List.of(inputId), stmts, outputs);
    }

    private Object lower(Node n, String path) {
        paths.put(n.id(), path);
        if (n.spec() instanceof PrimitiveSpec p) {
            PyCall call = p.accept(new TorchModules(inputShapes(n)));
            if (Helpers.ALL.contains(call.callee())) {
                helpersUsed.add(call.callee());
            }
            return call;
        }
        BlockBuilder b = new BlockBuilder(n.id(), n.inputs(), inputShapes(n));
        ((CompositeSpec) n.spec()).expand(b);
        if (n.spec() instanceof Stage) {
            List<Object> items = new ArrayList<>();
            for (Node child : b.children()) {
                // A dense layer fed a C x H x W tensor sits in nn.Sequential(nn.Flatten(), layer): its module is ".1".
                Object m = lower(child, path + "." + local(n.id(), child.id()) + (needsFlatten(child) ? ".1" : ""));
                items.add(needsFlatten(child)
                        ? PyCall.of("nn.Sequential").posLiteral(PyCall.of("nn.Flatten").build()).posLiteral(m).build()
                        : m);
            }
            return new Seq(items);
        }
        List<Stmt> stmts = new ArrayList<>();
        Names attrs = new Names();
        for (Node child : b.children()) {
            List<String> attr = new ArrayList<>();
            for (String segment : local(n.id(), child.id()).split("\\.", -1)) {
                attr.add(PyText.attribute(segment));
            }
            // Segments never contain dots, so a suffix added for uniqueness stays in the last segment.
            attr = List.of(attrs.unique(String.join(".", attr)).split("\\."));
            Object m = lower(child, path + "." + String.join(".", attr));
            stmts.add(new Stmt(child.id(), List.copyOf(attr), m, child.inputs(), needsFlatten(child)));
        }
        Shape in = inputShapes(n).get(0);
        Instance inst = new Instance(n.id(), (CompositeSpec) n.spec(), in.channels(),
                new Body(n.inputs(), stmts, List.of(b.outputId())));
        assign(inst);
        return inst;
    }

    /** Files the instance under the class of its configuration, creating the class on first sight. */
    private void assign(Instance inst) {
        String kind = inst.spec.kind();
        String key = kind + "\n" + String.join("\n", ClassSource.initLines(inst.body, n -> "#", true))
                + "\n" + String.join("\n", ClassSource.forwardLines(inst.body, inputVars(inst.body)));
        BlockClass cls = byKey.get(key);
        if (cls == null) {
            int n = perKind.merge(kind, 1, Integer::sum);
            String base = PyText.className(LayerKinds.of(inst.spec).title());
            cls = new BlockClass(n == 1 ? base : base + n, kind, key);
            byKey.put(key, cls);
            classes.add(cls);
        }
        cls.instances.add(inst);
        inst.cls = cls;
    }

    static List<String> inputVars(Body body) {
        if (body.inputs().size() == 1) {
            return List.of("x");
        }
        List<String> vars = new ArrayList<>();
        for (int i = 0; i < body.inputs().size(); i++) {
            vars.add("x" + i);
        }
        return vars;
    }

    /** The local name of an inner layer: its id without the block's id and dot. */
    private static String local(String blockId, String childId) {
        return childId.substring(blockId.length() + 1);
    }

    private List<Shape> inputShapes(Node n) {
        List<Shape> shapes = new ArrayList<>();
        for (String i : n.inputs()) {
            shapes.add(analysis.shapeOf(i));
        }
        return shapes;
    }

    /** A layer that flattens its input first (a Dense fed C x H x W): forward() flattens it, as analysis assumes. */
    private boolean needsFlatten(Node n) {
        return n.spec() instanceof PrimitiveSpec p && !n.inputs().isEmpty()
                && p.flattensInput(analysis.shapeOf(n.inputs().get(0)));
    }

    /** Any module as a constructor call (block classes must be finalised). */
    static PyCall call(Object module) {
        if (module instanceof PyCall c) {
            return c;
        }
        if (module instanceof Instance i) {
            return i.call();
        }
        PyCall.Builder b = PyCall.of("nn.Sequential");
        for (Object item : ((Seq) module).items()) {
            b.posLiteral(call(item));
        }
        return b.build();
    }

    /** A module's text with integer slots hidden: equal keys mean "same configuration up to integers". */
    static String key(Object module) {
        if (module instanceof PyCall c) {
            return c.render(new int[] {0}, n -> "#");
        }
        if (module instanceof Instance i) {
            return i.cls.name + "(...)";
        }
        List<String> items = new ArrayList<>();
        for (Object item : ((Seq) module).items()) {
            items.add(key(item));
        }
        return "nn.Sequential(" + String.join(", ", items) + ")";
    }

    /** Unique names within one scope: a repeat gets _2, _3... */
    static final class Names {
        private final Set<String> used = new HashSet<>();

        String unique(String base) {
            String name = base;
            for (int i = 2; !used.add(name); i++) {
                name = base + "_" + i;
            }
            return name;
        }

        void reserve(String name) {
            used.add(name);
        }
    }
}
