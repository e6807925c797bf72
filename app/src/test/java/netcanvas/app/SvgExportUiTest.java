package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javafx.stage.Stage;
import javax.xml.parsers.DocumentBuilderFactory;
import netcanvas.canvas.NodeView;
import netcanvas.canvas.SvgExport;
import netcanvas.commands.RemoveNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** File › Export Canvas as SVG draws what the canvas shows: every port, and the badge of a node with a problem. */
@ExtendWith(ApplicationExtension.class)
class SvgExportUiTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        window.show();
    }

    private Document svg(FxRobot robot) throws Exception {
        String[] text = new String[1];
        robot.interact(() -> text[0] = SvgExport.of(window.canvas()));
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text[0].getBytes(StandardCharsets.UTF_8)));
    }

    private static int countWithClass(Document d, String tag, String cls) {
        NodeList all = d.getElementsByTagName(tag);
        int n = 0;
        for (int i = 0; i < all.getLength(); i++) {
            if ((" " + ((Element) all.item(i)).getAttribute("class") + " ").contains(" " + cls + " ")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void everyPortOfTheCanvasIsInThePictureWhereTheCanvasDrawsIt(FxRobot robot) throws Exception {
        Document d = svg(robot);
        int nodes = window.document().network().nodes().size();
        // a chain: every layer has an output port, every layer but the Input an input port
        assertEquals(2 * nodes - 1, countWithClass(d, "circle", "port"));
        int onCanvas = 0;
        for (NodeView v : window.canvas().views().values()) {
            onCanvas += (v.inPort().isVisible() ? 1 : 0) + (v.outPort().isVisible() ? 1 : 0);
        }
        assertEquals(onCanvas, countWithClass(d, "circle", "port"));
        assertEquals(nodes, countWithClass(d, "circle", "port-out"));
        // conv1's input port: on its top edge, centred (x + 210 / 2, y), radius 5
        NodeView conv1 = window.canvas().viewOf("conv1");
        Element in = portOf(d, "conv1", "port-in");
        assertEquals(conv1.x() + 105, Double.parseDouble(in.getAttribute("cx")), 0.06); // written with one decimal
        assertEquals(conv1.y(), Double.parseDouble(in.getAttribute("cy")), 0.06); // written with one decimal
        assertEquals("5", in.getAttribute("r"));
        assertEquals(0, countWithClass(d, "g", "badge"), "a valid network has no badge");
    }

    @Test
    void aNodeWithAnErrorHasItsBadge(FxRobot robot) throws Exception {
        // relu1 removed: pool1 has no input left, an error pinned to pool1
        robot.interact(() -> window.document().execute(RemoveNodes.delete(Set.of("relu1"))));
        NodeView pool1 = window.canvas().viewOf("pool1");
        assertNotNull(pool1.badgeMessage(), "the canvas shows a badge on pool1");
        assertTrue(pool1.model().error());
        Document d = svg(robot);
        Element badge = badgeOf(d, "pool1");
        assertNotNull(badge, "pool1's badge in the SVG");
        assertTrue(badge.getAttribute("class").contains("badge-error"));
        Element dot = (Element) badge.getElementsByTagName("circle").item(0);
        // the canvas's badge: a circle of radius 9 centred 4 px in from the box's top-right corner, holding "!"
        assertEquals(pool1.x() + 206, Double.parseDouble(dot.getAttribute("cx")), 0.06); // written with one decimal
        assertEquals(pool1.y() + 4, Double.parseDouble(dot.getAttribute("cy")), 0.06); // written with one decimal
        assertEquals("9", dot.getAttribute("r"));
        assertEquals("!", badge.getElementsByTagName("text").item(0).getTextContent());
        assertTrue(badge.getElementsByTagName("title").item(0).getTextContent().equals(pool1.badgeMessage()));
        long badgesOnCanvas = window.canvas().views().values().stream().filter(v -> v.badgeMessage() != null).count();
        assertEquals(badgesOnCanvas, countWithClass(d, "g", "badge"));
        robot.interact(() -> window.document().undo());
    }

    private static Element group(Document d, String node) {
        NodeList gs = d.getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (node.equals(g.getAttribute("data-node"))) {
                return g;
            }
        }
        throw new AssertionError("no group for " + node);
    }

    private static Element portOf(Document d, String node, String cls) {
        NodeList cs = group(d, node).getElementsByTagName("circle");
        for (int i = 0; i < cs.getLength(); i++) {
            Element c = (Element) cs.item(i);
            if (c.getAttribute("class").contains(cls)) {
                return c;
            }
        }
        throw new AssertionError("no " + cls + " on " + node);
    }

    private static Element badgeOf(Document d, String node) {
        NodeList gs = group(d, node).getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (g.getAttribute("class").contains("badge")) {
                return g;
            }
        }
        return null;
    }
}
