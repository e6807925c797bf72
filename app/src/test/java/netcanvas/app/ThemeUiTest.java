package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import netcanvas.canvas.EdgeView;
import netcanvas.canvas.NodeView;
import netcanvas.theme.Contrast;
import netcanvas.theme.Theme;
import netcanvas.theme.Themes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View › Theme as a user picks it: everything turns dark (or light), stays readable, and is kept for the next run. */
@ExtendWith(ApplicationExtension.class)
class ThemeUiTest {
    /** WCAG AA for body text. */
    private static final double READABLE = 4.5;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.show();
    }

    @AfterEach
    void backToLight(FxRobot robot) {
        robot.interact(() -> window.theme().set(Theme.LIGHT));
    }

    /** Chooses View › Theme › (item) with the mouse. */
    private void choose(FxRobot robot, String item) {
        robot.clickOn("#menu-view");
        robot.clickOn("Theme");
        robot.clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void darkChangesTheCanvasAndItsBoxesAndLightBringsThemBack(FxRobot robot) {
        choose(robot, "Light");
        NodeView conv1 = window.canvas().viewOf("conv1");
        Color lightCanvas = window.canvas().background();
        Color lightBox = (Color) conv1.box().getFill();
        assertTrue(Contrast.luminance(lightCanvas) > 0.8, "a light canvas: " + lightCanvas);
        choose(robot, "Dark");
        assertEquals(Theme.DARK, window.theme().get());
        Color darkCanvas = window.canvas().background();
        Color darkBox = (Color) conv1.box().getFill();
        assertNotEquals(lightCanvas, darkCanvas);
        assertNotEquals(lightBox, darkBox);
        assertTrue(Contrast.luminance(darkCanvas) < 0.05, "a dark canvas: " + darkCanvas);
        assertTrue(Contrast.luminance(darkBox) < 0.1, "a dark box: " + darkBox);
        // the window's controls too: the status bar and the palette's list are dark
        assertTrue(Contrast.luminance(behind(window.status().lookup("#status-params"))) < 0.1, "status bar");
        assertTrue(Contrast.luminance(behind(window.palette())) < 0.1, "palette");
        // a dialog opened now is dark too, and its text readable
        robot.interact(() -> HelpDialogs.mouse(window.scene().getWindow()));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(
                javafx.scene.control.DialogPane.class);
        Label header = (Label) pane.lookup(".header-panel .label");
        assertTrue(Contrast.luminance(behind(header)) < 0.1, "dialog: " + behind(header));
        assertReadable("Dark dialog header", (Color) header.getTextFill(), behind(header));
        robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
        choose(robot, "Light");
        assertEquals(lightCanvas, window.canvas().background());
        assertEquals(lightBox, conv1.box().getFill());
    }

    @Test
    void textIsReadableInBothThemes(FxRobot robot) {
        robot.interact(() -> window.canvas().selection().set(List.of("conv1")));
        for (String theme : new String[] {"Light", "Dark"}) {
            choose(robot, theme);
            NodeView conv1 = window.canvas().viewOf("conv1");
            Color box = (Color) conv1.box().getFill();
            assertReadable(theme + " node title", (Color) conv1.title().getFill(), box);
            assertReadable(theme + " shape line of a box", (Color) conv1.shape().getFill(), box);
            EdgeView edge = window.canvas().edgeBetween("conv1", window.document().network().nodes().get(2).id());
            assertReadable(theme + " shape label of an edge", (Color) edgeLabel(edge).getFill(),
                    window.canvas().background());
            Label params = (Label) window.status().lookup("#status-params");
            assertTrue(params.getText().startsWith("Params"), params.getText());
            assertReadable(theme + " status bar", (Color) params.getTextFill(), behind(params));
            Label heading = (Label) window.inspector().lookup("#inspector-heading");
            assertTrue(heading.getText().contains("Conv2d"), heading.getText());
            assertReadable(theme + " inspector heading", (Color) heading.getTextFill(), behind(heading));
            // a parameter's name in the inspector's sheet
            Label name = window.inspector().lookupAll(".label").stream().filter(n -> n instanceof Label l
                    && "outChannels".equalsIgnoreCase(l.getText().replace(" ", ""))).map(n -> (Label) n)
                    .findFirst().orElseThrow();
            assertReadable(theme + " inspector label", (Color) name.getTextFill(), behind(name));
        }
    }

    @Test
    void theProblemsListIsReadableInBothThemes(FxRobot robot) {
        // relu1 removed: pool1 has no input, an error listed with a link to pool1
        robot.interact(() -> window.document().execute(netcanvas.commands.RemoveNodes.delete(java.util.Set.of(
                "relu1"))));
        robot.interact(() -> window.showProblems());
        try {
            for (String theme : new String[] {"Light", "Dark"}) {
                choose(robot, theme);
                javafx.scene.control.Hyperlink link = (javafx.scene.control.Hyperlink) window.problems()
                        .lookupAll(".hyperlink").stream().findFirst().orElseThrow();
                assertTrue(link.getText().contains("pool1"), link.getText());
                assertReadable(theme + " Problems link", (Color) link.getTextFill(), behind(link));
                Label mark = (Label) window.problems().lookupAll(".label").stream()
                        .filter(n -> ((Label) n).getText().contains("Error")).findFirst().orElseThrow();
                assertReadable(theme + " Problems' error mark", (Color) mark.getTextFill(), behind(mark));
            }
        } finally {
            robot.interact(() -> window.document().undo());
        }
    }

    /**
     * A selected row of a list that does not have the focus (the training log, the runs history) keeps the theme's
     * colours: modena draws it on a fixed light grey, a bright bar in the dark theme with its text barely readable.
     */
    @Test
    void aSelectedRowOfAnUnfocusedListIsDarkInTheDarkTheme(FxRobot robot) {
        choose(robot, "Dark");
        robot.interact(() -> window.showTraining());
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> log = robot.lookup("#training-log")
                .queryAs(javafx.scene.control.ListView.class);
        robot.interact(() -> {
            log.getItems().setAll("first line", "a selected line", "third line");
            log.getSelectionModel().select(1);
            window.canvas().requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            assertTrue(!log.isFocused(), "the list has no focus");
            log.applyCss();
            log.layout();
            javafx.scene.control.ListCell<?> cell = log.lookupAll(".list-cell").stream()
                    .map(n -> (javafx.scene.control.ListCell<?>) n)
                    .filter(c -> "a selected line".equals(c.getText())).findFirst().orElseThrow();
            assertTrue(cell.isSelected());
            Color bar = behind(cell);
            assertTrue(Contrast.luminance(bar) < 0.2, "the selection bar is dark: " + bar);
            assertReadable("Dark selected row without focus", (Color) cell.getTextFill(), bar);
        });
    }

    @Test
    void theChoiceIsKeptForTheNextRun(@TempDir Path tmp, FxRobot robot) throws Exception {
        Path file = tmp.resolve("settings.properties");
        MainWindow[] first = new MainWindow[1];
        Stage[] stage = new Stage[1];
        robot.interact(() -> {
            stage[0] = new Stage();
            first[0] = new MainWindow(stage[0], StartNetwork.lenet5(), netcanvas.files.FilePicker.system(),
                    WindowSettings.at(file));
            first[0].show();
        });
        robot.interact(() -> stage[0].toFront());
        robot.clickOn(first[0].scene().lookup("#menu-view"));
        robot.clickOn("Theme");
        robot.clickOn("Dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Theme.DARK, first[0].theme().get());
        robot.interact(() -> {
            first[0].rememberSettings(); // what closing the window does
            stage[0].close();
            Themes.apply(netcanvas.theme.ThemeColors.LIGHT); // as a fresh start would be, before reading settings
        });
        assertTrue(Files.readString(file).contains("view.theme=dark"), Files.readString(file));
        MainWindow[] next = new MainWindow[1];
        robot.interact(() -> {
            stage[0] = new Stage();
            next[0] = new MainWindow(stage[0], StartNetwork.lenet5(), netcanvas.files.FilePicker.system(),
                    WindowSettings.at(file));
            next[0].show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Theme.DARK, next[0].theme().get());
        assertTrue(Contrast.luminance(next[0].canvas().background()) < 0.05, "drawn dark from the start");
        robot.interact(() -> {
            next[0].theme().set(Theme.LIGHT);
            stage[0].close();
        });
    }

    private static javafx.scene.text.Text edgeLabel(EdgeView e) {
        return (javafx.scene.text.Text) e.getChildren().stream().filter(n -> n instanceof javafx.scene.text.Text)
                .findFirst().orElseThrow();
    }

    private static void assertReadable(String what, Color text, Color background) {
        double ratio = Contrast.ratio(text, background);
        assertTrue(ratio >= READABLE, String.format("%s: %s on %s is %.2f:1, under %.1f:1", what, text, background,
                ratio, READABLE));
    }

    /** The opaque colour a node is drawn on: the nearest background, from the node itself outwards. */
    static Color behind(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof Region r && r.getBackground() != null) {
                List<BackgroundFill> fills = r.getBackground().getFills();
                for (int i = fills.size() - 1; i >= 0; i--) {
                    if (fills.get(i).getFill() instanceof Color c && c.getOpacity() > 0.9) {
                        return c;
                    }
                }
            }
        }
        return n.getScene().getFill() instanceof Color c ? c : Color.WHITE;
    }
}
