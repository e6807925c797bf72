package netcanvas.graph;

import java.util.List;

/**
 * An integer expression with its values substituted, as an explanation prints it: numbers, +, -, x, exact /,
 * floor(a / b), ceil(a / b) and max(a, b). {@link #value()} evaluates it; {@link #text()} writes it so that reading
 * it back (x for multiply) gives the same value.
 */
public sealed interface Expr permits Expr.Num, Expr.Bin, Expr.Fn, Expr.Group {

    long value();

    /** The expression with its values, e.g. "floor((227 + 2 x 0 - 11) / 4) + 1". */
    String text();

    static Expr n(long v) {
        return new Num(v);
    }

    static Expr add(Expr a, Expr b) {
        return new Bin('+', a, b);
    }

    static Expr sub(Expr a, Expr b) {
        return new Bin('-', a, b);
    }

    static Expr mul(Expr a, Expr b) {
        return new Bin('x', a, b);
    }

    /** Product of several factors: "a x b x c". */
    static Expr mul(Expr first, Expr... rest) {
        Expr e = first;
        for (Expr r : rest) {
            e = mul(e, r);
        }
        return e;
    }

    /** Sum of several terms; a single term is itself, none is 0. */
    static Expr sum(List<Expr> terms) {
        if (terms.isEmpty()) {
            return n(0);
        }
        Expr e = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            e = add(e, terms.get(i));
        }
        return e;
    }

    /** Exact division (the divisor divides the dividend, e.g. Cin / groups). */
    static Expr div(Expr a, Expr b) {
        return new Bin('/', a, b);
    }

    static Expr floorDiv(Expr a, Expr b) {
        return new Fn("floor", a, b);
    }

    static Expr ceilDiv(Expr a, Expr b) {
        return new Fn("ceil", a, b);
    }

    static Expr max(Expr a, Expr b) {
        return new Fn("max", a, b);
    }

    /** The same expression in parentheses, to show how it groups: "96 x (3 x 11 x 11)". */
    static Expr group(Expr e) {
        return e instanceof Num ? e : new Group(e);
    }

    record Group(Expr e) implements Expr {
        @Override
        public long value() {
            return e.value();
        }

        @Override
        public String text() {
            return "(" + e.text() + ")";
        }
    }

    record Num(long v) implements Expr {
        @Override
        public long value() {
            return v;
        }

        @Override
        public String text() {
            return Long.toString(v);
        }
    }

    /** A binary operator: '+', '-', 'x' or exact '/'. */
    record Bin(char op, Expr a, Expr b) implements Expr {
        @Override
        public long value() {
            long x = a.value();
            long y = b.value();
            return switch (op) {
                case '+' -> Math.addExact(x, y);
                case '-' -> Math.subtractExact(x, y);
                case 'x' -> Math.multiplyExact(x, y);
                default -> x / y;
            };
        }

        @Override
        public String text() {
            return side(a, false) + " " + op + " " + side(b, true);
        }

        private String side(Expr e, boolean right) {
            if (e instanceof Bin inner) {
                int mine = precedence(op);
                int theirs = precedence(inner.op);
                boolean wrap = theirs < mine || (right && theirs == mine && op != '+' && op != 'x');
                return wrap ? "(" + inner.text() + ")" : inner.text();
            }
            return e.text();
        }

        private static int precedence(char op) {
            return op == '+' || op == '-' ? 1 : 2;
        }
    }

    /** floor(a / b), ceil(a / b) or max(a, b). */
    record Fn(String name, Expr a, Expr b) implements Expr {
        @Override
        public long value() {
            long x = a.value();
            long y = b.value();
            return switch (name) {
                case "floor" -> Math.floorDiv(x, y);
                case "ceil" -> -Math.floorDiv(-x, y);
                default -> Math.max(x, y);
            };
        }

        @Override
        public String text() {
            if (name.equals("max")) {
                return "max(" + a.text() + ", " + b.text() + ")";
            }
            String num = a instanceof Bin ? "(" + a.text() + ")" : a.text();
            String den = b instanceof Bin ? "(" + b.text() + ")" : b.text();
            return name + "(" + num + " / " + den + ")";
        }
    }
}
