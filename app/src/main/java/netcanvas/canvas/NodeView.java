package netcanvas.canvas;

import javafx.scene.Group;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;
import netcanvas.theme.ThemeColors;
import netcanvas.theme.ThemeColors.Role;
import netcanvas.theme.Themes;

/**
 * The box of one node: kind and id, key parameters, output shape (and a block's totals), an input port on top, an
 * output port below and a badge when the analysis reports a problem. It is drawn from a {@link NodeModel} only.
 */
public final class NodeView extends Group {
    public static final double WIDTH = 210;
    public static final double HEIGHT = 72;

    private static final Font BOLD = Font.font("DejaVu Sans", FontWeight.BOLD, 12);
    private static final Font PLAIN = Font.font("DejaVu Sans", 11);
    /** Ports: radius, and centres on the top and bottom edges (an SVG export draws them the same). */
    static final double PORT_RADIUS = 5;
    /** The badge: a circle of this radius at (WIDTH - 4, 4) holding a bold "!" at (WIDTH - 7.5, 8.5). */
    static final double BADGE_RADIUS = 9;
    static final double BADGE_X = WIDTH - 4;
    static final double BADGE_Y = 4;
    static final double MARK_X = WIDTH - 7.5;
    static final double MARK_Y = 8.5;

    /** Room for a line of text: from its left inset (10) to 16 short of the edge, clear of the badge. */
    private static final double TEXT_WIDTH = WIDTH - 26;
    /** Measures texts off the scene (FX thread only, as every view is). */
    private static final Text MEASURE = new Text();

    private final Rectangle box = new Rectangle(WIDTH, HEIGHT);
    private final Text title = text(BOLD, 10, 17);
    private final Text params = text(PLAIN, 10, 32);
    private final Text shape = text(PLAIN, 10, 47);
    private final Text costs = text(PLAIN, 10, 62);
    private final Circle inPort = new Circle(WIDTH / 2, 0, PORT_RADIUS);
    private final Circle outPort = new Circle(WIDTH / 2, HEIGHT, PORT_RADIUS);
    private final Group badge = new Group();
    private final Group texts = new Group();
    private NodeModel model;
    private boolean selected;

    public NodeView(NodeModel model) {
        box.setArcWidth(12);
        box.setArcHeight(12);
        title.getStyleClass().add("node-title");
        params.getStyleClass().add("node-params");
        shape.getStyleClass().add("node-shape");
        costs.getStyleClass().add("node-costs");
        for (Circle port : new Circle[] {inPort, outPort}) {
            port.setStrokeWidth(1.5);
        }
        inPort.getStyleClass().add("port-in");
        outPort.getStyleClass().add("port-out");
        Circle dot = new Circle(BADGE_X, BADGE_Y, BADGE_RADIUS);
        Text mark = text(BOLD, MARK_X, MARK_Y);
        mark.setText("!");
        badge.getChildren().addAll(dot, mark);
        badge.getStyleClass().add("node-badge");
        texts.getChildren().addAll(title, params, shape, costs);
        getChildren().addAll(box, texts, new Group(inPort, outPort), badge);
        getStyleClass().add("node-view");
        update(model);
    }

    /** Sets a line of the box, shortened with an ellipsis to fit; true when it had to be shortened. */
    private static boolean show(Text line, String full) {
        String fitted = fitted(full, line.getFont(), TEXT_WIDTH);
        line.setText(fitted);
        return !fitted.equals(full);
    }

    /** The longest start of {@code s} that, with an ellipsis, fits {@code width} pixels in {@code font}. */
    static String fitted(String s, Font font, double width) {
        if (widthOf(s, font) <= width) {
            return s;
        }
        int lo = 0;
        int hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (widthOf(s.substring(0, mid).stripTrailing() + "\u2026", font) <= width) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return s.substring(0, lo).stripTrailing() + "\u2026";
    }

    private static double widthOf(String s, Font font) {
        MEASURE.setFont(font);
        MEASURE.setText(s);
        return MEASURE.getLayoutBounds().getWidth();
    }

    private static Text text(Font font, double x, double y) {
        Text t = new Text(x, y, "");
        t.setFont(font);
        return t;
    }

    /** Redraws from a new model; does nothing when it equals the current one. */
    public void update(NodeModel m) {
        if (m.equals(model)) {
            return;
        }
        model = m;
        setId("node-" + m.id());
        boolean cut = show(title, m.name() + "  \u00b7  " + m.title());
        cut |= show(params, m.keyParams());
        cut |= show(shape, "\u2192 " + m.shape());
        cut |= show(costs, m.costs());
        Tooltip.uninstall(box, null);
        if (cut) {
            // What the box had to shorten, whole, on hover.
            Tooltip whole = new Tooltip(String.join("\n", m.name() + " \u00b7 " + m.title(), m.keyParams(),
                    "\u2192 " + m.shape(), m.costs()));
            whole.setShowDelay(Duration.millis(300));
            Tooltip.install(box, whole);
        }
        inPort.setVisible(m.inputs());
        badge.setVisible(!m.problems().isEmpty());
        Tooltip.uninstall(badge, null);
        if (!m.problems().isEmpty()) {
            Tooltip tip = new Tooltip(String.join("\n", m.problems()));
            tip.setShowDelay(Duration.millis(150));
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            Tooltip.install(badge, tip);
            badge.getProperties().put("message", tip.getText());
        } else {
            badge.getProperties().remove("message");
        }
        relocate(m.x(), m.y());
        recolor();
    }

    /** Paints the box, its texts, ports and badge in the current theme's colours (and again when it changes). */
    void recolor() {
        ThemeColors c = Themes.current();
        box.setFill(c.box(model.category()));
        title.setFill(c.get(Role.BOX_TEXT));
        params.setFill(c.get(Role.BOX_TEXT));
        shape.setFill(c.get(Role.BOX_TEXT));
        costs.setFill(c.get(Role.BOX_MUTED_TEXT));
        for (Circle port : new Circle[] {inPort, outPort}) {
            port.setFill(c.get(Role.PORT_FILL));
            port.setStroke(c.get(Role.PORT_STROKE));
        }
        ((Circle) badge.getChildren().get(0)).setFill(c.get(model.error() ? Role.ERROR : Role.WARNING));
        ((Text) badge.getChildren().get(1)).setFill(c.get(Role.BADGE_MARK));
        paintBorder();
    }

    public NodeModel model() {
        return model;
    }

    public void setSelected(boolean s) {
        if (s != selected) {
            selected = s;
            paintBorder();
        }
    }

    public boolean selected() {
        return selected;
    }

    private void paintBorder() {
        ThemeColors c = Themes.current();
        box.setStroke(c.get(selected ? Role.ACCENT : !model.problems().isEmpty() && model.error() ? Role.ERROR
                : Role.BOX_STROKE));
        box.setStrokeWidth(selected ? 3 : 1.2);
    }

    /** The shape line exactly as drawn ("-> 64x222x222"). */
    public String shapeText() {
        return shape.getText();
    }

    public String costsText() {
        return costs.getText();
    }

    /** The box colour (the overview paints it too). */
    Color fill() {
        return (Color) box.getFill();
    }

    /** The box colour as CSS hex, for export. */
    String fillWeb() {
        return ThemeColors.web((Color) box.getFill());
    }

    Color costsFill() {
        return (Color) costs.getFill();
    }

    /** The badge's circle colour (an error's or a warning's). */
    Color badgeFill() {
        return (Color) ((Circle) badge.getChildren().get(0)).getFill();
    }

    Color badgeMarkFill() {
        return (Color) ((Text) badge.getChildren().get(1)).getFill();
    }

    /** The box itself (its fill and border), for tests. */
    public Rectangle box() {
        return box;
    }

    /** The title line (kind and id) as drawn. */
    public Text title() {
        return title;
    }

    /** The shape line ("-> 64x222x222") as drawn. */
    public Text shape() {
        return shape;
    }

    public String titleText() {
        return title.getText();
    }

    public String paramsText() {
        return params.getText();
    }

    /** The box's own tooltip (its lines whole, when one had to be shortened), or null. */
    public String hoverText() {
        Object tip = box.getProperties().get("javafx.scene.control.Tooltip");
        return tip instanceof Tooltip t ? t.getText() : null;
    }

    /** The badge's tooltip text, or null when there is no badge. */
    public String badgeMessage() {
        return badge.isVisible() ? (String) badge.getProperties().get("message") : null;
    }

    public Group badge() {
        return badge;
    }

    public Circle inPort() {
        return inPort;
    }

    public Circle outPort() {
        return outPort;
    }

    /** Where the view is now (during a drag, ahead of the model). */
    public double x() {
        return getLayoutX();
    }

    public double y() {
        return getLayoutY();
    }
}
