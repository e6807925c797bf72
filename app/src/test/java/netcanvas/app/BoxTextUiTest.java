package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.stage.Stage;
import netcanvas.canvas.NodeView;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A box's lines fit the box: what is too long is shortened with an ellipsis and shown whole on hover. */
@ExtendWith(ApplicationExtension.class)
class BoxTextUiTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, StartNetwork.builtIn());
        window.show();
    }

    private NodeView box(String id) {
        return window.canvas().views().get(id);
    }

    @Test
    void aResnetStageSaysItsBlockAndALongOneIsShortened(FxRobot robot) {
        Network n = new NetBuilder("stages").input(256, 56, 56)
                // ResNet-50's layer2: 4 bottlenecks, 128 wide, 512 out, the first with stride 2
                .then("layer2", new netcanvas.graph.Stage(4, new BottleneckBlock(128, 512, 2, 1, false, 0)))
                // a ResNeXt/SE stage whose parameters cannot fit one line of a box
                .then("wide", new netcanvas.graph.Stage(23, new BottleneckBlock(1024, 2048, 2, 32, true, 16)))
                .then("out", new Output()).build();
        robot.interact(() -> window.files().load(n, null, false));

        assertEquals("4 x 1x1-3x3-1x1, 128->512, /2", box("layer2").paramsText());
        assertNull(box("layer2").hoverText(), "nothing shortened, no extra tooltip");

        String whole = "23 x 1x1-3x3-1x1, 1024->2048, g32, /2, pre-act, SE/16";
        String shown = box("wide").paramsText();
        assertTrue(shown.endsWith("\u2026") && shown.length() < whole.length(), shown);
        assertTrue(whole.startsWith(shown.substring(0, shown.length() - 1).stripTrailing()), shown);
        assertTrue(box("wide").hoverText().contains(whole), box("wide").hoverText());
        // the line ends inside the box: its text, laid out in the scene, ends short of the box's right edge
        var line = robot.lookup("#node-wide .node-params").queryAs(javafx.scene.text.Text.class);
        double right = line.getBoundsInParent().getMaxX();
        assertTrue(right <= NodeView.WIDTH - 10, "the params line ends at x = " + right);
    }
}
