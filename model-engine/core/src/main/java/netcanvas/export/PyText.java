package netcanvas.export;

import java.util.Locale;
import java.util.Set;

/** Python literals and identifiers. */
final class PyText {

    /** Python keywords and names the generated code itself uses; never used as variable names. */
    private static final Set<String> RESERVED = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield", "self", "torch", "nn", "F", "x", "print", "super", "match", "case");

    /**
     * Attributes every nn.Module (or nn.ModuleDict) already has: a layer may not be stored under these names.
     */
    private static final Set<String> MODULE_ATTRIBUTES = Set.of("training", "forward", "train", "eval", "to",
            "cuda", "cpu", "type", "float", "double", "half", "bfloat16", "apply", "modules", "children",
            "parameters", "buffers", "named_modules", "named_children", "named_parameters", "named_buffers",
            "state_dict", "load_state_dict", "zero_grad", "add_module", "register_module", "register_buffer",
            "register_parameter", "get_submodule", "get_parameter", "get_buffer", "extra_repr", "requires_grad_",
            "share_memory", "to_empty", "dump_patches", "ipu", "xpu", "call_super_init", "keys", "items", "values",
            "pop", "update", "clear", "get_extra_state", "set_extra_state", "register_forward_hook",
            "register_forward_pre_hook", "register_full_backward_hook", "register_backward_hook", "T_destination");

    private PyText() {
    }

    static String bool(boolean b) {
        return b ? "True" : "False";
    }

    /** A float literal Python reads back as exactly this double. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d + ".0";
        }
        // Double.toString round-trips exactly; Python reads "1.0E-4" as the same double once lower-cased.
        return Double.toString(d).toLowerCase(Locale.ROOT);
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A valid Python identifier made from any text: other characters become '_', a leading digit gets '_'. */
    static String identifier(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
            b.insert(0, '_');
        }
        String s = b.toString();
        return RESERVED.contains(s) ? s + "_" : s;
    }

    /** A name a module can be stored under as an attribute of an nn.Module. */
    static String attribute(String text) {
        String s = identifier(text);
        return MODULE_ATTRIBUTES.contains(s) || s.startsWith("__") ? s + "_" : s;
    }

    /** "Residual bottleneck" -> "ResidualBottleneck", "squeeze-excitation" -> "SqueezeExcitation". */
    static String className(String text) {
        StringBuilder b = new StringBuilder();
        boolean upper = true;
        for (char c : text.toCharArray()) {
            if (c < 128 && Character.isLetterOrDigit(c)) {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
            b.insert(0, "Net");
        }
        return b.toString();
    }

    /** "outChannels" -> "out_channels", "n3x3Reduce" -> "n3x3_reduce". */
    static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
