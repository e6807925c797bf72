package netcanvas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.onnx.OnnxExporter;
import netcanvas.presets.Presets;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;

/**
 * Times {@code netcanvas summary MODEL.onnx} in fresh JVMs, as a user runs it, and samples the process's peak resident
 * memory (VmHWM in /proc). Without a model it writes ResNet-152 (the preset, random weights: 230 MB) as ONNX first.
 * Targets (issue #14): under 3 s, peak memory under twice the file size.
 */
final class ImportBenchmark {
    private ImportBenchmark() {
    }

    static void run(Path model, int runs, PrintWriter out) throws Exception {
        Path dir = null;
        if (model == null) {
            dir = Files.createTempDirectory("netcanvas-bench");
            model = dir.resolve("resnet152.onnx");
            Analysis a = Analyzer.analyze(Presets.load("resnet152"));
            Map<String, Tensor> w = new LinkedHashMap<>();
            Random rnd = new Random(1);
            for (var e : WeightShapes.of(a).entrySet()) {
                float[] v = new float[(int) Tensor.elements(e.getValue())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) rnd.nextGaussian() * 0.01f;
                }
                w.put(e.getKey(), Tensor.of(e.getValue(), v));
            }
            Files.write(model, OnnxExporter.export(a, new WeightSet(w), OnnxExporter.DEFAULT_OPSET));
            out.println("wrote the resnet152 preset with random weights as " + model);
        }
        try {
            long size = Files.size(model);
            out.printf(Locale.ROOT, "summary of %s (%.1f MB) in a fresh JVM, %d runs:%n", model.getFileName(),
                    size / 1e6, runs);
            double[] seconds = new double[runs];
            long peak = 0;
            for (int r = 0; r < runs; r++) {
                long[] kb = {0};
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(command(model)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                Path status = Path.of("/proc", Long.toString(p.pid()), "status");
                while (p.isAlive()) {
                    kb[0] = Math.max(kb[0], highWater(status));
                    Thread.sleep(5);
                }
                seconds[r] = (System.nanoTime() - t0) / 1e9;
                if (p.exitValue() != 0) {
                    throw new CommandFailure(ExitCodes.INVALID_NETWORK, "summary of " + model + " exited with "
                            + p.exitValue() + "; run it by hand to see why");
                }
                peak = Math.max(peak, kb[0] * 1024);
                out.printf(Locale.ROOT, "  run %d: %.2f s wall, peak resident memory %.0f MB%n", r + 1, seconds[r],
                        kb[0] * 1024 / 1e6);
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            double median = sorted[runs / 2];
            out.printf(Locale.ROOT, "best %.2f s, median %.2f s (target < 3 s); peak memory %.0f MB = %.2fx the file"
                    + " (target < 2x)%n", sorted[0], median, peak / 1e6, (double) peak / size);
        } finally {
            if (dir != null) {
                Files.deleteIfExists(model);
                Files.deleteIfExists(dir);
            }
        }
    }

    private static List<String> command(Path model) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add("netcanvas.app.Main");
        c.add("summary");
        c.add(model.toString());
        return c;
    }

    /** VmHWM of a running process in kB, or 0 once it is gone. */
    private static long highWater(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended between the check and the read
        }
        return 0;
    }
}
