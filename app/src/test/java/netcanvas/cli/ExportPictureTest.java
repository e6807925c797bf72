package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import netcanvas.graph.Network;
import netcanvas.presets.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export <preset> --to png|svg} draws the canvas without a display. Each export runs in a fresh JVM with no
 * DISPLAY and none of the test run's JavaFX properties, so the command itself must pick the headless platform, and
 * the process must end by itself (JavaFX shut down again) instead of hanging.
 */
class ExportPictureTest {
    /** A box on the canvas, in pixels at 100% (NodeView's size). */
    private static final int BOX_W = 210;
    private static final int BOX_H = 72;

    @TempDir
    Path dir;

    @Test
    void lenet5AsPng() throws Exception {
        checkPng("lenet5");
    }

    @Test
    void resnet50AsPng() throws Exception {
        checkPng("resnet50");
    }

    @Test
    void lenet5AsSvg() throws Exception {
        Path svg = dir.resolve("lenet5.svg");
        String out = export("lenet5", "svg", svg);
        assertTrue(out.contains("wrote " + svg), out);
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        // the LeNet-5 preset is a chain of 14 nodes (input, 2 x conv/relu/pool, flatten, 3 x dense with 2 relus,
        // output): one box each plus the white background, and 13 edges between them
        int nodes = Presets.load("lenet5").nodes().size();
        assertEquals(14, nodes);
        assertEquals(nodes + 1, xml.getElementsByTagName("rect").getLength());
        assertEquals(nodes - 1, xml.getElementsByTagName("polyline").getLength());
        // the first convolution's output: (32 - 5) / 1 + 1 = 28
        assertTrue(Files.readString(svg).contains("6x28x28"), "conv1's shape label");
    }

    private void checkPng(String preset) throws Exception {
        Path png = dir.resolve(preset + ".png");
        String out = export(preset, "png", png);
        assertTrue(out.contains("wrote " + png), out);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, "ImageIO reads " + png);
        Network net = Presets.load(preset);
        int n = net.nodes().size();
        // every box is drawn at 100% without overlap, plus a 20-pixel margin all round: at least n boxes' area
        long area = (long) image.getWidth() * image.getHeight();
        assertTrue(image.getWidth() >= BOX_W + 40 && image.getHeight() >= BOX_H + 40,
                image.getWidth() + "x" + image.getHeight());
        assertTrue(area >= (long) n * BOX_W * BOX_H, area + " pixels for " + n + " boxes");
        // and not absurdly spread out: the layout packs boxes with 36-44 pixel gaps
        assertTrue(area <= (long) n * (BOX_W + 100) * (BOX_H + 100) * 4, area + " pixels for " + n + " boxes");
        // drawn, not blank: a good part of the picture is box fill, text or line rather than white background
        long coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    coloured++;
                }
            }
        }
        assertTrue(coloured >= n * BOX_W * BOX_H / 2, coloured + " non-white pixels");
    }

    /** Runs the export in a fresh JVM; fails when it does not end within two minutes or does not succeed. */
    private String export(String preset, String format, Path file) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), ExportInFreshJvm.class.getName(), preset, "--to", format, "-o", file.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(preset + "-" + format + ".log").toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        boolean ended = p.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(dir.resolve(preset + "-" + format + ".log"));
        assertTrue(ended, "export did not end: JavaFX kept the process alive\n" + out);
        assertTrue(out.contains("exit code 0"), out);
        assertTrue(!out.contains("Exception") && !out.contains("\tat "), out);
        return out;
    }

    private static String classPath() {
        String real = System.getProperty("surefire.test.class.path");
        String path = real != null && !real.isBlank() ? real : System.getProperty("java.class.path");
        assertTrue(path.contains(File.pathSeparator) || path.endsWith(".jar"), path);
        return path;
    }
}
