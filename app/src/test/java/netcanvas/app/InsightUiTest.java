package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import netcanvas.commands.ChangeSpec;
import netcanvas.compare.CompareRow;
import netcanvas.compare.Status;
import netcanvas.files.PngWriter;
import netcanvas.graph.Dense;
import netcanvas.graph.Input;
import netcanvas.insight.CompareWindow;
import netcanvas.insight.ZooChartModel;
import netcanvas.insight.ZooChartWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The View menu's insight tools as a user meets them: the zoo chart, Compare With, the explanation of a layer's
 * figures in the inspector and the cost convention. The expected figures are torchvision's (parameters, MACs,
 * documented top-1) or worked out by hand in the comments. Saves target/screenshots/{compare-resnet50-se-resnet50,
 * explain-alexnet-conv1,zoo-chart}.png for the README.
 */
@ExtendWith(ApplicationExtension.class)
class InsightUiTest {
    private MainWindow window;
    private final ScriptedPicker picker = new ScriptedPicker();

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, StartNetwork.lenet5(), picker);
        window.show();
    }

    /** The menu item with this id, anywhere in the window's menus and their submenus (fired, not clicked: menu
     * popups are unreliable headless). */
    private MenuItem item(FxRobot robot, String id) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        for (Menu m : bar.getMenus()) {
            MenuItem found = find(m.getItems(), id);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no menu item " + id);
    }

    private static MenuItem find(List<MenuItem> items, String id) {
        for (MenuItem i : items) {
            if (id.equals(i.getId())) {
                return i;
            }
            if (i instanceof Menu sub) {
                MenuItem found = find(sub.getItems(), id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private void pick(FxRobot robot, String id) {
        MenuItem i = item(robot, id);
        robot.interact(i::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void shoot(FxRobot robot, Scene scene, String name) throws Exception {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = scene.snapshot(null));
        Path file = Path.of("target", "screenshots", name);
        PngWriter.write(image[0], file);
        assertTrue(Files.size(file) > 10_000, "a real picture, not an empty one");
    }

    private String label(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    @Test
    void zooChartPlotsEveryPresetAndOpensTheOneClicked(@TempDir Path dir, FxRobot robot) throws Exception {
        pick(robot, "item-zoo-chart");
        ZooChartWindow zoo = window.insight().zooWindow();
        assertNotNull(zoo);
        assertTrue(zoo.stage().isShowing());
        // 24 presets and the open design
        assertEquals(25, zoo.model().bubbles().size());
        Circle resnet50 = zoo.bubble("resnet50");
        Circle vgg16 = zoo.bubble("vgg16");
        Circle vgg19 = zoo.bubble("vgg19");
        // top-1 76.13 (resnet50) above 71.592 (vgg16); 4.09 GMACs left of 15.47
        assertTrue(resnet50.getCenterY() < vgg16.getCenterY());
        assertTrue(resnet50.getCenterX() < vgg16.getCenterX());
        // area = parameters: r^2 ratio = 143,667,240 / 25,557,032
        assertEquals(143_667_240.0 / 25_557_032, Math.pow(vgg19.getRadius() / resnet50.getRadius(), 2), 1e-9);
        // log scale: a decade is the same width anywhere, so vgg16 (15.47 G) sits log10(15.470/4.089) decades right
        double decade = zoo.model().xTicks().get(1).at() - zoo.model().xTicks().get(0).at();
        assertEquals(Math.log10(15_470_264_320.0 / 4_089_184_256.0) * decade,
                vgg16.getCenterX() - resnet50.getCenterX(), 1e-6);
        // LeNet-5 and the open design have no published top-1: on the strip below the plot
        assertTrue(zoo.bubble("lenet5").getCenterY() > resnet50.getCenterY() + 100);
        assertNotNull(zoo.bubble(ZooChartModel.OPEN_DESIGN));
        robot.moveTo(resnet50);
        WaitForAsyncUtils.waitForFxEvents();
        String info = zoo.info().getText();
        assertTrue(info.startsWith("resnet50 (ResNet): 25,557,032 params, 4.089 GMACs, top-1 76.130 %"), info);
        assertTrue(info.contains("ResNet50_Weights.IMAGENET1K_V1"), info);
        shoot(robot, zoo.stage().getScene(), "zoo-chart.png");

        Path png = dir.resolve("zoo.png");
        Path svg = dir.resolve("zoo.svg");
        picker.answer(png).answer(svg);
        robot.interact(() -> robot.lookup("#zoo-export-png").queryButton().fire());
        robot.interact(() -> robot.lookup("#zoo-export-svg").queryButton().fire());
        assertTrue(Files.size(png) > 10_000);
        String text = Files.readString(svg);
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        // 25 bubbles (24 presets and the open design) and one legend dot per family (14: LeNet, AlexNet, ZFNet, VGG,
        // GoogLeNet, ResNet, ResNeXt, SENet, DenseNet, MobileNet, SqueezeNet, ShuffleNet, Inception, EfficientNet) and
        // for the open design
        assertEquals(25 + 15, xml.getElementsByTagName("circle").getLength());
        assertTrue(text.contains("GMACs per image, log scale (cost convention: macs"), "names the convention");

        robot.clickOn(resnet50);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("resnet50", window.document().network().name(), "clicking a preset's bubble opens it");
        robot.interact(() -> zoo.stage().close());
    }

    /**
     * Preset names keep their underscores in File > Presets and View > Compare With (the real window showed
     * "mobilenetv2": JavaFX takes an underscore as a keyboard-shortcut mark unless told otherwise).
     */
    @Test
    void presetMenusShowNamesWithUnderscoresAsTheyAre(FxRobot robot) {
        Menu presets = (Menu) robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().get(0).getItems().stream()
                .filter(i -> "Presets".equals(i.getText())).findFirst().orElseThrow();
        MenuItem mobilenet = presets.getItems().stream().filter(i -> "mobilenet_v2".equals(i.getText())).findFirst()
                .orElseThrow();
        assertTrue(!mobilenet.isMnemonicParsing(), "File > Presets > mobilenet_v2 would show 'mobilenetv2'");
        assertTrue(!item(robot, "item-compare-mobilenet_v2").isMnemonicParsing(),
                "View > Compare With > mobilenet_v2 would show 'mobilenetv2'");
    }

    @Test
    void compareWithAPresetMarksTheAddedSqueezeExcitationLayers(FxRobot robot) throws Exception {
        // File > Presets > resnet50, then View > Compare With > se-resnet50
        Menu presets = (Menu) robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().get(0).getItems().stream()
                .filter(i -> "Presets".equals(i.getText())).findFirst().orElseThrow();
        MenuItem resnet50 = presets.getItems().stream().filter(i -> "resnet50".equals(i.getText())).findFirst()
                .orElseThrow();
        robot.interact(resnet50::fire);
        pick(robot, "item-compare-se-resnet50");
        CompareWindow w = window.insight().lastComparison();
        assertTrue(w.stage().isShowing());
        // SE-ResNet-50 adds one SE block of 6 layers (pool, fc1, relu, fc2, sigmoid, scale) to each of the 16
        // bottlenecks and changes no layer
        assertEquals(96, w.comparison().layers(Status.ADDED).size());
        assertEquals(0, w.comparison().layers(Status.CHANGED).size());
        assertTrue(label(robot, "compare-heading").contains("0 layers changed, 96 added, 0 removed"),
                label(robot, "compare-heading"));
        // totals: torchvision-equal counts 25,557,032 and 28,088,024 params; MACs 4,089,184,256 and 4,091,699,200
        assertEquals("+2,530,992", label(robot, "compare-total-1-3"));
        assertEquals("1.099x", label(robot, "compare-total-1-4"));
        assertEquals("+2,514,944", label(robot, "compare-total-2-3"));
        assertTrue(label(robot, "compare-convention").contains("MACs"), "names the cost convention");
        // added rows are drawn green
        robot.interact(() -> w.table().scrollTo(w.table().getItems().stream()
                .filter(r -> r.status() == Status.ADDED).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        boolean greenRow = robot.lookup(".table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n).anyMatch(r -> r.getItem() instanceof CompareRow c
                        && c.status() == Status.ADDED && r.getStyle().contains("-nc-added"));
        assertTrue(greenRow, "an added row is green");
        // the row with the longest layer path is drawn whole, every column of it (no "layer4.2.se.f...")
        CompareRow longest = w.table().getItems().stream()
                .max(java.util.Comparator.comparingInt(r -> r.depth() * 2 + r.label().length())).orElseThrow();
        robot.interact(() -> w.table().scrollTo(longest));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cut = new java.util.ArrayList<>();
        robot.interact(() -> {
            for (javafx.scene.Node n : w.table().lookupAll(".table-cell")) {
                if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.isVisible() && c.getText() != null
                        && !c.getText().isBlank()) {
                    javafx.scene.text.Text shown = (javafx.scene.text.Text) c.lookup(".text");
                    if (shown != null && !c.getText().equals(shown.getText())) {
                        cut.add("'" + c.getText() + "' shown as '" + shown.getText() + "'");
                    }
                }
            }
        });
        assertEquals(List.of(), cut);
        // picking a row centres the graphs on its node
        robot.interact(() -> w.table().getSelectionModel().select(w.table().getItems().stream()
                .filter(r -> r.label().equals("fc")).findFirst().orElseThrow()));
        Bounds fc = w.graphA().viewOf("fc").localToScene(w.graphA().viewOf("fc").getBoundsInLocal());
        Bounds view = w.graphA().localToScene(w.graphA().getBoundsInLocal());
        assertEquals(view.getCenterX(), fc.getCenterX(), 1);
        assertEquals(view.getCenterY(), fc.getCenterY(), 1);
        robot.interact(() -> robot.lookup("#compare-differences-only").queryAs(javafx.scene.control.CheckBox.class)
                .fire());
        assertTrue(w.table().getItems().stream().noneMatch(r -> r.status() == Status.SAME));
        // the two graphs scroll together
        Bounds before = w.graphB().viewOf("conv1").localToScene(w.graphB().viewOf("conv1").getBoundsInLocal());
        robot.interact(() -> w.graphA().panBy(0, -150));
        Bounds after = w.graphB().viewOf("conv1").localToScene(w.graphB().viewOf("conv1").getBoundsInLocal());
        assertEquals(-150, after.getMinY() - before.getMinY(), 1e-3);
        // the stages that gained SE blocks are lit on B's graph
        assertNotNull(w.graphB().viewOf("layer1").getEffect());
        // double-click a stage: both graphs show its blocks; inside a block, its SE branch is lit on B only
        robot.interact(() -> w.graphA().fit(0.35));
        robot.doubleClickOn(Ui.body(w.graphB().viewOf("layer1")));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(w.graphA().viewOf("layer1.0"));
        assertNotNull(w.graphB().viewOf("layer1.0").getEffect(), "layer1.0 gained an SE block");
        robot.interact(() -> w.openBlock("layer1.0"));
        assertNotNull(w.graphB().viewOf("layer1.0.se").getEffect());
        assertEquals(null, w.graphA().viewOf("layer1.0.se"));
        assertEquals(null, w.graphB().viewOf("layer1.0.conv1").getEffect(), "the same layers are not lit");
        robot.interact(w::up);
        robot.interact(w::up);
        assertNotNull(w.graphA().viewOf("maxpool"));
        robot.interact(() -> robot.lookup("#compare-differences-only").queryAs(javafx.scene.control.CheckBox.class)
                .fire());
        robot.interact(() -> w.table().scrollTo(Math.max(0, w.table().getItems().indexOf(w.table().getItems().stream()
                .filter(r -> r.status() == Status.ADDED).findFirst().orElseThrow()) - 6)));
        robot.interact(() -> w.graphA().fit(0.35));
        shoot(robot, w.stage().getScene(), "compare-resnet50-se-resnet50.png");
        robot.interact(() -> w.stage().close());
    }

    @Test
    void compareWithTheLastSavedVersionShowsTheOneEdit(@TempDir Path dir, FxRobot robot) throws Exception {
        pick(robot, "item-compare-saved");
        assertTrue(window.status().message().contains("no saved version"), window.status().message());
        robot.interact(() -> assertTrue(window.files().saveTo(dir.resolve("lenet.json"))));
        // fc1 without its bias: 120 x 400 + 120 = 48,120 -> 48,000 parameters, nothing else changes
        robot.interact(() -> window.document().execute(new ChangeSpec("fc1", new Dense(120, false))));
        pick(robot, "item-compare-saved");
        CompareWindow w = window.insight().lastComparison();
        List<CompareRow> changed = w.comparison().rows(Status.CHANGED);
        assertEquals(1, changed.size());
        assertEquals("fc1", changed.get(0).label());
        // A is the saved version, B the design as edited since
        assertEquals(48_120, changed.get(0).paramsA());
        assertEquals(48_000, changed.get(0).paramsB());
        assertEquals("-120", label(robot, "compare-total-1-3"));
        assertTrue(label(robot, "compare-heading").startsWith("A: lenet.json (last saved)    B: lenet5 (lenet.json, "
                + "edited)"), label(robot, "compare-heading"));
        // Ctrl+W closes it too
        robot.interact(() -> w.stage().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.W).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(w.stage().isShowing(), "Ctrl+W closed the Compare window");
    }

    @Test
    void compareWithAFileAsksForItAndAlignsVgg16WithVgg19(@TempDir Path dir, FxRobot robot) throws Exception {
        Path vgg19 = dir.resolve("vgg19.json");
        netcanvas.io.NetworkJson.write(netcanvas.presets.Presets.load("vgg19"), vgg19);
        robot.interact(() -> window.files().openPreset("vgg16"));
        picker.answer(vgg19);
        pick(robot, "item-compare-file");
        assertEquals("Compare with", picker.last().request().title());
        CompareWindow w = window.insight().lastComparison();
        // VGG-19 adds one 3x3 convolution and its ReLU to each of blocks 3, 4 and 5
        assertEquals(List.of("conv3_4", "relu3_4", "conv4_4", "relu4_4", "conv5_4", "relu5_4"),
                w.comparison().layers(Status.ADDED).stream().map(CompareRow::label).toList());
        // 143,667,240 - 138,357,544 = 5,309,696 (torchvision's counts)
        assertEquals("+5,309,696", label(robot, "compare-total-1-3"));
        // Escape closes it, as a secondary window
        robot.interact(() -> w.stage().requestFocus());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(w.stage().isShowing(), "Escape closed the Compare window");
    }

    @Test
    void inspectorExplainsTheSelectedLayersFigures(FxRobot robot) throws Exception {
        robot.interact(() -> window.files().openPreset("alexnet"));
        // the input edited to 227 x 227, as in the inspector
        robot.interact(() -> window.document().execute(new ChangeSpec("input", new Input(3, 227, 227))));
        robot.clickOn(Ui.body(window.canvas().viewOf("conv1")));
        WaitForAsyncUtils.waitForFxEvents();
        String text = window.explanation().text();
        assertTrue(robot.lookup("#inspector-explanation").query().isVisible());
        // by hand: floor((227 + 2 x 2 - 11) / 4) + 1 = floor(220 / 4) + 1 = 56; 64 x (3 x 11 x 11) + 64 = 23,296
        assertTrue(text.contains("H' = floor((H + 2p - k) / s) + 1 = floor((227 + 2 x 2 - 11) / 4) + 1 = 56"), text);
        assertTrue(text.contains("params = Cout x (Cin x kh x kw) + Cout = 64 x (3 x 11 x 11) + 64 = 23,296"), text);
        // 64 x 56 x 56 x 4 bytes = 802,816
        assertTrue(text.contains("memory = C' x H' x W' x 4 bytes = 64 x 56 x 56 x 4 = 802,816 bytes"), text);
        shoot(robot, window.scene(), "explain-alexnet-conv1.png");
        robot.clickOn(Ui.body(window.canvas().viewOf("pool1")));
        WaitForAsyncUtils.waitForFxEvents();
        // pool1 3x3 /2 on 64x56x56: floor((56 - 3) / 2) + 1 = 27
        assertTrue(window.explanation().text().contains("= 27"), window.explanation().text());
    }

    @Test
    void theCostConventionIsChosenInTheViewMenuAndNamedEverywhere(@TempDir Path dir, FxRobot robot)
            throws Exception {
        assertEquals("MACs: 416.52 k", label(robot, "status-macs"));
        pick(robot, "item-cost-flops");
        // LeNet-5: 2 x 416,520 MACs + one add per biased output (6x28x28 + 16x10x10 + 120 + 84 + 10 = 6,518)
        // = 839,558 FLOPs
        assertEquals("FLOPs: 839.56 k", label(robot, "status-macs"));
        assertEquals("FLOPs", window.summary().getColumns().get(4).getText());
        robot.clickOn(Ui.body(window.canvas().viewOf("conv1")));
        WaitForAsyncUtils.waitForFxEvents();
        // conv1: 6 x 28 x 28 x 25 = 117,600 MACs; 2 x 117,600 + 4,704 = 239,904 FLOPs
        String facts = label(robot, "inspector-facts");
        assertTrue(facts.contains("FLOPs: 239.90 k"), facts);
        Path csv = dir.resolve("lenet.csv");
        robot.interact(() -> assertTrue(window.exports().writeSummary(csv,
                netcanvas.report.ReportFormat.CSV)));
        String written = Files.readString(csv);
        assertTrue(written.lines().findFirst().orElseThrow().contains(",flops,"), written);
        assertTrue(written.contains("\nconv1,") && written.contains(",239904,"), written);
        pick(robot, "item-cost-lecture");
        assertTrue(label(robot, "status-macs").startsWith("Ops (lecture): "), label(robot, "status-macs"));
        pick(robot, "item-zoo-chart");
        String xTitle = robot.lookup("#zoo-x-title").queryAs(javafx.scene.text.Text.class).getText();
        assertTrue(xTitle.startsWith("GOps (lecture) per image, log scale (cost convention: lecture"), xTitle);
        robot.interact(() -> window.insight().zooWindow().stage().close());
    }
}
