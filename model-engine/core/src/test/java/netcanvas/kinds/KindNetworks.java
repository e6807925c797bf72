package netcanvas.kinds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Flatten;
import netcanvas.graph.Hw;
import netcanvas.graph.Input;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.Padding;

/**
 * The smallest network around one layer kind, for tests that iterate the registry: an input, a 1x1 convolution
 * ({@link #PRE}), the kind's default instance (fed that as often as it needs inputs), a flatten, a dense layer to
 * {@link #CLASSES} classes and the output. A kind's defaults are sized for a real network, so the input tried is the
 * first of a few small shapes (wide and narrow, maps and 1x1) on which the analysis accepts the network; 12x12 maps,
 * so that ONNX can export an adaptive pool to any size dividing 12.
 */
public final class KindNetworks {
    /** The id of the kind's node. */
    public static final String NODE = "kind";
    public static final int CLASSES = 3;
    /**
     * A 1x1 convolution without bias in front of the kind, so a gradient check covers the gradient through the kind
     * (into this weight), and no bias sits before a normalisation that would cancel its gradient.
     */
    public static final String PRE = "pre";

    private static final int[][] INPUTS = {{4, 12, 12}, {32, 12, 12}, {4, 1, 1}, {32, 1, 1}};

    private KindNetworks() {
    }

    /** Integers of {@link #small} instances: at most this, as the kind's bounds allow. */
    private static final int SMALL = 4;

    /**
     * The kind's defaults with every integer (and each component of a pair) at most {@value #SMALL} where its
     * bounds allow, nested blocks too: for checks whose cost grows with the size, as finite differences do.
     */
    public static LayerSpec small(LayerKind kind) {
        Map<String, Object> values = new LinkedHashMap<>();
        LayerSpec defaults = kind.createDefault();
        for (var e : kind.values(defaults).entrySet()) {
            LayerKind.ParamInfo p = kind.params().stream().filter(q -> q.name().equals(e.getKey())).findFirst()
                    .orElseThrow();
            values.put(e.getKey(), smaller(p, e.getValue()));
        }
        return kind.create(values);
    }

    private static Object smaller(LayerKind.ParamInfo p, Object v) {
        int cap = (int) Math.max(SMALL, p.meta().min());
        if (v instanceof Integer i) {
            return Math.min(i, cap);
        }
        if (v instanceof Hw hw) {
            return new Hw(Math.min(hw.h(), cap), Math.min(hw.w(), cap));
        }
        if (v instanceof Padding pad && !pad.same()) {
            return Padding.of(Math.min(pad.h(), cap), Math.min(pad.w(), cap));
        }
        if (v instanceof LayerSpec nested) {
            return small(LayerKinds.of(nested));
        }
        return v;
    }

    /**
     * The network around the kind's default instance, or, where no small input suits the defaults (a ShuffleNet v2
     * basic unit needs its input to have its 116 channels), around its {@link #small} instance; throws when neither
     * fits.
     */
    public static Network around(LayerKind kind) {
        return aroundOrSmall(kind.createDefault(), kind, CLASSES);
    }

    /**
     * The network around this instance of the kind, or around the kind's {@link #small} instance where no small
     * input suits the instance; throws when neither fits.
     */
    public static Network aroundOrSmall(LayerSpec spec, LayerKind kind, int classes) {
        try {
            return around(spec, classes);
        } catch (IllegalArgumentException tooBig) {
            return around(small(kind), classes);
        }
    }

    /** The network around this instance, classifying into {@code classes}; throws when no small input suits it. */
    public static Network around(LayerSpec spec, int classes) {
        List<String> tried = new ArrayList<>();
        for (int[] in : INPUTS) {
            Network n = build(spec, in, classes);
            var a = Analyzer.analyze(n);
            if (!a.hasErrors()) {
                return n;
            }
            tried.add(in[0] + "x" + in[1] + "x" + in[2] + ": " + a.diagnostics());
        }
        throw new IllegalArgumentException(spec.kind() + " fits none of the small inputs: " + tried);
    }

    private static Network build(LayerSpec spec, int[] in, int classes) {
        if (spec instanceof Input i) {
            return new NetBuilder("kind-" + spec.kind()).add(NODE, i).then("flatten", new Flatten())
                    .then("fc", new Dense(classes, true)).then("out", new Output()).build();
        }
        NetBuilder b = new NetBuilder("kind-" + spec.kind()).input(in[0], in[1], in[2])
                .then(PRE, Conv2d.of(in[0], 1, 1, 0, false));
        if (spec instanceof Output) {
            return b.then("flatten", new Flatten()).then("fc", new Dense(classes, true)).then(NODE, spec).build();
        }
        b.add(NODE, spec, Collections.nCopies(spec.minInputs(), PRE).toArray(String[]::new));
        return b.then("flatten", new Flatten()).then("fc", new Dense(classes, true)).then("out", new Output()).build();
    }
}
