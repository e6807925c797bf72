package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import netcanvas.analysis.Analyzer;
import netcanvas.files.RecentFiles;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Opening, saving and browsing networks as a user would. */
@ExtendWith(ApplicationExtension.class)
class FilesAndPresetsUiTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.show();
    }

    private String statusText(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(javafx.scene.control.Labeled.class).getText();
    }

    @Test
    void resnet50TotalsInTheStatusBarAreTorchvisions(FxRobot robot) {
        robot.interact(() -> window.files().load(Nets.resnet50(), null, false));
        // torchvision.models.resnet50(): sum(p.numel() for p in m.parameters()) == 25,557,032
        assertTrue(statusText(robot, "status-params").startsWith("Params: 25,557,032"),
                statusText(robot, "status-params"));
        // 4,089,184,256 MACs (the figure fvcore/ptflops report for torchvision's resnet50 at 224x224)
        assertEquals("MACs: 4.09 G", statusText(robot, "status-macs"));
        assertTrue(statusText(robot, "status-problems").startsWith("0 errors"));
        assertEquals(Analyzer.analyze(Nets.resnet50()).totals().trainableParams(), 25_557_032L);
    }

    @Test
    void theResnet50PresetOpensFromThePresetsMenu(FxRobot robot) {
        Assumptions.assumeTrue(Nets.presetShipped("resnet50"), "this build does not ship samples/resnet50.json");
        // File > Presets > resnet50, taken from the window's own menu bar (menu popups are unreliable headless)
        var bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        var presets = (javafx.scene.control.Menu) bar.getMenus().get(0).getItems().stream()
                .filter(i -> "Presets".equals(i.getText())).findFirst().orElseThrow();
        var item = presets.getItems().stream().filter(i -> "resnet50".equals(i.getText())).findFirst().orElseThrow();
        robot.interact(item::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("resnet50", window.document().network().name());
        assertTrue(statusText(robot, "status-params").startsWith("Params: 25,557,032"),
                statusText(robot, "status-params"));
        assertTrue(window.document().network().nodes().stream().allMatch(n -> n.position() != null),
                "auto-layout placed every node");
        assertFalse(window.document().dirty());
        assertEquals(null, window.document().file(), "a preset opens as an unsaved copy");
    }

    @Test
    void saveReopenCompare(@TempDir Path dir, FxRobot robot) throws Exception {
        Network before = window.document().network();
        Path file = dir.resolve("lenet.json");
        robot.interact(() -> assertTrue(window.files().saveTo(file)));
        assertTrue(Files.size(file) > 100);
        assertFalse(window.document().dirty());
        assertTrue(window.scene().getWindow() instanceof Stage s && s.getTitle().contains("lenet.json"));
        // change it, then open the saved file again
        robot.interact(() -> window.files().load(Nets.resnet50(), null, false));
        robot.interact(() -> assertTrue(window.files().openFile(file)));
        assertEquals(before, window.document().network(), "the reopened network equals the saved one");
        assertEquals(file, window.document().file());
        assertEquals(file.toAbsolutePath(), RecentFiles.standard().list().get(0));
    }

    @Test
    void summaryExportsAreTheReportsCsvAndMarkdown(@TempDir Path dir, FxRobot robot) throws Exception {
        Path csv = dir.resolve("lenet.csv");
        Path md = dir.resolve("lenet.md");
        robot.interact(() -> assertTrue(window.exports().writeSummary(csv, netcanvas.report.ReportFormat.CSV)));
        robot.interact(() -> assertTrue(window.exports().writeSummary(md, netcanvas.report.ReportFormat.MARKDOWN)));
        String text = Files.readString(csv);
        // conv1 of LeNet-5: 6 filters of 1x5x5 plus 6 biases = 156 parameters
        assertTrue(text.lines().anyMatch(l -> l.startsWith("conv1,") && l.contains(",156,")), text);
        assertTrue(Files.readString(md).contains("conv1"));
    }

    @Test
    void movingANodeIsUndoableAndMarksTheDocumentDirty(FxRobot robot) {
        var v = window.canvas().viewOf("conv1");
        Node.Position p0 = window.document().network().node("conv1").position();
        Ui.drag(robot, Ui.body(v), Ui.body(v).add(120, 0));
        WaitForAsyncUtils.waitForFxEvents();
        Node.Position p1 = window.document().network().node("conv1").position();
        // 120 screen pixels at the canvas zoom
        assertEquals(p0.x() + 120 / window.canvas().zoomFactor(), p1.x(), 2.0);
        assertTrue(window.document().dirty());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(p0, window.document().network().node("conv1").position());
        assertFalse(window.document().dirty());
    }

    @Test
    void doubleClickOpensABlockWithABreadcrumb(FxRobot robot) {
        robot.interact(() -> window.files().load(Nets.resnet50(), null, false));
        robot.interact(() -> window.reveal("layer1"));
        robot.doubleClickOn(Ui.body(window.canvas().viewOf("layer1")));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.browser().inBlock());
        var inside = window.browser().inside();
        // layer1 of resnet50: three bottlenecks, each 256x56x56 out
        assertEquals(List.of("in:maxpool", "layer1.0", "layer1.1", "layer1.2"),
                inside.views().keySet().stream().sorted().toList());
        // an identity bottleneck 256-64-64-256: weights 256*64 + 64*64*9 + 64*256 = 69,632, plus BN scale and
        // shift 2*(64 + 64 + 256) = 768, so 70,400 params; MACs 56*56*69,632 = 218,365,952
        assertEquals("\u2192 256x56x56", inside.viewOf("layer1.2").shapeText());
        assertEquals("70.4 k params, 218 M MACs", inside.viewOf("layer1.2").costsText());
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(window.document().network().node("layer1"), "Delete inside a block's view deletes nothing");
        // editing the block in the inspector regenerates its inside
        robot.doubleClickOn("#param-repeat").write("2").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("in:maxpool", "layer1.0", "layer1.1"), inside.views().keySet().stream().sorted().toList());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, inside.views().size(), "undo brings the third block back");
        robot.doubleClickOn(Ui.body(inside.viewOf("layer1.0")));
        WaitForAsyncUtils.waitForFxEvents();
        // the first bottleneck: 1x1 to 64, 3x3, 1x1 to 256, and a projection shortcut since 64 != 256 channels
        assertEquals("\u2192 64x56x56", inside.viewOf("layer1.0.conv1").shapeText());
        assertNotNull(inside.viewOf("layer1.0.downsample"), inside.views().keySet().toString());
        assertNotNull(inside.edgeBetween("layer1.0.bn3", "layer1.0.add"));
        robot.type(KeyCode.ESCAPE);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.browser().inBlock());
    }
}
