package netcanvas.export;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A Python constructor call such as {@code nn.Conv2d(64, 256, kernel_size=1, bias=False)}. Integer arguments are
 * "slots": when several blocks share one generated class, the slots whose values differ between them (or that are
 * the block's own channels, stride or groups) become the class's constructor parameters.
 *
 * @param callee the Python callable, e.g. "nn.Conv2d" or a generated block class
 * @param args   positional arguments first, then keyword arguments
 */
record PyCall(String callee, List<Arg> args) {

    /**
     * One argument.
     *
     * @param keyword the keyword, or null for a positional argument
     * @param role    what the value means ("in_channels", "stride"), used to name constructor parameters
     * @param value   an Integer (a slot), a String of Python literal text, or a nested PyCall
     */
    record Arg(String keyword, String role, Object value) {
    }

    PyCall {
        args = List.copyOf(args);
    }

    static Builder of(String callee) {
        return new Builder(callee);
    }

    /** The integer slots in rendering order (depth first through nested calls). */
    List<Integer> slots() {
        List<Integer> out = new ArrayList<>();
        collect(out, new ArrayList<>());
        return out;
    }

    /** The roles of the slots, parallel to {@link #slots()}. */
    List<String> slotRoles() {
        List<String> roles = new ArrayList<>();
        collect(new ArrayList<>(), roles);
        return roles;
    }

    private void collect(List<Integer> values, List<String> roles) {
        for (Arg a : args) {
            if (a.value() instanceof Integer i) {
                values.add(i);
                roles.add(a.role());
            } else if (a.value() instanceof PyCall c) {
                c.collect(values, roles);
            }
        }
    }

    /** Python text with every slot written as its value. */
    String render() {
        return render(new int[] {0}, null);
    }

    /**
     * Python text with slot number n (counted from counter[0]) written as slotText(n), or as its value where that
     * gives null.
     */
    String render(int[] counter, IntFunction<String> slotText) {
        StringBuilder s = new StringBuilder(callee).append('(');
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            if (i > 0) {
                s.append(", ");
            }
            if (a.keyword() != null) {
                s.append(a.keyword()).append('=');
            }
            if (a.value() instanceof Integer v) {
                int n = counter[0]++;
                String text = slotText == null ? null : slotText.apply(n);
                s.append(text == null ? Integer.toString(v) : text);
            } else if (a.value() instanceof PyCall c) {
                s.append(c.render(counter, slotText));
            } else {
                s.append(a.value());
            }
        }
        return s.append(')').toString();
    }

    /** Collects arguments in order. */
    static final class Builder {
        private final String callee;
        private final List<Arg> args = new ArrayList<>();

        private Builder(String callee) {
            this.callee = callee;
        }

        /** A positional integer slot. */
        Builder pos(String role, int value) {
            args.add(new Arg(null, role, value));
            return this;
        }

        /** A positional argument of literal text or a nested call. */
        Builder posLiteral(Object value) {
            args.add(new Arg(null, null, value));
            return this;
        }

        /** A keyword integer slot. */
        Builder kw(String keyword, int value) {
            args.add(new Arg(keyword, keyword, value));
            return this;
        }

        /** A keyword argument of literal text. */
        Builder kwLiteral(String keyword, String text) {
            args.add(new Arg(keyword, keyword, text));
            return this;
        }

        PyCall build() {
            return new PyCall(callee, args);
        }
    }
}
