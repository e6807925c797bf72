package netcanvas.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import netcanvas.theme.ThemeColors;
import netcanvas.theme.ThemeColors.Role;
import netcanvas.theme.Themes;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A line chart drawn on one Canvas from primitive buffers. Each redraw reduces every series to min/max per pixel
 * column ({@link Decimation}), so drawing 100,000 iterations costs about as much as drawing a thousand: a JavaFX
 * LineChart would keep a scene-graph node per point and slow down as the run goes on.
 */
public final class LiveChart extends Region {
    static final double LEFT = 52;
    static final double RIGHT = 12;
    static final double TOP = 22;
    static final double BOTTOM = 22;

    /** One line: points in non-decreasing x, drawn in a colour and opacity, with dots when it has few points. */
    public static final class Series {
        final String name;
        final Color color;
        final double width;
        final boolean dots;
        final SampleBuffer xs = new SampleBuffer();
        final SampleBuffer ys = new SampleBuffer();
        int drawn;

        Series(String name, Color color, double width, boolean dots) {
            this.name = name;
            this.color = color;
            this.width = width;
            this.dots = dots;
        }

        public void add(double x, double y) {
            xs.add(x);
            ys.add(y);
        }

        public int size() {
            return xs.size();
        }

        /** How many points the last redraw drew. */
        public int drawnPoints() {
            return drawn;
        }

        public String name() {
            return name;
        }
    }

    private final Canvas canvas = new Canvas();
    private final String title;
    private final String xLabel;
    private final List<Series> series = new ArrayList<>();
    private final boolean legend;
    private Double fixedXMin;
    private Double fixedXMax;
    private Double fixedMin;
    private Double fixedMax;
    private long lastRedrawNanos;
    /** The plot's top for the last redraw: below the title and the legend's lines. */
    private double top = TOP;
    private boolean percent;

    /** Where the last redraw wrote the title and the legend's names (for checking that none overlaps another). */
    private final List<javafx.geometry.Rectangle2D> header = new ArrayList<>();

    public List<javafx.geometry.Rectangle2D> headerTexts() {
        return List.copyOf(header);
    }

    public LiveChart(String title, String xLabel, boolean legend) {
        this.title = title;
        this.xLabel = xLabel;
        this.legend = legend;
        getChildren().add(canvas);
        setMinSize(200, 120);
        setPrefSize(480, 200);
        netcanvas.theme.Themes.colors().addListener(new javafx.beans.value.WeakChangeListener<>(onTheme));
    }

    /** Draws again in a new theme's colours. */
    private final javafx.beans.value.ChangeListener<netcanvas.theme.ThemeColors> onTheme = (o, was, now) -> redraw();

    public Series addSeries(String name, Color color, double width, boolean dots) {
        Series s = new Series(name, color, width, dots);
        series.add(s);
        return s;
    }

    /** Removes every series (the runs history draws a new set for each selection). */
    public void removeAllSeries() {
        series.clear();
        redraw();
    }

    /** Fixes the x range (the epochs of a run) instead of fitting it to the data. */
    public void setXRange(double min, double max) {
        fixedXMin = min;
        fixedXMax = max;
    }

    /** Fixes the y range (accuracy is 0..1) instead of fitting it to the data. */
    public void setYRange(double min, double max) {
        fixedMin = min;
        fixedMax = max;
    }

    public void clear() {
        for (Series s : series) {
            s.xs.clear();
            s.ys.clear();
        }
        redraw();
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    /** Width of the plot area in pixels: the number of columns the series are reduced to. */
    public int plotColumns() {
        return (int) Math.max(1, Math.floor(canvas.getWidth() - LEFT - RIGHT));
    }

    /** Nanoseconds the last redraw took (for the benchmark). */
    public long lastRedrawNanos() {
        return lastRedrawNanos;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    public void redraw() {
        long t0 = System.nanoTime();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        ThemeColors theme = Themes.current();
        g.setFill(theme.get(Role.CHART));
        g.fillRect(0, 0, w, h);
        top = header(g, w);
        double pw = w - LEFT - RIGHT;
        double ph = h - top - BOTTOM;
        if (pw < 10 || ph < 10) {
            return;
        }
        double[] x = xRange();
        double[] y = yRange();
        axes(g, x, y, pw, ph);
        g.save();
        g.beginPath();
        g.rect(LEFT, top, pw, ph);
        g.clip();
        for (Series s : series) {
            draw(g, s, x, y, pw, ph);
        }
        g.restore();
        lastRedrawNanos = System.nanoTime() - t0;
    }

    private void draw(GraphicsContext g, Series s, double[] x, double[] y, double pw, double ph) {
        Decimation.Points p = Decimation.minMaxPerColumn(s.xs.raw(), s.ys.raw(), s.size(), x[0], x[1], (int) pw);
        s.drawn = p.size();
        double[] px = new double[p.size()];
        double[] py = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            px[i] = LEFT + (p.x()[i] - x[0]) / (x[1] - x[0]) * pw;
            py[i] = top + ph - (p.y()[i] - y[0]) / (y[1] - y[0]) * ph;
        }
        g.setStroke(Themes.current().ink(s.color));
        g.setLineWidth(s.width);
        g.strokePolyline(px, py, p.size());
        if (s.dots && p.size() <= 200) {
            g.setFill(Themes.current().ink(s.color));
            for (int i = 0; i < p.size(); i++) {
                g.fillOval(px[i] - 3, py[i] - 3, 6, 6);
            }
        }
    }

    private double[] xRange() {
        if (fixedXMin != null) {
            return new double[] {fixedXMin, fixedXMax};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            if (s.size() > 0) {
                lo = Math.min(lo, s.xs.get(0));
                hi = Math.max(hi, s.xs.get(s.size() - 1));
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        return hi > lo ? new double[] {lo, hi} : new double[] {lo - 0.5, lo + 0.5};
    }

    private double[] yRange() {
        if (fixedMin != null) {
            return new double[] {fixedMin, fixedMax};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[] v = s.ys.raw();
            for (int i = 0; i < s.size(); i++) {
                if (Double.isFinite(v[i])) {
                    lo = Math.min(lo, v[i]);
                    hi = Math.max(hi, v[i]);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        double pad = hi > lo ? (hi - lo) * 0.05 : Math.max(0.5, Math.abs(lo) * 0.1);
        // a loss never goes below 0, so neither does its axis
        return new double[] {lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad};
    }

    private void axes(GraphicsContext g, double[] x, double[] y, double pw, double ph) {
        g.setStroke(Themes.current().get(Role.CHART_GRID));
        g.setLineWidth(1);
        g.setFill(Themes.current().get(Role.CHART_MUTED_TEXT));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 4; i++) {
            double v = y[0] + (y[1] - y[0]) * i / 4;
            double py = Math.round(top + ph - ph * i / 4) + 0.5;
            g.strokeLine(LEFT, py, LEFT + pw, py);
            g.fillText(yText(v), LEFT - 4, py);
        }
        g.setStroke(Themes.current().get(Role.CHART_FRAME));
        g.strokeRect(LEFT + 0.5, top + 0.5, pw, ph);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        // x labels at the first and last whole number in range (iterations and epochs are counted)
        double first = Math.ceil(x[0]);
        double last = Math.floor(x[1]);
        if (first > last) {
            first = x[0];
            last = x[1];
        }
        double firstX = LEFT + (first - x[0]) / (x[1] - x[0]) * pw;
        double lastX = LEFT + (last - x[0]) / (x[1] - x[0]) * pw;
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(number(first), firstX, top + ph + 4);
        if (last != first) {
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(xLabel + " " + number(last), Math.min(LEFT + pw, lastX + 8), top + ph + 4);
        } else {
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(xLabel, LEFT + pw, top + ph + 4);
        }
    }

    /** Height of a line of the header (title, legend). */
    private static final double LINE = 14;

    /**
     * Writes the title and the legend above the plot so that no text lies over another: the title shrinks (to 8 px)
     * where it is wider than the chart; the legend stands at the right of the title's line where it fits there, else
     * it flows over lines of its own below the title (the Runs history's run names were written over the title and
     * past the chart's left edge). Returns the plot's top.
     */
    private double header(GraphicsContext g, double w) {
        header.clear();
        g.setFill(Themes.current().get(Role.CHART_TEXT));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double room = w - LEFT - RIGHT;
        double size = 11;
        while (size > 8 && textWidth(title, size) > room) {
            size -= 0.5;
        }
        g.setFont(Font.font(size));
        g.fillText(title, LEFT, 4);
        double titleEnd = LEFT + textWidth(title, size);
        header.add(new javafx.geometry.Rectangle2D(LEFT, 4, textWidth(title, size), LINE - 1));
        g.setFont(Font.font(11));
        if (!legend || series.isEmpty()) {
            return TOP;
        }
        double[] widths = new double[series.size()];
        double total = 0;
        for (int i = 0; i < widths.length; i++) {
            widths[i] = SWATCH + textWidth(series.get(i).name, 11);
            total += widths[i] + (i > 0 ? GAP : 0);
        }
        double right = w - RIGHT - 6;
        boolean beside = titleEnd + 12 + total <= right;
        double x = beside ? right - total : LEFT;
        double y = beside ? 4 : 4 + LINE;
        for (int i = 0; i < widths.length; i++) {
            if (!beside && x > LEFT && x + widths[i] > right) {
                x = LEFT;
                y += LINE;
            }
            Series s = series.get(i);
            g.setFill(Themes.current().ink(s.color));
            g.fillRect(x, y + 4, 10, 4);
            g.setFill(Themes.current().get(Role.CHART_TEXT));
            g.fillText(s.name, x + SWATCH, y);
            header.add(new javafx.geometry.Rectangle2D(x + SWATCH, y, widths[i] - SWATCH, LINE - 1));
            x += widths[i] + GAP;
        }
        return TOP + (y - 4);
    }

    /** Room for a legend entry's colour swatch before its name, and between entries. */
    private static final double SWATCH = 14;
    private static final double GAP = 10;

    private static double textWidth(String s, double size) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(Font.font(size));
        return t.getLayoutBounds().getWidth();
    }

    /** Shows y values as percentages (for accuracy, 0..1). */
    public void setPercent(boolean p) {
        percent = p;
    }

    private String yText(double v) {
        return percent ? String.format(Locale.ROOT, "%.0f%%", 100 * v) : number(v);
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return a >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : a >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
