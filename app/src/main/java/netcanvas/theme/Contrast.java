package netcanvas.theme;

import javafx.scene.paint.Color;

/** WCAG 2.x contrast between two colours (1 to 21; 4.5 is the minimum for body text). */
public final class Contrast {
    private Contrast() {
    }

    /** (L1 + 0.05) / (L2 + 0.05) with L1 the lighter relative luminance; opacity is ignored. */
    public static double ratio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** Relative luminance as WCAG defines it (sRGB channels linearised). */
    public static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
