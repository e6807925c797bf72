package netcanvas.canvas;

import java.util.List;
import java.util.Locale;

/**
 * The canvas as a standalone SVG: the same boxes, texts and edges as drawn, at 100%; each edge follows the route the
 * canvas drew (ELK's, or the one around moved boxes) and its label stands where the canvas placed it.
 */
public final class SvgExport {
    private SvgExport() {
    }

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
        s.append("<rect x=\"").append(fmt(minX - pad)).append("\" y=\"").append(fmt(minY - pad))
                .append("\" width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (EdgeView e : canvas.edgeViews().values()) {
            List<Double> p = e.points();
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i + 1 < p.size(); i += 2) {
                pts.append(fmt(p.get(i))).append(',').append(fmt(p.get(i + 1))).append(' ');
            }
            s.append("<polyline fill=\"none\" stroke=\"#78909c\" stroke-width=\"1.6\" points=\"")
                    .append(pts.toString().trim()).append("\"/>\n");
            var b = e.label().getBoundsInParent();
            s.append(text(b.getMinX(), b.getMaxY() - 2, 10, "#455a64", false, e.labelText()));
        }
        for (NodeView v : canvas.views().values()) {
            NodeModel m = v.model();
            s.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"6\" "
                    + "fill=\"%s\" stroke=\"%s\" stroke-width=\"1.2\"/>%n", fmt(v.x()), fmt(v.y()),
                    fmt(NodeView.WIDTH), fmt(NodeView.HEIGHT), v.fillWeb(), m.problems().isEmpty() ? "#90a4ae"
                            : "#e53935"));
            s.append(text(v.x() + 10, v.y() + 17, 12, "#263238", true, v.titleText()));
            s.append(text(v.x() + 10, v.y() + 32, 11, "#263238", false, v.paramsText()));
            s.append(text(v.x() + 10, v.y() + 47, 11, "#263238", false, v.shapeText()));
            s.append(text(v.x() + 10, v.y() + 62, 11, "#607d8b", false, v.costsText()));
            if (!m.problems().isEmpty()) {
                s.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"9\" fill=\"#d32f2f\"><title>%s"
                        + "</title></circle>%n", fmt(v.x() + NodeView.WIDTH - 4), fmt(v.y() + 4),
                        escape(String.join("\n", m.problems()))));
            }
        }
        return s.append("</svg>\n").toString();
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
