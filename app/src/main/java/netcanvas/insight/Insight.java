package netcanvas.insight;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Window;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.canvas.AutoLayout;
import netcanvas.commands.Document;
import netcanvas.compare.Comparer;
import netcanvas.files.FilePicker;
import netcanvas.graph.Network;
import netcanvas.io.NetworkFormatException;
import netcanvas.io.NetworkJson;
import netcanvas.onnx.OnnxImporter;
import netcanvas.presets.PresetFacts;
import netcanvas.presets.Presets;
import netcanvas.report.ZooReport;

/**
 * The window's insight tools, reached from the View menu: the zoo chart, comparing the open design with another
 * network, and the cost convention every figure is counted in. They read the document, never edit it.
 */
public final class Insight {
    private final Supplier<Window> owner;
    private final Document doc;
    private final Consumer<String> openPreset;
    private final FilePicker picker;
    private final Consumer<String> tell;
    private final CostSetting cost = new CostSetting();
    private ZooChartWindow zoo;
    private CompareWindow lastComparison;
    /** The presets' zoo per convention: the shipped presets never change while the app runs. */
    private final java.util.Map<netcanvas.report.CostConvention, ZooReport> zoos =
            new java.util.EnumMap<>(netcanvas.report.CostConvention.class);

    /**
     * @param openPreset opens a preset in the window (File › Presets does the same)
     * @param tell       shows a short note in the status bar
     */
    public Insight(Supplier<Window> owner, Document doc, Consumer<String> openPreset, FilePicker picker,
            Consumer<String> tell) {
        this.owner = owner;
        this.doc = doc;
        this.openPreset = openPreset;
        this.picker = picker;
        this.tell = tell;
        cost.convention().addListener((o, was, now) -> {
            if (zoo != null) {
                zoo.show(chartModel());
            }
        });
        doc.addListener(d -> {
            if (zoo != null && zoo.stage().isShowing()) {
                zoo.show(chartModel());
            }
        });
    }

    public CostSetting cost() {
        return cost;
    }

    // ---- zoo chart

    /** View › Zoo Chart: opens the chart (or brings it forward), drawn from the tool's own analysis. */
    public void zooChart() {
        ZooChartModel m = chartModel();
        if (m == null) {
            return;
        }
        if (zoo == null) {
            zoo = new ZooChartWindow(owner.get(), m, openPreset, picker);
        } else {
            zoo.show(m);
        }
        zoo.show();
        zoo.stage().toFront();
    }

    private ZooChartModel chartModel() {
        ZooReport report;
        try {
            report = zoos.get(cost.get());
            if (report == null) {
                report = ZooReport.of(cost.get());
                zoos.put(cost.get(), report);
            }
        } catch (NetworkFormatException e) {
            error("Cannot draw the zoo chart", e.getMessage());
            return null;
        }
        Analysis a = doc.analysis();
        ZooReport.Entry design = a.hasErrors() ? null : ZooReport.entry(new PresetFacts(doc.network().name(),
                ZooChartModel.OPEN_DESIGN, java.util.Optional.empty(), "the open design"), a, cost.get());
        return new ZooChartModel(report, design);
    }

    public ZooChartWindow zooWindow() {
        return zoo;
    }

    // ---- comparison

    /** View › Compare With: the last saved version, a file, or any preset. */
    public Menu compareMenu() {
        Menu m = new Menu("Compare With");
        m.setId("menu-compare");
        MenuItem saved = new MenuItem("Last Saved Version");
        saved.setId("item-compare-saved");
        saved.setOnAction(e -> compareWithSaved());
        MenuItem file = new MenuItem("File\u2026");
        file.setId("item-compare-file");
        file.setOnAction(e -> compareWithFile());
        m.getItems().addAll(saved, file, new SeparatorMenuItem());
        for (String name : Presets.NAMES) {
            MenuItem i = new MenuItem(name);
            i.setMnemonicParsing(false); // preset names have underscores: mobilenet_v2, not "mobilenetv2"
            i.setId("item-compare-" + name);
            i.setOnAction(e -> compareWithPreset(name));
            m.getItems().add(i);
        }
        return m;
    }

    public void compareWithPreset(String name) {
        try {
            compareWith(Presets.load(name), name);
        } catch (NetworkFormatException e) {
            error("Cannot open preset " + name, e.getMessage());
        }
    }

    /** The design as last saved on disk; says so when it was never saved (or came from an ONNX model). */
    public void compareWithSaved() {
        Path f = doc.file();
        if (f == null || OnnxImporter.isOnnxFile(f.toString())) {
            tell.accept("This design has no saved version yet: save it first, or compare with a file or preset");
            return;
        }
        try {
            compare(NetworkJson.read(f), f.getFileName() + " (last saved)", true);
        } catch (NetworkFormatException e) {
            error("Cannot compare with " + f, e.getMessage());
        }
    }

    public void compareWithFile() {
        Path f = picker.open(owner.get(), FilePicker.Request.of("Compare with", "NetCanvas network", "*.json")
                .alsoOffering("ONNX model", "*.onnx"));
        if (f != null) {
            compareWithPath(f, String.valueOf(f.getFileName()));
        }
    }

    private void compareWithPath(Path f, String name) {
        try {
            Network other = OnnxImporter.isOnnxFile(f.toString()) ? OnnxImporter.read(f).network()
                    : NetworkJson.read(f);
            compareWith(other, name);
        } catch (NetworkFormatException e) {
            error("Cannot compare with " + f, e.getMessage());
        }
    }

    /** Opens the comparison of the open design (A) with this network (B); refuses while either has errors. */
    public CompareWindow compareWith(Network other, String name) {
        return compare(other, name, false);
    }

    /**
     * @param otherFirst whether the other network is A (the last saved version: what changed since reads from it
     *                   to the design) rather than B
     */
    private CompareWindow compare(Network other, String name, boolean otherFirst) {
        Analysis mine = doc.analysis();
        Analysis theirs = Analyzer.analyze(AutoLayout.placeIfNeeded(other));
        String myName = doc.network().name() + (doc.file() == null ? "" : " (" + doc.file().getFileName()
                + (doc.dirty() ? ", edited" : "") + ")");
        if (mine.hasErrors() || theirs.hasErrors()) {
            error("Cannot compare", (mine.hasErrors() ? "The open design" : name) + " has errors; fix them first "
                    + "(the comparison needs every layer's shape).");
            return null;
        }
        lastComparison = otherFirst
                ? new CompareWindow(owner.get(), Comparer.compare(theirs, mine), name, myName, cost.get())
                : new CompareWindow(owner.get(), Comparer.compare(mine, theirs), myName, name, cost.get());
        lastComparison.show();
        return lastComparison;
    }

    public CompareWindow lastComparison() {
        return lastComparison;
    }

    private void error(String header, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message);
        a.initOwner(owner.get());
        a.setHeaderText(header);
        a.show();
    }
}
