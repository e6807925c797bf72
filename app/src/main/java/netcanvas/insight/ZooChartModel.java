package netcanvas.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import netcanvas.presets.PresetFacts;
import netcanvas.report.CostConvention;
import netcanvas.report.Units;
import netcanvas.report.ZooReport;

/**
 * Where everything of the zoo chart goes, in picture coordinates, computed once from the engine's {@link ZooReport}
 * so that the window and the SVG export draw the same thing: x = billions of MACs (or of the chosen convention) on a
 * log scale, y = published ImageNet top-1, bubble area proportional to parameters, colour by family. Networks
 * without a published accuracy (and the open design) sit on a strip below the plot at their own x.
 */
public final class ZooChartModel {
    public static final double WIDTH = 980;
    public static final double HEIGHT = 650;
    static final double LEFT = 80;
    static final double RIGHT = WIDTH - 190;
    static final double TOP = 50;
    static final double BOTTOM = 440;
    static final double STRIP_TOP = 458;
    static final double STRIP_BOTTOM = 550;
    static final double AXIS = 560;
    /** The strip's lanes: a bubble goes to the first whose last label ends left of it. */
    private static final int LANES = 3;
    /** About how wide a 10-pixel label's character is, to keep labels on the strip apart. */
    private static final double CHAR_WIDTH = 6.2;
    static final double MAX_RADIUS = 34;
    static final double MIN_RADIUS = 3;
    /** The open design's family in the legend. */
    public static final String OPEN_DESIGN = "Open design";

    /** Distinct colours, one per family in the legend's order; the open design is drawn in dark grey. */
    private static final String[] PALETTE = {"#8d6e63", "#e53935", "#fb8c00", "#fdd835", "#43a047", "#1e88e5",
        "#3949ab", "#8e24aa", "#00acc1", "#d81b60", "#7cb342", "#6d4c41"};

    /**
     * One network's bubble.
     *
     * @param entry  the network's line of the zoo (name, family, parameters, cost, accuracy)
     * @param preset whether it is a preset (clicking opens it) rather than the open design
     */
    public record Bubble(ZooReport.Entry entry, boolean preset, double x, double y, double r, String colour,
            double labelX, double labelY) {
        public String name() {
            return entry.name();
        }

        /** The bubble's label: the name, and for the open design that it is. */
        public String label() {
            return preset ? entry.name() : entry.name() + " (open design)";
        }

        public boolean onStrip() {
            return entry.facts().top1().isEmpty();
        }

        /** The hover text: "resnet50 (ResNet): 25,557,032 params, 4.089 GMACs, top-1 76.130 % (torchvision ...)". */
        public String totals(CostConvention c) {
            return entry.name() + " (" + entry.facts().family() + "): " + Units.count(entry.params()) + " params, "
                    + String.format(Locale.ROOT, "%.4g", entry.giga()) + " " + ZooReport.gigaColumn(c) + ", "
                    + entry.facts().top1().map(a -> String.format(Locale.ROOT, "top-1 %.3f %%", a.percent())
                            + " (" + a.source() + ")").orElse("no published top-1");
        }
    }

    /** A tick on an axis: where, and its label. */
    public record Tick(double at, String label) {
    }

    /** A legend line. */
    public record Key(String family, String colour) {
    }

    private final CostConvention convention;
    private final List<Bubble> bubbles = new ArrayList<>();
    private final List<Tick> xTicks = new ArrayList<>();
    private final List<Tick> yTicks = new ArrayList<>();
    private final List<Key> legend = new ArrayList<>();
    private final int firstDecade;
    private final int lastDecade;
    private final double yMin;
    private final double yMax;

    /**
     * @param zoo    every preset's entry
     * @param design the open design's entry, or null when it has no valid analysis
     */
    public ZooChartModel(ZooReport zoo, ZooReport.Entry design) {
        this.convention = zoo.convention();
        List<ZooReport.Entry> all = new ArrayList<>(zoo.entries());
        if (design != null) {
            all.add(design);
        }
        double lo = Double.MAX_VALUE;
        double hi = 0;
        long maxParams = 1;
        double accLo = 100;
        double accHi = 0;
        for (ZooReport.Entry e : all) {
            if (e.cost() > 0) {
                lo = Math.min(lo, e.giga());
                hi = Math.max(hi, e.giga());
            }
            maxParams = Math.max(maxParams, e.params());
            if (e.facts().top1().isPresent()) {
                accLo = Math.min(accLo, e.facts().top1().get().percent());
                accHi = Math.max(accHi, e.facts().top1().get().percent());
            }
        }
        firstDecade = (int) Math.floor(Math.log10(lo == Double.MAX_VALUE ? 0.1 : lo));
        lastDecade = Math.max(firstDecade + 1, (int) Math.ceil(Math.log10(hi == 0 ? 1 : hi)));
        yMin = Math.floor(Math.min(accLo, accHi) / 5) * 5;
        yMax = Math.max(yMin + 5, Math.ceil(accHi / 5) * 5);
        for (int d = firstDecade; d <= lastDecade; d++) {
            xTicks.add(new Tick(x(Math.pow(10, d)), decade(d)));
        }
        for (double v = yMin; v <= yMax + 1e-9; v += 5) {
            yTicks.add(new Tick(y(v), String.format(Locale.ROOT, "%.0f", v)));
        }
        List<String> families = new ArrayList<>(PresetFacts.families());
        for (int i = 0; i < families.size(); i++) {
            legend.add(new Key(families.get(i), PALETTE[i % PALETTE.length]));
        }
        if (design != null) {
            legend.add(new Key(OPEN_DESIGN, "#37474f"));
        }
        double[] laneEnds = new double[LANES];
        java.util.Arrays.fill(laneEnds, -Double.MAX_VALUE);
        List<ZooReport.Entry> byCost = new ArrayList<>(all);
        byCost.sort(java.util.Comparator.comparingLong(ZooReport.Entry::cost));
        java.util.Map<ZooReport.Entry, Integer> lanes = new java.util.HashMap<>();
        for (ZooReport.Entry e : byCost) {
            if (e.facts().top1().isPresent()) {
                continue;
            }
            double r = radius(e.params(), maxParams);
            double left = x(Math.max(e.giga(), Math.pow(10, firstDecade))) - r;
            int lane = 0;
            for (int i = 0; i < LANES; i++) {
                if (laneEnds[i] < left) {
                    lane = i;
                    break;
                }
                lane = laneEnds[i] < laneEnds[lane] ? i : lane;
            }
            laneEnds[lane] = left + 2 * r + 3 + CHAR_WIDTH * (e == design ? e.name().length() + 14
                    : e.name().length());
            lanes.put(e, lane);
        }
        double laneGap = (STRIP_BOTTOM - STRIP_TOP) / (LANES + 1);
        for (ZooReport.Entry e : all) {
            boolean preset = e != design;
            String colour = preset ? PALETTE[families.indexOf(e.facts().family()) % PALETTE.length] : "#37474f";
            double r = radius(e.params(), maxParams);
            double cy = e.facts().top1().isPresent() ? y(e.facts().top1().get().percent())
                    : STRIP_TOP + laneGap * (lanes.get(e) + 1);
            bubbles.add(new Bubble(e, preset, x(Math.max(e.giga(), Math.pow(10, firstDecade))), cy, r, colour, 0, 0));
        }
        placeLabels();
    }

    /**
     * Puts each label where it overlaps no label placed before it: right of its bubble, else left, above or below
     * (the first that fits; right when none does). Text widths are estimated, which is close enough to keep names
     * apart.
     */
    private void placeLabels() {
        List<double[]> taken = new ArrayList<>();
        for (int i = 0; i < bubbles.size(); i++) {
            Bubble b = bubbles.get(i);
            double w = CHAR_WIDTH * b.label().length();
            double[][] candidates = {{b.x() + b.r() + 3, b.y() + 4}, {b.x() - b.r() - 3 - w, b.y() + 4},
                {b.x() - w / 2, b.y() - b.r() - 3}, {b.x() - w / 2, b.y() + b.r() + 11}};
            double[] chosen = candidates[0];
            for (double[] c : candidates) {
                double[] box = {c[0], c[1] - 9, c[0] + w, c[1] + 2};
                boolean inside = box[0] >= LEFT && box[2] <= RIGHT + 10;
                boolean free = taken.stream().noneMatch(t -> box[0] < t[2] && t[0] < box[2] && box[1] < t[3]
                        && t[1] < box[3]);
                if (inside && free) {
                    chosen = c;
                    break;
                }
            }
            taken.add(new double[] {chosen[0], chosen[1] - 9, chosen[0] + w, chosen[1] + 2});
            bubbles.set(i, new Bubble(b.entry(), b.preset(), b.x(), b.y(), b.r(), b.colour(), chosen[0], chosen[1]));
        }
    }

    /** Area proportional to parameters; the largest network gets {@link #MAX_RADIUS}. */
    private static double radius(long params, long maxParams) {
        return Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt((double) params / maxParams));
    }

    private static String decade(int d) {
        return d >= 0 ? String.format(Locale.ROOT, "%,d", (long) Math.pow(10, d))
                : String.format(Locale.ROOT, "%." + (-d) + "f", Math.pow(10, d));
    }

    /** The picture x of a cost in billions. */
    double x(double giga) {
        return LEFT + (Math.log10(giga) - firstDecade) / (lastDecade - firstDecade) * (RIGHT - LEFT);
    }

    /** The picture y of a top-1 accuracy in percent. */
    double y(double percent) {
        return BOTTOM - (percent - yMin) / (yMax - yMin) * (BOTTOM - TOP);
    }

    public List<Bubble> bubbles() {
        return List.copyOf(bubbles);
    }

    public Bubble bubble(String name) {
        return bubbles.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    public List<Tick> xTicks() {
        return List.copyOf(xTicks);
    }

    public List<Tick> yTicks() {
        return List.copyOf(yTicks);
    }

    public List<Key> legend() {
        return List.copyOf(legend);
    }

    public CostConvention convention() {
        return convention;
    }

    public String title() {
        return "ImageNet top-1 against " + ZooReport.gigaColumn(convention) + "; bubble area = parameters";
    }

    public String xTitle() {
        return ZooReport.gigaColumn(convention) + " per image, log scale (cost convention: " + convention.label()
                + ", " + convention.description() + ")";
    }

    public String yTitle() {
        return "Top-1 % (" + PresetFacts.SOURCE + ", IMAGENET1K_V1)";
    }

    public String stripTitle() {
        return "no published top-1";
    }

    /** The chart as an SVG document, drawn like the window. */
    public String svg() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\""
                + " font-family=\"DejaVu Sans, sans-serif\">%n", WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>%n",
                WIDTH, HEIGHT));
        s.append(text(WIDTH / 2 - 20, 24, 15, "middle", title()));
        s.append(line(LEFT, BOTTOM, RIGHT, BOTTOM, "#455a64")).append(line(LEFT, TOP, LEFT, BOTTOM, "#455a64"));
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                + "fill=\"#eceff1\"/>%n", LEFT, STRIP_TOP, RIGHT - LEFT, STRIP_BOTTOM - STRIP_TOP));
        s.append(text(LEFT - 6, (STRIP_TOP + STRIP_BOTTOM) / 2 + 4, 10, "end", "none"));
        s.append(text(RIGHT - 4, STRIP_TOP + 12, 10, "end", stripTitle()));
        for (Tick t : xTicks) {
            s.append(line(t.at(), TOP, t.at(), AXIS, "#eceff1"));
            s.append(text(t.at(), AXIS + 14, 11, "middle", t.label()));
        }
        for (Tick t : yTicks) {
            s.append(line(LEFT, t.at(), RIGHT, t.at(), "#eceff1"));
            s.append(text(LEFT - 6, t.at() + 4, 11, "end", t.label()));
        }
        s.append(text((LEFT + RIGHT) / 2, AXIS + 36, 12, "middle", xTitle()));
        s.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 18 %.1f)\">%s</text>%n", (TOP + BOTTOM) / 2, (TOP + BOTTOM) / 2,
                esc(yTitle())));
        for (Bubble b : bubbles) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" "
                    + "fill-opacity=\"0.6\" stroke=\"%s\"><title>%s</title></circle>%n", b.x(), b.y(), b.r(),
                    b.colour(), b.colour(), esc(b.totals(convention))));
            s.append(text(b.labelX(), b.labelY(), 10, "start", b.label()));
        }
        double ly = TOP;
        for (Key k : legend) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\" "
                    + "fill-opacity=\"0.6\" stroke=\"%s\"/>%n", RIGHT + 30, ly, k.colour(), k.colour()));
            s.append(text(RIGHT + 42, ly + 4, 11, "start", k.family()));
            ly += 20;
        }
        return s.append("</svg>\n").toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, colour);
    }

    private static String text(double x, double y, int size, String anchor, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, anchor, esc(text));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
