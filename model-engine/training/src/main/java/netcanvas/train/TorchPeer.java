package netcanvas.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import netcanvas.analysis.Analyzer;
import netcanvas.export.ExportRecipe;
import netcanvas.export.PyTorchExporter;
import netcanvas.graph.Network;

/**
 * The PyTorch side of the speed benchmarks: runs bench_torch.py with /usr/bin/python3 (or the given Python) on a
 * network written out in the script ("lenet5", "resnet18") or on NetCanvas's own PyTorch export of the network the
 * Java side runs, so both sides run the same layers. Also prints a row of alternating rounds.
 */
final class TorchPeer {
    private TorchPeer() {
    }

    /** The network exported as a PyTorch script in {@code dir}, for {@link #imagesPerSecond}. */
    static String export(Network net, Path dir) throws IOException, netcanvas.export.ExportException {
        String file = "bench_" + net.name().replaceAll("[^A-Za-z0-9_]", "_") + ".py";
        Path path = dir.resolve(file);
        Files.writeString(path, PyTorchExporter.export(Analyzer.analyze(net), ExportRecipe.defaults(), file),
                StandardCharsets.UTF_8);
        return path.toString();
    }

    /** PyTorch's images per second (training steps, or eval forward passes under no_grad), or NaN when it fails. */
    static double imagesPerSecond(String python, String net, int batch, double warmupSeconds, int iters, int threads,
            int width, boolean infer) throws IOException, InterruptedException {
        Path script = Files.createTempFile("netcanvas-bench", ".py");
        try (InputStream in = TorchPeer.class.getResourceAsStream("bench_torch.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            List<String> cmd = new ArrayList<>(List.of(python, script.toString(), net, Integer.toString(batch),
                    Double.toString(warmupSeconds), Integer.toString(iters), Integer.toString(threads),
                    Integer.toString(width)));
            if (infer) {
                cmd.add("infer");
            }
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException e) {
                System.out.println("cannot run " + python + ": " + e.getMessage());
                return Double.NaN;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\n")) {
                if (line.startsWith("IMAGES_PER_SECOND ")) {
                    return Double.parseDouble(line.substring(18).trim());
                }
            }
            System.out.println("PyTorch run failed: " + out.strip());
            return Double.NaN;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * One row: the best of the rounds for each side with their ratio, then each round's pair and the median of the
     * rounds' ratios (a round's two runs are seconds apart, so they share most of the machine's load).
     */
    static void printRow(String label, double[] ours, double[] torch, String unit) {
        double bestOurs = Arrays.stream(ours).max().orElseThrow();
        double bestTorch = Arrays.stream(torch).filter(t -> !Double.isNaN(t)).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%-30s %14.1f %14s %8s%n", label, bestOurs,
                Double.isNaN(bestTorch) ? "n/a" : String.format(Locale.ROOT, "%.1f", bestTorch),
                Double.isNaN(bestTorch) ? "n/a" : String.format(Locale.ROOT, "%.2fx", bestOurs / bestTorch));
        StringBuilder rounds = new StringBuilder("  rounds (NetCanvas/PyTorch " + unit + "):");
        double[] ratios = new double[ours.length];
        for (int r = 0; r < ours.length; r++) {
            rounds.append(String.format(Locale.ROOT, " %.1f/%.1f", ours[r], torch[r]));
            ratios[r] = ours[r] / torch[r];
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%s; median ratio %.2fx%n", rounds, ratios[ratios.length / 2]);
    }
}
