package netcanvas.graph;

import java.math.BigInteger;

/**
 * Reads an explanation's printed expression back and evaluates it with exact fractions, independently of
 * {@link Expr#value()}: numbers (commas allowed), +, -, x or *, / (exact fraction), parentheses, floor(...),
 * ceil(...) and max(a, b).
 */
public final class ExprText {
    private final String s;
    private int i;

    private ExprText(String s) {
        this.s = s;
    }

    /** The value of the expression; fails unless it is a whole number. */
    public static long eval(String text) {
        ExprText p = new ExprText(text);
        BigInteger[] v = p.expr();
        p.space();
        if (p.i != p.s.length()) {
            throw new IllegalArgumentException("unexpected '" + text.substring(p.i) + "' in " + text);
        }
        if (!v[0].mod(v[1]).equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException(text + " is not a whole number");
        }
        return v[0].divide(v[1]).longValueExact();
    }

    private void space() {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
    }

    private boolean eat(String t) {
        space();
        if (s.startsWith(t, i)) {
            i += t.length();
            return true;
        }
        return false;
    }

    private BigInteger[] expr() {
        BigInteger[] v = term();
        while (true) {
            if (eat("+")) {
                v = add(v, term());
            } else if (eat("-")) {
                BigInteger[] t = term();
                v = add(v, new BigInteger[] {t[0].negate(), t[1]});
            } else {
                return v;
            }
        }
    }

    private BigInteger[] term() {
        BigInteger[] v = factor();
        while (true) {
            if (eat("x") || eat("*")) {
                BigInteger[] f = factor();
                v = norm(v[0].multiply(f[0]), v[1].multiply(f[1]));
            } else if (eat("/")) {
                BigInteger[] f = factor();
                v = norm(v[0].multiply(f[1]), v[1].multiply(f[0]));
            } else {
                return v;
            }
        }
    }

    private BigInteger[] factor() {
        if (eat("(")) {
            BigInteger[] v = expr();
            expect(")");
            return v;
        }
        if (eat("floor(")) {
            BigInteger[] v = expr();
            expect(")");
            return whole(floor(v));
        }
        if (eat("ceil(")) {
            BigInteger[] v = expr();
            expect(")");
            return whole(floor(new BigInteger[] {v[0].negate(), v[1]}).negate());
        }
        if (eat("max(")) {
            BigInteger[] a = expr();
            expect(",");
            BigInteger[] b = expr();
            expect(")");
            return a[0].multiply(b[1]).compareTo(b[0].multiply(a[1])) >= 0 ? a : b;
        }
        space();
        int start = i;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == ',' && i + 1 < s.length()
                && Character.isDigit(s.charAt(i + 1)) && i > start)) {
            i++;
        }
        if (start == i) {
            throw new IllegalArgumentException("expected a number at '" + s.substring(i) + "' in " + s);
        }
        return whole(new BigInteger(s.substring(start, i).replace(",", "")));
    }

    private void expect(String t) {
        if (!eat(t)) {
            throw new IllegalArgumentException("expected '" + t + "' at '" + s.substring(i) + "' in " + s);
        }
    }

    private static BigInteger floor(BigInteger[] v) {
        BigInteger[] qr = v[0].divideAndRemainder(v[1]);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static BigInteger[] whole(BigInteger v) {
        return new BigInteger[] {v, BigInteger.ONE};
    }

    private static BigInteger[] add(BigInteger[] a, BigInteger[] b) {
        return norm(a[0].multiply(b[1]).add(b[0].multiply(a[1])), a[1].multiply(b[1]));
    }

    private static BigInteger[] norm(BigInteger n, BigInteger d) {
        if (d.signum() < 0) {
            n = n.negate();
            d = d.negate();
        }
        BigInteger g = n.gcd(d);
        return g.signum() == 0 ? new BigInteger[] {n, d} : new BigInteger[] {n.divide(g), d.divide(g)};
    }
}
