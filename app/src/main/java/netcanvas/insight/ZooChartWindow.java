package netcanvas.insight;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import netcanvas.theme.ThemeColors;
import netcanvas.theme.ThemeColors.Role;
import netcanvas.theme.Themes;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import netcanvas.files.FilePicker;
import netcanvas.files.PngWriter;
import netcanvas.io.AtomicFiles;

/**
 * View › Zoo Chart: every preset and the open design on one chart ({@link ZooChartModel}). Hovering a bubble shows
 * its totals below the chart; clicking a preset's bubble opens it; Export PNG/SVG writes the chart as drawn.
 */
public final class ZooChartWindow {
    private final Stage stage = new Stage();
    private final Pane chart = new Pane();
    private final Label info = new Label("Hover a bubble for its totals; click a preset to open it.");
    private final Map<String, Circle> circles = new LinkedHashMap<>();
    private final Consumer<String> openPreset;
    private final FilePicker picker;
    private ZooChartModel model;

    /**
     * @param openPreset opens a preset by name in the main window (it asks first when the design is unsaved)
     * @param picker     asks where to export
     */
    public ZooChartWindow(Window owner, ZooChartModel model, Consumer<String> openPreset, FilePicker picker) {
        this.openPreset = openPreset;
        this.picker = picker;
        stage.initOwner(owner);
        stage.setTitle("Zoo chart \u2014 NetCanvas");
        chart.setId("zoo-chart");
        chart.setPrefSize(ZooChartModel.WIDTH, ZooChartModel.HEIGHT);
        chart.setMinSize(ZooChartModel.WIDTH, ZooChartModel.HEIGHT);
        chart.setStyle("-fx-background-color: -nc-chart;");
        info.setId("zoo-info");
        info.setPadding(new Insets(4, 8, 4, 8));
        Button png = new Button("Export PNG\u2026");
        png.setId("zoo-export-png");
        png.setOnAction(e -> exportPng());
        Button svg = new Button("Export SVG\u2026");
        svg.setId("zoo-export-svg");
        svg.setOnAction(e -> exportSvg());
        HBox bar = new HBox(8, png, svg);
        bar.setPadding(new Insets(6));
        BorderPane root = new BorderPane(new ScrollPane(chart));
        root.setTop(bar);
        root.setBottom(info);
        stage.setScene(new Scene(root, ZooChartModel.WIDTH + 30, ZooChartModel.HEIGHT + 100));
        CloseKeys.install(stage);
        show(model);
        Themes.colors().addListener(new javafx.beans.value.WeakChangeListener<>(onTheme));
    }

    /** Draws again in a new theme's colours. */
    private final javafx.beans.value.ChangeListener<ThemeColors> onTheme = (o, was, now) -> show(model);

    /** Draws this model (again, after the cost convention changed). */
    public void show(ZooChartModel m) {
        this.model = m;
        circles.clear();
        chart.getChildren().clear();
        add(text(ZooChartModel.WIDTH / 2 - 20, 24, 15, m.title(), true));
        Rectangle strip = new Rectangle(ZooChartModel.LEFT, ZooChartModel.STRIP_TOP,
                ZooChartModel.RIGHT - ZooChartModel.LEFT, ZooChartModel.STRIP_BOTTOM - ZooChartModel.STRIP_TOP);
        strip.setFill(Themes.current().get(Role.CHART_GRID));
        add(strip);
        add(text(ZooChartModel.RIGHT - 4, ZooChartModel.STRIP_TOP + 12, 10, m.stripTitle(), false, 1));
        add(text(ZooChartModel.LEFT - 6, (ZooChartModel.STRIP_TOP + ZooChartModel.STRIP_BOTTOM) / 2 + 4, 10, "none",
                false, 1));
        for (ZooChartModel.Tick t : m.xTicks()) {
            add(line(t.at(), ZooChartModel.TOP, t.at(), ZooChartModel.AXIS, Role.CHART_GRID));
            add(text(t.at(), ZooChartModel.AXIS + 14, 11, t.label(), false));
        }
        for (ZooChartModel.Tick t : m.yTicks()) {
            add(line(ZooChartModel.LEFT, t.at(), ZooChartModel.RIGHT, t.at(), Role.CHART_GRID));
            add(text(ZooChartModel.LEFT - 6, t.at() + 4, 11, t.label(), false, 1));
        }
        add(line(ZooChartModel.LEFT, ZooChartModel.BOTTOM, ZooChartModel.RIGHT, ZooChartModel.BOTTOM, Role.CHART_MUTED_TEXT));
        add(line(ZooChartModel.LEFT, ZooChartModel.TOP, ZooChartModel.LEFT, ZooChartModel.BOTTOM, Role.CHART_MUTED_TEXT));
        Text xTitle = text((ZooChartModel.LEFT + ZooChartModel.RIGHT) / 2, ZooChartModel.AXIS + 36, 12, m.xTitle(),
                false);
        xTitle.setId("zoo-x-title");
        add(xTitle);
        Text yTitle = text(18, (ZooChartModel.TOP + ZooChartModel.BOTTOM) / 2, 12, m.yTitle(), false);
        yTitle.setRotate(-90);
        add(yTitle);
        for (ZooChartModel.Bubble b : m.bubbles()) {
            Circle c = new Circle(b.x(), b.y(), b.r(), Themes.current().ink(Color.web(b.colour(), 0.6)));
            c.setStroke(Themes.current().ink(Color.web(b.colour())));
            c.setId("zoo-bubble-" + (b.preset() ? b.name() : "open-design"));
            Tooltip tip = new Tooltip(b.totals(m.convention()));
            tip.setShowDelay(Duration.millis(100));
            Tooltip.install(c, tip);
            c.setOnMouseEntered(e -> {
                info.setText(b.totals(m.convention()));
                c.setStrokeWidth(3);
            });
            c.setOnMouseExited(e -> c.setStrokeWidth(1));
            if (b.preset()) {
                c.setCursor(javafx.scene.Cursor.HAND);
                c.setOnMouseClicked(e -> openPreset.accept(b.name()));
            }
            circles.put(b.preset() ? b.name() : ZooChartModel.OPEN_DESIGN, c);
            Text label = text(b.labelX(), b.labelY(), 10, b.label(), false, 0);
            label.setMouseTransparent(true);
            add(c);
            add(label);
        }
        double ly = ZooChartModel.TOP;
        for (ZooChartModel.Key k : m.legend()) {
            Circle c = new Circle(ZooChartModel.RIGHT + 30, ly, 6, Themes.current().ink(Color.web(k.colour(), 0.6)));
            c.setStroke(Themes.current().ink(Color.web(k.colour())));
            add(c);
            add(text(ZooChartModel.RIGHT + 42, ly + 4, 11, k.family(), false, 0));
            ly += 20;
        }
    }

    private void add(javafx.scene.Node n) {
        chart.getChildren().add(n);
    }

    private static Line line(double x1, double y1, double x2, double y2, Role colour) {
        Line l = new Line(x1, y1, x2, y2);
        l.setStroke(Themes.current().get(colour));
        l.setMouseTransparent(true);
        return l;
    }

    /** A text centred on x. */
    private static Text text(double x, double y, double size, String s, boolean bold) {
        Text t = text(x, y, size, s, bold, 0);
        t.setX(x - t.getLayoutBounds().getWidth() / 2);
        return t;
    }

    /** A text starting at x (align 0) or ending there (align 1). */
    private static Text text(double x, double y, double size, String s, boolean bold, int align) {
        Text t = new Text(x, y, s);
        t.setFont(bold ? Font.font("DejaVu Sans", javafx.scene.text.FontWeight.BOLD, size)
                : Font.font("DejaVu Sans", size));
        t.setFill(Themes.current().get(Role.CHART_TEXT));
        if (align == 1) {
            t.setX(x - t.getLayoutBounds().getWidth());
        }
        return t;
    }

    public void show() {
        stage.show();
    }

    /** The chart as drawn, on white. */
    public WritableImage picture() {
        return chart.snapshot(null, null);
    }

    private void exportPng() {
        export("Export zoo chart as PNG", ".png", "PNG image", p -> PngWriter.write(picture(), p));
    }

    private void exportSvg() {
        export("Export zoo chart as SVG", ".svg", "SVG image", p -> AtomicFiles.writeString(p, model.svg()));
    }

    private interface Writer {
        void write(Path p) throws IOException;
    }

    private void export(String title, String ext, String what, Writer writer) {
        Path p = picker.save(stage, FilePicker.Request.of(title, what, "*" + ext).suggesting("zoo-chart" + ext));
        if (p == null) {
            return;
        }
        try {
            writer.write(p);
            info.setText("Exported " + p.getFileName());
        } catch (IOException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage() + "\nChoose another folder or free some space.");
            a.initOwner(stage);
            a.setHeaderText("Cannot write " + p);
            a.show();
        }
    }

    public Stage stage() {
        return stage;
    }

    public ZooChartModel model() {
        return model;
    }

    /** The bubble of a preset, or of the open design by {@link ZooChartModel#OPEN_DESIGN}. */
    public Circle bubble(String name) {
        return circles.get(name);
    }

    public Label info() {
        return info;
    }
}
