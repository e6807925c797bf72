package netcanvas.theme;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.scene.paint.Color;
import netcanvas.graph.Category;

/**
 * The one home of a theme's colours. Controls read them as CSS looked-up colours ({@code -nc-canvas}, ...: see
 * {@link #css()}), the drawing code (canvas boxes, edges, minimap, overview, charts) reads them from here, so a
 * colour is named once and the two can never disagree.
 */
public final class ThemeColors {
    /** What a colour is for; its CSS name is {@code -nc-} and the role's name in lower case with dashes. */
    public enum Role {
        /** Text of labels outside the canvas (modena's own controls pick theirs from -fx-base). */
        TEXT, MUTED_TEXT, ERROR_TEXT, WARNING_TEXT,
        /** A text field's hint while empty (modena darkens the field's colour, which is invisible on dark). */
        PROMPT_TEXT,
        /** Links (the Problems list's node names): readable as text, unlike the accent. */
        LINK,
        /** Selection and focus on the canvas, the minimap's view frame. */
        ACCENT,
        CANVAS, BOX_STROKE, BOX_TEXT, BOX_MUTED_TEXT, PORT_FILL, PORT_STROKE, EDGE, EDGE_LABEL,
        /** A box's border and badge when it has an error; WARNING the badge of a warning; BADGE_MARK its "!". */
        ERROR, WARNING, BADGE_MARK,
        /** A connection being dragged that would be accepted. */
        GOOD,
        /** The status bar, the block path and other strips around the canvas. */
        PANEL, PANEL_BORDER,
        MINIMAP, MINIMAP_BORDER, OVERLAY,
        NOTICE, NOTICE_TEXT, NOTICE_EDGE,
        /** Behind a field holding an invalid value. */
        INVALID,
        /** Behind the focused palette entry. */
        HIGHLIGHT,
        /** Rows of a comparison: added in B, removed from A, changed. */
        ADDED, REMOVED, CHANGED,
        CHART, CHART_GRID, CHART_FRAME, CHART_TEXT, CHART_MUTED_TEXT;

        public String cssName() {
            return "-nc-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final ThemeColors LIGHT = lightColors();
    public static final ThemeColors DARK = darkColors();

    private final String name;
    private final boolean dark;
    private final Map<Role, Color> colors;
    private final Map<Category, Color> boxes;
    /** Modena's own looked-up colours this theme sets (none for light: modena is light). */
    private final String modena;

    private ThemeColors(String name, boolean dark, Map<Role, Color> colors, Map<Category, Color> boxes,
            String modena) {
        for (Role r : Role.values()) {
            if (!colors.containsKey(r)) {
                throw new IllegalStateException(name + " theme has no colour for " + r);
            }
        }
        for (Category c : Category.values()) {
            if (!boxes.containsKey(c)) {
                throw new IllegalStateException(name + " theme has no box colour for " + c);
            }
        }
        this.name = name;
        this.dark = dark;
        this.colors = Map.copyOf(colors);
        this.boxes = Map.copyOf(boxes);
        this.modena = modena;
    }

    public String name() {
        return name;
    }

    public boolean dark() {
        return dark;
    }

    public Color get(Role r) {
        return colors.get(r);
    }

    /** The fill of a box of this category. */
    public Color box(Category c) {
        return boxes.get(c);
    }

    /** CSS name of a box fill: {@code -nc-box-convolution}. */
    public static String boxCssName(Category c) {
        return "-nc-box-" + c.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A series colour made readable on this theme's chart background: kept as it is in the light theme; in the dark
     * one lightened (same hue) until its contrast with the background is at least 3:1, the WCAG figure for graphics.
     */
    public Color ink(Color c) {
        if (!dark) {
            return c;
        }
        Color bg = get(Role.CHART);
        Color out = c;
        for (int i = 0; i < 20 && Contrast.ratio(out, bg) < 3; i++) {
            out = out.interpolate(Color.WHITE, 0.15);
        }
        return Color.color(out.getRed(), out.getGreen(), out.getBlue(), c.getOpacity());
    }

    /** The stylesheet text that defines this theme's looked-up colours on the root of every scene. */
    public String css() {
        StringBuilder s = new StringBuilder(".root {\n");
        for (Role r : Role.values()) {
            s.append("    ").append(r.cssName()).append(": ").append(web(get(r))).append(";\n");
        }
        for (Category c : Category.values()) {
            s.append("    ").append(boxCssName(c)).append(": ").append(web(box(c))).append(";\n");
        }
        s.append(modena);
        return s.append("}\n").toString();
    }

    /** #rrggbb, or rgba(r, g, b, a) for a colour that is not opaque. */
    public static String web(Color c) {
        int r = (int) Math.round(c.getRed() * 255);
        int g = (int) Math.round(c.getGreen() * 255);
        int b = (int) Math.round(c.getBlue() * 255);
        if (c.getOpacity() >= 1) {
            return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
        }
        return String.format(Locale.ROOT, "rgba(%d, %d, %d, %.3f)", r, g, b, c.getOpacity());
    }

    @Override
    public String toString() {
        return name;
    }

    private static ThemeColors lightColors() {
        Map<Role, Color> m = new EnumMap<>(Role.class);
        m.put(Role.TEXT, Color.web("#263238"));
        m.put(Role.MUTED_TEXT, Color.web("#455a64"));
        m.put(Role.ERROR_TEXT, Color.web("#c62828"));
        m.put(Role.WARNING_TEXT, Color.web("#bf360c"));
        m.put(Role.PROMPT_TEXT, Color.web("#8d8d8d"));
        m.put(Role.LINK, Color.web("#1565c0"));
        m.put(Role.ACCENT, Color.web("#1e88e5"));
        m.put(Role.CANVAS, Color.web("#fafbfc"));
        m.put(Role.BOX_STROKE, Color.web("#90a4ae"));
        m.put(Role.BOX_TEXT, Color.web("#263238"));
        m.put(Role.BOX_MUTED_TEXT, Color.web("#546e7a"));
        m.put(Role.PORT_FILL, Color.WHITE);
        m.put(Role.PORT_STROKE, Color.web("#546e7a"));
        m.put(Role.EDGE, Color.web("#78909c"));
        m.put(Role.EDGE_LABEL, Color.web("#455a64"));
        m.put(Role.ERROR, Color.web("#d32f2f"));
        m.put(Role.WARNING, Color.web("#f57c00"));
        m.put(Role.BADGE_MARK, Color.WHITE);
        m.put(Role.GOOD, Color.web("#43a047"));
        m.put(Role.PANEL, Color.web("#eceff1"));
        m.put(Role.PANEL_BORDER, Color.web("#cfd8dc"));
        m.put(Role.MINIMAP, Color.rgb(255, 255, 255, 0.92));
        m.put(Role.MINIMAP_BORDER, Color.web("#b0bec5"));
        m.put(Role.OVERLAY, Color.rgb(255, 255, 255, 0.7));
        m.put(Role.NOTICE, Color.web("#fff3e0"));
        m.put(Role.NOTICE_TEXT, Color.web("#3e2723"));
        m.put(Role.NOTICE_EDGE, Color.web("#ef6c00"));
        m.put(Role.INVALID, Color.web("#ffebee"));
        m.put(Role.HIGHLIGHT, Color.web("#e3f2fd"));
        m.put(Role.ADDED, Color.web("#c8e6c9"));
        m.put(Role.REMOVED, Color.web("#ffcdd2"));
        m.put(Role.CHANGED, Color.web("#ffe0b2"));
        m.put(Role.CHART, Color.WHITE);
        m.put(Role.CHART_GRID, Color.web("#eceff1"));
        m.put(Role.CHART_FRAME, Color.web("#90a4ae"));
        m.put(Role.CHART_TEXT, Color.web("#37474f"));
        m.put(Role.CHART_MUTED_TEXT, Color.web("#546e7a"));
        Map<Category, Color> boxes = new EnumMap<>(Category.class);
        boxes.put(Category.INPUT, Color.web("#e3f2fd"));
        boxes.put(Category.CONVOLUTION, Color.web("#e8f5e9"));
        boxes.put(Category.POOLING, Color.web("#fff8e1"));
        boxes.put(Category.NORMALISATION, Color.web("#f3e5f5"));
        boxes.put(Category.ACTIVATION, Color.web("#fbe9e7"));
        boxes.put(Category.DENSE, Color.web("#e0f7fa"));
        boxes.put(Category.MERGE, Color.web("#ede7f6"));
        boxes.put(Category.BLOCKS, Color.web("#e8eaf6"));
        boxes.put(Category.OUTPUT, Color.web("#eceff1"));
        return new ThemeColors("Light", false, m, boxes, "");
    }

    private static ThemeColors darkColors() {
        Map<Role, Color> m = new EnumMap<>(Role.class);
        m.put(Role.TEXT, Color.web("#e3e7ea"));
        m.put(Role.MUTED_TEXT, Color.web("#b0bec5"));
        m.put(Role.ERROR_TEXT, Color.web("#ff8a80"));
        m.put(Role.WARNING_TEXT, Color.web("#ffb74d"));
        m.put(Role.PROMPT_TEXT, Color.web("#8a969c"));
        m.put(Role.LINK, Color.web("#90caf9"));
        m.put(Role.ACCENT, Color.web("#64b5f6"));
        m.put(Role.CANVAS, Color.web("#1c1f22"));
        m.put(Role.BOX_STROKE, Color.web("#62727b"));
        m.put(Role.BOX_TEXT, Color.web("#eceff1"));
        m.put(Role.BOX_MUTED_TEXT, Color.web("#b0bec5"));
        m.put(Role.PORT_FILL, Color.web("#2a2e32"));
        m.put(Role.PORT_STROKE, Color.web("#b0bec5"));
        m.put(Role.EDGE, Color.web("#8a9ba5"));
        m.put(Role.EDGE_LABEL, Color.web("#b0bec5"));
        m.put(Role.ERROR, Color.web("#ef5350"));
        m.put(Role.WARNING, Color.web("#fb8c00"));
        m.put(Role.BADGE_MARK, Color.WHITE);
        m.put(Role.GOOD, Color.web("#66bb6a"));
        m.put(Role.PANEL, Color.web("#2a2e32"));
        m.put(Role.PANEL_BORDER, Color.web("#3d4449"));
        m.put(Role.MINIMAP, Color.rgb(36, 40, 44, 0.92));
        m.put(Role.MINIMAP_BORDER, Color.web("#546e7a"));
        m.put(Role.OVERLAY, Color.rgb(28, 31, 34, 0.7));
        m.put(Role.NOTICE, Color.web("#4a3426"));
        m.put(Role.NOTICE_TEXT, Color.web("#ffe0b2"));
        m.put(Role.NOTICE_EDGE, Color.web("#ff9800"));
        m.put(Role.INVALID, Color.web("#5a2a2a"));
        m.put(Role.HIGHLIGHT, Color.web("#1d3a55"));
        m.put(Role.ADDED, Color.web("#1f4223"));
        m.put(Role.REMOVED, Color.web("#4d2427"));
        m.put(Role.CHANGED, Color.web("#4a3519"));
        m.put(Role.CHART, Color.web("#212428"));
        m.put(Role.CHART_GRID, Color.web("#33393e"));
        m.put(Role.CHART_FRAME, Color.web("#62727b"));
        m.put(Role.CHART_TEXT, Color.web("#e3e7ea"));
        m.put(Role.CHART_MUTED_TEXT, Color.web("#b0bec5"));
        Map<Category, Color> boxes = new EnumMap<>(Category.class);
        boxes.put(Category.INPUT, Color.web("#1d3347"));
        boxes.put(Category.CONVOLUTION, Color.web("#1e3626"));
        boxes.put(Category.POOLING, Color.web("#3a321c"));
        boxes.put(Category.NORMALISATION, Color.web("#35223b"));
        boxes.put(Category.ACTIVATION, Color.web("#3d261f"));
        boxes.put(Category.DENSE, Color.web("#17363a"));
        boxes.put(Category.MERGE, Color.web("#2b2640"));
        boxes.put(Category.BLOCKS, Color.web("#252a45"));
        boxes.put(Category.OUTPUT, Color.web("#2e3439"));
        // modena derives every control's colours and text (dark or light by a ladder) from these; a selected row of
        // an unfocused list is its one fixed colour (light grey), so the dark theme names it too
        String modena = """
                    -fx-base: #3a3f44;
                    -fx-background: #26292c;
                    -fx-control-inner-background: #1f2225;
                    -fx-control-inner-background-alt: #25282b;
                    -fx-accent: #1e88e5;
                    -fx-focus-color: #64b5f6;
                    -fx-faint-focus-color: #64b5f622;
                    -fx-default-button: #2f5f8a;
                    -fx-selection-bar-non-focused: #35495a;
                """;
        return new ThemeColors("Dark", true, m, boxes, modena);
    }
}
