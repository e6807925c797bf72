package netcanvas.app;

import static netcanvas.app.UiWait.settle;
import static netcanvas.app.UiWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import netcanvas.analysis.MachineSpeed;
import netcanvas.io.AppHome;
import netcanvas.io.MachineSpeedCache;
import netcanvas.summary.SummaryTable;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The summary table as a user reads it on a 1280x720 laptop with the training panel open, where it once showed
 * "Mem..." for a heading and "117.6..." for a figure: ResNet-50 with every block expanded, each heading and each
 * cell of every row is drawn whole (the text on screen is the cell's text, not an elided one), the table scrolls
 * sideways instead of squeezing its columns, and hovering a heading tells the column's full name and unit.
 */
class SummaryTableUiTest extends WindowFixture {

    @Override
    MainWindow open(Stage stage) throws Exception {
        // this machine's calibration stored, so the Time column shows its figures too ("\u25cf 12.34 ms")
        ownHome("netcanvas-table-home");
        new MachineSpeedCache(AppHome.dir().resolve(MachineSpeedCache.FILE_NAME), MachineSpeedCache.thisMachine())
                .write(new MachineSpeed(1, 1, 1));
        return new MainWindow(stage);
    }

    @Test
    void everyHeadingAndFigureOfResNet50IsReadableWholeAt1280x720WithTheTrainingPanelOpen(FxRobot robot) {
        resize(robot, 1280, 720);
        robot.interact(() -> window.files().load(Nets.resnet50(), null, false));
        robot.interact(() -> window.toggleTraining());
        settle();
        assertNotNull(window.training().getScene(), "the training panel is open");
        SummaryTable table = window.summary();
        robot.interact(() -> expandAll(table.getRoot()));
        settle();
        int rows = table.getExpandedItemCount();

        List<String> cut = new ArrayList<>();
        robot.interact(() -> cut.addAll(elidedHeadings(table)));
        // every row, a screenful at a time
        Set<String> seen = new LinkedHashSet<>();
        int[] last = {-1};
        for (int first = 0; first < rows && last[0] < rows - 1; first = Math.max(first + 1, last[0])) {
            int at = first;
            robot.interact(() -> table.scrollTo(at));
            settle();
            robot.interact(() -> {
                for (Node n : table.lookupAll(".tree-table-cell")) {
                    if (!(n instanceof TreeTableCell<?, ?> c) || c.getTableRow() == null
                            || !c.getTableRow().isVisible() || c.getTableRow().isEmpty()) {
                        continue;
                    }
                    last[0] = Math.max(last[0], c.getTableRow().getIndex());
                    if (c.isVisible() && !c.isEmpty() && c.getText() != null && !c.getText().isEmpty()) {
                        seen.add(c.getText());
                        String shown = shown(c);
                        if (!c.getText().equals(shown)) {
                            cut.add("'" + c.getText() + "' shown as '" + shown + "' in " + c.getTableColumn().getText()
                                    + " (" + c.getWidth() + " px)");
                        }
                    }
                }
            });
        }
        assertEquals(rows - 1, last[0], "the check reached the last row");
        assertEquals(List.of(), cut.subList(0, Math.min(20, cut.size())), cut.size() + " texts cut");
        // what was checked includes the figures a user reads: fc has 2048 x 1000 weights and 1000 biases, the
        // deepest names and the time estimates
        assertTrue(seen.contains("2,049,000"), "fc's parameters were among the cells checked");
        assertTrue(seen.contains("layer4.2.conv3"), "the last bottleneck's layers were among them");
        assertTrue(seen.contains("layer1.0.downsample_bn"), "a projection shortcut's batch norm was among them");
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("\u25cf ") && s.endsWith(" ms")), "a slowest layer's time");

        // the columns are wider together than the table: it scrolls sideways rather than cutting them
        double[] widths = new double[2];
        robot.interact(() -> {
            widths[0] = table.getColumns().stream().mapToDouble(TreeTableColumn::getWidth).sum();
            widths[1] = table.getWidth();
        });
        assertTrue(widths[0] > widths[1], "columns " + widths[0] + " px in a table " + widths[1] + " px wide");
        ScrollBar sideways = (ScrollBar) table.lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof ScrollBar s && s.getOrientation() == Orientation.HORIZONTAL)
                .findFirst().orElseThrow();
        assertTrue(sideways.isVisible(), "a horizontal scroll bar");
    }

    @Test
    void hoveringAHeadingNamesTheColumnAndItsUnit(FxRobot robot) throws Exception {
        resize(robot, 1280, 720);
        robot.interact(() -> window.files().load(Nets.resnet50(), null, false));
        settle();
        SummaryTable table = window.summary();
        TableColumnHeader memory = header(table, "Memory");
        robot.moveTo(memory);
        waitFor(robot, 5, "the heading's tooltip", () -> tooltip() != null);
        String tip = tooltip();
        assertTrue(tip.startsWith("Memory: activation memory") && tip.contains("bytes"), tip);
        for (TreeTableColumn<SummaryTable.Line, ?> c : table.getColumns()) {
            String t = table.tooltipOf(c);
            assertNotNull(t, c.getText());
            assertTrue(t.startsWith(c.getText() + ": "), t);
        }
        assertTrue(table.tooltipOf(table.getColumns().get(4)).contains("multiply-accumulates"));
        // View > Cost Convention > FLOPs renames the column and its tooltip
        robot.interact(() -> table.setCost(netcanvas.report.CostConvention.FLOPS));
        assertTrue(table.tooltipOf(table.getColumns().get(4)).startsWith("FLOPs: 2 x MACs"),
                table.tooltipOf(table.getColumns().get(4)));
        settle();
        List<String> cut = new ArrayList<>();
        robot.interact(() -> cut.addAll(elidedHeadings(table)));
        assertEquals(List.of(), cut);
    }

    private static void expandAll(TreeItem<?> item) {
        for (TreeItem<?> c : item.getChildren()) {
            if (!c.getChildren().isEmpty()) {
                c.setExpanded(true);
                expandAll(c);
            }
        }
    }

    /** The text a labelled control draws: its own, or with "..." when it did not fit. */
    private static String shown(Labeled l) {
        Text t = (Text) l.lookup(".text");
        return t == null ? null : t.getText();
    }

    private static List<String> elidedHeadings(SummaryTable table) {
        List<String> cut = new ArrayList<>();
        for (Node n : table.lookupAll(".column-header")) {
            if (n instanceof TableColumnHeader h && h.getTableColumn() != null) {
                Labeled label = (Labeled) h.lookup(".label");
                String text = h.getTableColumn().getText();
                if (!text.equals(shown(label))) {
                    cut.add("heading '" + text + "' shown as '" + shown(label) + "'");
                }
            }
        }
        return cut;
    }

    private static TableColumnHeader header(SummaryTable table, String title) {
        return table.lookupAll(".column-header").stream()
                .filter(n -> n instanceof TableColumnHeader h && h.getTableColumn() != null
                        && title.equals(h.getTableColumn().getText()))
                .map(n -> (TableColumnHeader) n).findFirst().orElseThrow();
    }

    /** The text of the tooltip showing now, or null. */
    private static String tooltip() {
        for (Window w : Window.getWindows()) {
            if (w instanceof Tooltip t && t.isShowing()) {
                return t.getText();
            }
        }
        return null;
    }
}
