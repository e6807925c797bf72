package netcanvas.canvas;

import java.util.List;
import java.util.Locale;
import netcanvas.theme.ThemeColors;
import netcanvas.theme.ThemeColors.Role;
import netcanvas.theme.Themes;

/**
 * The canvas as a standalone SVG: the same boxes, texts and edges as drawn, at 100%; each edge follows the route the
 * canvas drew (ELK's, or the one around moved boxes) and its label stands where the canvas placed it.
 */
public final class SvgExport {
    private SvgExport() {
    }

    /** Boxes with their ports and badges ({@link #box}), in the theme's colours (on white in the light theme). */
    public static String of(CanvasView canvas) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (NodeView v : canvas.views().values()) {
            minX = Math.min(minX, v.x());
            minY = Math.min(minY, v.y());
            maxX = Math.max(maxX, v.x() + NodeView.WIDTH);
            maxY = Math.max(maxY, v.y() + NodeView.HEIGHT);
        }
        for (EdgeView e : canvas.edgeViews().values()) {
            List<Double> p = e.points();
            for (int i = 0; i + 1 < p.size(); i += 2) {
                minX = Math.min(minX, p.get(i));
                maxX = Math.max(maxX, p.get(i));
                minY = Math.min(minY, p.get(i + 1));
                maxY = Math.max(maxY, p.get(i + 1));
            }
            // the label may sit on either side of its line (wherever it covers nothing)
            var b = e.label().getBoundsInParent();
            minX = Math.min(minX, b.getMinX());
            maxX = Math.max(maxX, b.getMaxX());
            minY = Math.min(minY, b.getMinY());
            maxY = Math.max(maxY, b.getMaxY());
        }
        if (canvas.views().isEmpty()) {
            minX = minY = 0;
            maxX = maxY = 1;
        }
        double pad = 20;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%.0f %.0f %.0f %.0f\" "
                + "width=\"%.0f\" height=\"%.0f\" font-family=\"DejaVu Sans, sans-serif\">%n", minX - pad, minY - pad,
                maxX - minX + 2 * pad, maxY - minY + 2 * pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad));
        ThemeColors theme = Themes.current();
        s.append("<rect x=\"").append(fmt(minX - pad)).append("\" y=\"").append(fmt(minY - pad))
                .append("\" width=\"100%\" height=\"100%\" fill=\"")
                .append(theme.dark() ? ThemeColors.web(canvas.background()) : "white").append("\"/>\n");
        for (EdgeView e : canvas.edgeViews().values()) {
            List<Double> p = e.points();
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i + 1 < p.size(); i += 2) {
                pts.append(fmt(p.get(i))).append(',').append(fmt(p.get(i + 1))).append(' ');
            }
            s.append("<polyline fill=\"none\" stroke=\"" + ThemeColors.web(theme.get(Role.EDGE))
                    + "\" stroke-width=\"1.6\" points=\"")
                    .append(pts.toString().trim()).append("\"/>\n");
            var b = e.label().getBoundsInParent();
            s.append(text(b.getMinX(), b.getMaxY() - 2, 10, ThemeColors.web(theme.get(Role.EDGE_LABEL)), false,
                    e.labelText()));
        }
        for (NodeView v : canvas.views().values()) {
            box(s, v);
        }
        return s.append("</svg>\n").toString();
    }

    /**
     * A box as the canvas draws it ({@link NodeView}): the rounded rectangle with its border, the four lines of text,
     * the input port on the top edge (not on an Input), the output port on the bottom edge, and the badge of an error
     * or warning: a red or orange circle at the top-right corner holding a white "!", with the messages as its title.
     */
    private static void box(StringBuilder s, NodeView v) {
        NodeModel m = v.model();
        double x = v.x();
        double y = v.y();
        s.append(String.format(Locale.ROOT, "<g class=\"node\" data-node=\"%s\">%n", escape(m.id())));
        s.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"6\" "
                + "fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>%n", fmt(x), fmt(y), fmt(NodeView.WIDTH),
                fmt(NodeView.HEIGHT), v.fillWeb(), web(v.box().getStroke()), fmt(v.box().getStrokeWidth())));
        s.append(text(x + 10, y + 17, 12, web(v.title().getFill()), true, v.titleText()));
        s.append(text(x + 10, y + 32, 11, web(v.title().getFill()), false, v.paramsText()));
        s.append(text(x + 10, y + 47, 11, web(v.shape().getFill()), false, v.shapeText()));
        s.append(text(x + 10, y + 62, 11, web(v.costsFill()), false, v.costsText()));
        for (javafx.scene.shape.Circle port : new javafx.scene.shape.Circle[] {v.inPort(), v.outPort()}) {
            if (port.isVisible()) {
                s.append(String.format(Locale.ROOT, "<circle class=\"port %s\" cx=\"%s\" cy=\"%s\" r=\"%s\" "
                        + "fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>%n",
                        port == v.inPort() ? "port-in" : "port-out", fmt(x + port.getCenterX()),
                        fmt(y + port.getCenterY()), fmt(port.getRadius()), web(port.getFill()), web(port.getStroke()),
                        fmt(port.getStrokeWidth())));
            }
        }
        if (!m.problems().isEmpty()) {
            s.append(String.format(Locale.ROOT, "<g class=\"badge %s\"><title>%s</title>%n",
                    m.error() ? "badge-error" : "badge-warning", escape(String.join("\n", m.problems()))));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"/>%n",
                    fmt(x + NodeView.BADGE_X), fmt(y + NodeView.BADGE_Y), fmt(NodeView.BADGE_RADIUS),
                    web(v.badgeFill())));
            s.append(text(x + NodeView.MARK_X, y + NodeView.MARK_Y, 12, web(v.badgeMarkFill()), true, "!"));
            s.append("</g>\n");
        }
        s.append("</g>\n");
    }

    private static String web(javafx.scene.paint.Paint p) {
        return p instanceof javafx.scene.paint.Color c ? ThemeColors.web(c) : "none";
    }

    private static String text(double x, double y, int size, String fill, boolean bold, String t) {
        if (t == null || t.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-size=\"%d\" fill=\"%s\"%s>%s</text>%n",
                fmt(x), fmt(y), size, fill, bold ? " font-weight=\"bold\"" : "", escape(t));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
