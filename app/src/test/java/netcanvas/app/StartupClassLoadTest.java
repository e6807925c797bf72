package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netcanvas.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command runs headless: `netcanvas summary` in a fresh JVM must load no JavaFX and no ND4J class, even with both
 * on the class path, so it starts fast and works without a display; the desktop window's start loads only what the
 * window shows. The JVM's own class-loading log is the witness.
 * The wall time is printed, not asserted (timings are for benchmarks to report).
 */
class StartupClassLoadTest {
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source:");

    @TempDir
    Path dir;

    @Test
    void summaryLoadsNeitherJavaFxNorNd4j() throws IOException, InterruptedException {
        Path network = dir.resolve("resnet50.json");
        NetworkJson.write(resnet50(), network);
        List<String> classes = summaryClasses(network, "resnet50", "netcanvas.analysis.Analyzer");
        List<String> forbidden = classes.stream()
                .filter(c -> c.startsWith("javafx.") || c.startsWith("com.sun.javafx.") || c.startsWith("org.nd4j.")
                        || c.startsWith("org.bytedeco."))
                .toList();
        assertEquals(List.of(), forbidden, "a headless command loaded GUI or ND4J classes");
    }

    /**
     * An ONNX model's summary reads its protobuf with the ONNX classes nd4j-api ships (and their shaded protobuf
     * runtime), and nothing else of ND4J: no backend, no native code.
     */
    @Test
    void onnxSummaryLoadsNoNd4jBackend() throws Exception {
        netcanvas.analysis.Analysis a = netcanvas.analysis.Analyzer.analyze(resnet50());
        java.util.Map<String, netcanvas.weights.Tensor> zeros = new java.util.LinkedHashMap<>();
        netcanvas.weights.WeightShapes.of(a).forEach((k, sh) -> zeros.put(k,
                netcanvas.weights.Tensor.of(sh, new float[(int) netcanvas.weights.Tensor.elements(sh)])));
        Path model = dir.resolve("resnet50.onnx");
        Files.write(model, netcanvas.onnx.OnnxExporter.export(a, new netcanvas.weights.WeightSet(zeros), 13));
        List<String> classes = summaryClasses(model, "resnet50.onnx", "netcanvas.onnx.OnnxImporter");
        assertTrue(classes.contains("onnx.OnnxMl$ModelProto"), "the ONNX classes did the reading");
        List<String> forbidden = classes.stream()
                .filter(c -> c.startsWith("javafx.") || c.startsWith("com.sun.javafx.") || c.startsWith("org.bytedeco.")
                        || (c.startsWith("org.nd4j.") && !c.startsWith("org.nd4j.shade.protobuf.")))
                .toList();
        assertEquals(List.of(), forbidden, "an ONNX summary loaded GUI classes or ND4J beyond its protobuf classes");
    }

    /**
     * The desktop app, started as a user starts it (no arguments) on Monocle's headless screen and closed at its first
     * frame, loads neither ND4J (nor its native code, nor the training panel: they wait until Train is opened) nor
     * the ELK layout engine nor the JSON library (the first network is built placed). Each took a share of the
     * window's cold start.
     */
    @Test
    void desktopWindowLoadsNoNd4jElkJsonOrTrainingPanelBeforeItsFirstFrame() throws Exception {
        Path log = dir.resolve("desktop-classes.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log,
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Djava.awt.headless=true", "-Dnetcanvas.home=" + dir.resolve("home"),
                "-cp", classPath(), Main.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("desktop-out.txt").toFile());
        pb.environment().put(DesktopApp.PRINT_STARTUP, "exit");
        Process p = pb.start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the desktop app did not close after its first frame");
        String out = Files.readString(dir.resolve("desktop-out.txt"));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains(DesktopApp.STARTUP_LINE), "the window never reached its first frame: " + out);

        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = LOADED.matcher(line);
            if (m.find()) {
                classes.add(m.group(1));
            }
        }
        assertTrue(classes.contains("netcanvas.app.MainWindow") && classes.contains("netcanvas.canvas.CanvasView"),
                "class-load log misses the window that was shown; " + classes.size() + " classes logged");
        List<String> forbidden = classes.stream()
                .filter(c -> c.startsWith("org.nd4j.") || c.startsWith("org.bytedeco.")
                        || c.startsWith("org.eclipse.elk.") || c.startsWith("org.eclipse.emf.")
                        || c.startsWith("com.fasterxml.jackson.") || c.startsWith("netcanvas.training.TrainingPanel"))
                .toList();
        assertEquals(List.of(), forbidden, "the window's start loaded what it does not show");
        System.out.printf("desktop window in a fresh JVM: %d classes loaded; %s%n", classes.size(),
                out.lines().filter(l -> l.startsWith(DesktopApp.STARTUP_LINE)).findFirst().orElse(""));
    }

    /** Runs `summary FILE` in a fresh JVM with class loading logged; the classes it loaded. */
    private List<String> summaryClasses(Path file, String label, String mustLoad)
            throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log,
                "-cp", classPath(), Main.class.getName(), "summary", file.toString()));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "summary did not finish");
        double seconds = (System.nanoTime() - start) / 1e9;
        String out = Files.readString(dir.resolve("out.txt"));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Trainable params:     25,557,032"), out);

        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = LOADED.matcher(line);
            if (m.find()) {
                classes.add(m.group(1));
            }
        }
        // the log really lists what ran: the analysis and the command itself
        assertTrue(classes.contains(mustLoad) && classes.contains("netcanvas.cli.SummaryCommand"),
                "class-load log misses the code that ran; " + classes.size() + " classes logged");
        System.out.printf("summary %s in a fresh JVM: %.2f s wall, %d classes loaded%n", label, seconds,
                classes.size());
        return classes;
    }

    /** The test's own class path, which holds everything the app jar's lib/ holds (JavaFX too, once added). */
    static String classPath() {
        // Surefire may start this JVM from a manifest-only jar; it then gives the real path in this property.
        String real = System.getProperty("surefire.test.class.path");
        String path = real != null && !real.isBlank() ? real : System.getProperty("java.class.path");
        assertTrue(path.contains(File.pathSeparator) || path.endsWith(".jar"), path);
        return path;
    }

    /** torchvision's resnet50 (the engine's shared test network), as the summary's largest everyday input. */
    private static netcanvas.graph.Network resnet50() {
        return netcanvas.export.TestNetworks.resnet50();
    }
}
