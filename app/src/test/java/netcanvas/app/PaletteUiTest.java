package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class PaletteUiTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.show();
    }

    @Test
    void everyKindIsOnThePaletteInItsGroupWithItsFormula(FxRobot robot) {
        for (LayerKind k : LayerKinds.ALL) {
            Label entry = robot.lookup("#palette-" + k.name()).queryAs(Label.class);
            assertNotNull(entry, k.name());
            assertEquals(k.title(), entry.getText());
            assertNotNull(entry.getGraphic(), "icon of " + k.name());
            assertTrue(entry.getTooltip().getText().contains(k.formula()), k.name());
            TitledPane group = (TitledPane) entry.getParent().getParent().getParent();
            assertEquals(k.category().title(), group.getText(), k.name());
        }
    }

    @Test
    void resnextIsABottleneckWith32Groups(FxRobot robot) {
        robot.interact(() -> window.palette().setVvalue(1.0)); // scroll down to the blocks
        robot.doubleClickOn("#palette-resnext");
        WaitForAsyncUtils.waitForFxEvents();
        var spec = (netcanvas.graph.BottleneckBlock) window.document().network().node("resnext").spec();
        assertEquals(32, spec.groups());
        assertEquals(128, spec.width());
        assertEquals("Blocks", ((TitledPane) robot.lookup("#palette-resnext").query().getParent().getParent()
                .getParent()).getText());
    }

    @Test
    void doubleClickAddsTheKindWithItsDefaults(FxRobot robot) {
        robot.interact(() -> window.canvas().selection().clear());
        robot.interact(() -> window.palette().setVvalue(0.5)); // the Normalization group, below the fold
        robot.doubleClickOn("#palette-batchnorm");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(window.document().network().node("batchnorm"));
        assertEquals(java.util.Set.of("batchnorm"), window.canvas().selection().nodes(), "selected, for the inspector");
        assertEquals("Add BatchNorm", window.document().undoName());
    }

    @Test
    void helpListsEveryMenuShortcut(FxRobot robot) {
        String table = window.shortcutTable();
        var bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        int keys = 0;
        for (var menu : bar.getMenus()) {
            for (var item : menu.getItems()) {
                if (item.getAccelerator() != null) {
                    keys++;
                    String line = item.getAccelerator().getDisplayText();
                    assertTrue(table.contains(line), line + " missing from\n" + table);
                }
            }
        }
        assertTrue(keys >= 20, "shortcuts for the common actions: " + keys);
        assertTrue(table.contains("Edit \u203a Undo") && table.contains("View \u203a Fit to View"), table);
    }
}
