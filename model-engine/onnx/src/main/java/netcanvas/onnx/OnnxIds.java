package netcanvas.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Readable, unique NetCanvas ids from ONNX node names. PyTorch names a node by its module scopes and op type
 * ("/layer1/layer1.0/conv1/Conv"); the id is the module's qualified name ("layer1.0.conv1"), which is also the prefix
 * of its weights in the state dict. Names from other exporters are kept, cleaned of characters ids avoid.
 */
final class OnnxIds {

    private final Set<String> used = new HashSet<>();

    /**
     * A fresh id for a node: from its name, or where it has none, from its weight's name.
     *
     * @param weightName the name of the node's weight initializer, or null. PyTorch names it after the module
     *                   ("features.0.weight") but shares one initializer between modules with equal values (fresh
     *                   batch norms), so the node's own name comes first
     */
    String idFor(String onnxName, String opType, String weightName) {
        String op = opType.toLowerCase(Locale.ROOT);
        String base = readable(onnxName);
        if (base.isEmpty() && weightName != null && weightName.endsWith(".weight") && weightName.length() > 7) {
            base = clean(weightName.substring(0, weightName.length() - 7));
        } else if (onnxName.startsWith("/") && !base.isEmpty() && FUNCTIONAL.contains(opType)
                && !base.endsWith(op)) {
            // A functional op (out += identity) is named after the module that calls it: say what it is.
            base = base + "." + op;
        }
        return fresh(base.isEmpty() ? op : base);
    }

    /** Ops that PyTorch code usually calls as functions, not as modules of their own. */
    private static final Set<String> FUNCTIONAL = Set.of("Add", "Mul", "Concat", "Flatten", "Reshape", "ReduceMean",
            "Sum");

    /** Marks an id as taken and returns it, or a suffixed variant when it already is. */
    String fresh(String base) {
        if (used.add(base)) {
            return base;
        }
        for (int i = 2; ; i++) {
            String id = base + "_" + i;
            if (used.add(id)) {
                return id;
            }
        }
    }

    /** "/layer1/layer1.0/conv1/Conv" to "layer1.0.conv1"; "/Flatten" to ""; "conv_3" stays "conv_3". */
    static String readable(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        if (!name.startsWith("/")) {
            return clean(name);
        }
        String[] parts = name.substring(1).split("/");
        // The last part is the op type (optionally numbered, "Relu_1"): the module path is everything before it.
        // A scope names a child relative to its container ("/inception3a/branch4/branch4.0"): "branch4.0" replaces
        // "branch4", giving "inception3a.branch4.0".
        List<String> path = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            String s = parts[i];
            if (s.isEmpty()) {
                continue;
            }
            if (!path.isEmpty() && s.startsWith(path.get(path.size() - 1) + ".")) {
                path.set(path.size() - 1, s);
            } else {
                path.add(s);
            }
        }
        if (path.isEmpty()) {
            return "";
        }
        return clean(String.join(".", path));
    }

    private static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
            b.append(ok ? c : '_');
        }
        String r = b.toString();
        while (r.startsWith(".") || r.startsWith("_")) {
            r = r.substring(1);
        }
        return r.length() > 120 ? r.substring(0, 120) : r;
    }
}
