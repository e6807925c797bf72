package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import javafx.scene.control.Label;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.MachineSpeed;
import netcanvas.analysis.TimeEstimate;
import netcanvas.io.AppHome;
import netcanvas.io.MachineSpeedCache;
import netcanvas.report.EstimateReport;
import netcanvas.summary.SummaryTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * With this machine's calibration stored (as summary --time or a click on the status bar stores it), the status bar
 * shows the epoch estimate for its batch size and optimizer, and the summary table's Time column marks the slowest
 * layers. The figures themselves are checked by hand in the engine's EstimatesTest; this checks what is shown.
 */
@ExtendWith(ApplicationExtension.class)
class TimeEstimateUiTest {
    private static final MachineSpeed SPEED = new MachineSpeed(1, 1, 1);
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        cache().write(SPEED);
        window = new MainWindow(stage);
        window.show();
    }

    private static MachineSpeedCache cache() {
        return new MachineSpeedCache(AppHome.dir().resolve(MachineSpeedCache.FILE_NAME),
                MachineSpeedCache.thisMachine());
    }

    @AfterEach
    void removeCalibration() throws Exception {
        Files.deleteIfExists(cache().file());
    }

    @Test
    void statusBarShowsTheEpochAndTheTableMarksTheSlowestLayers(FxRobot robot) throws Exception {
        robot.interact(() -> window.files().load(Nets.resnet50(), null, false));
        TimeEstimate t = Analyzer.analyze(Nets.resnet50()).timePerLayer(32, netcanvas.analysis.Optimizer.ADAM, SPEED);
        String epoch = robot.lookup("#status-epoch").queryAs(Label.class).getText();
        assertEquals("Epoch: " + EstimateReport.duration(t.epochSeconds(60_000)), epoch);
        @SuppressWarnings("unchecked")
        TreeTableView<SummaryTable.Line> table = robot.lookup("#summary-table").queryAs(TreeTableView.class);
        @SuppressWarnings("unchecked")
        TreeTableColumn<SummaryTable.Line, String> time = (TreeTableColumn<SummaryTable.Line, String>)
                table.getColumns().get(table.getColumns().size() - 1);
        assertEquals("Time", time.getText());
        // conv1 of ResNet-50 (7x7, 3 -> 64 on 224x224) is a top-level row: its time is its own layer's
        var conv1 = window.summary().itemOf("conv1");
        double ms = t.layers().stream().filter(l -> l.id().equals("conv1")).findFirst().orElseThrow().seconds() * 1e3;
        String shown = time.getCellObservableValue(conv1).getValue();
        assertTrue(shown.endsWith(String.format(java.util.Locale.ROOT, "%.2f ms", ms)), shown);
        assertEquals(t.slowest(EstimateReport.SLOWEST).contains("conv1"), shown.startsWith("\u25cf "), shown);
    }
}
