package netcanvas.train;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.MemoryEstimate;
import netcanvas.analysis.Optimizer;

/**
 * The training-memory estimate ({@link MemoryEstimate}) against what training really takes: each network and batch
 * size runs a few training steps in a fresh JVM ({@link MemoryProbe}) whose Java heap is fixed and touched at start,
 * so the growth of its resident memory over the steps is ND4J's native memory and the code it runs; the probe loads
 * everything a run needs on a tiny network first, so the growth is the network's. Prints both and their ratio
 * (target: within 25 %), and beside them the anonymous part of the measurement (without the native libraries' code
 * pages, which the page cache drops and reads back under memory pressure).
 */
public final class MemoryBenchmark {
    /** The networks measured: the presets LeNet-5 and ResNet-20, and a VGG-style network at CIFAR size. */
    static final List<String> NETWORKS = List.of("lenet5", "resnet20", "vgg-cifar");

    private MemoryBenchmark() {
    }

    /**
     * @param batches   the batch sizes, each run for every network
     * @param optimizer the optimizer whose state the runs keep
     * @param steps     training steps per run
     */
    public static void run(List<Integer> batches, Optimizer optimizer, int steps, PrintWriter out) throws Exception {
        run(batches, optimizer, steps, 1, out);
    }

    /**
     * As above, each network and batch measured in {@code runs} fresh JVMs, the median run printed: one run of a
     * case can measure far from the others (LeNet-5 at batch 128: 25 to 82 MB on a loaded machine, most runs 47-52),
     * as the allocator happens to reuse or keep the backward convolutions' freed scratch.
     */
    public static void run(List<Integer> batches, Optimizer optimizer, int steps, int runs, PrintWriter out)
            throws Exception {
        out.printf(Locale.ROOT, "training memory, estimate vs measured (%s, %d steps, %s; measured: resident"
                + " memory the steps add)%n", optimizer.spelling(), steps,
                runs == 1 ? "1 fresh JVM" : "median of " + runs + " fresh JVMs");
        out.printf(Locale.ROOT, "%-10s %6s %12s %12s %7s %12s%n", "network", "batch", "estimate MB", "measured MB",
                "ratio", "anonymous MB");
        out.flush();
        double worst = 0;
        for (String name : NETWORKS) {
            Analysis a = Analyzer.analyze(BenchmarkNets.named(name));
            for (int batch : batches) {
                MemoryEstimate e = a.memoryPerLayer(batch, optimizer);
                List<Map<String, Long>> all = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    all.add(probe(name, batch, optimizer, steps));
                }
                all.sort(java.util.Comparator.comparingLong(f -> f.get("peak") - f.get("baseline")));
                Map<String, Long> m = all.get(all.size() / 2);
                long measured = m.get("peak") - m.get("baseline");
                double ratio = e.peak() / (double) measured;
                worst = Math.max(worst, Math.abs(ratio - 1));
                long anonymous = m.getOrDefault("anonpeak", 0L) - m.getOrDefault("anonbaseline", 0L);
                out.printf(Locale.ROOT, "%-10s %6d %12.1f %12.1f %7.2f %12.1f%n", name, batch, e.peak() / 1e6,
                        measured / 1e6, ratio, anonymous / 1e6);
                out.flush();
            }
        }
        out.printf(Locale.ROOT, "largest difference %.0f %% (target: within 25 %%)%n", 100 * worst);
        out.flush();
    }

    /** Runs {@link MemoryProbe} in a fresh JVM and reads its figures. */
    private static Map<String, Long> probe(String name, int batch, Optimizer optimizer, int steps) throws Exception {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A fixed, touched heap: its pages are resident before the baseline, so heap growth cannot count.
        c.addAll(List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-Dorg.bytedeco.javacpp.maxbytes=0",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=0", "-cp", System.getProperty("java.class.path"),
                MemoryProbe.class.getName(), name, Integer.toString(batch), optimizer.spelling(),
                Integer.toString(steps)));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        Map<String, Long> figures = new HashMap<>();
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] kv = line.split(" ");
                if (kv.length == 2 && kv[1].matches("\\d+")) {
                    figures.put(kv[0], Long.parseLong(kv[1]));
                } else {
                    log.append(line).append('\n');
                }
            }
        }
        if (p.waitFor() != 0 || !figures.containsKey("peak") || !figures.containsKey("baseline")) {
            throw new IllegalStateException("the memory probe for " + name + " at batch " + batch + " failed:\n"
                    + log.toString().lines().reduce((x, y) -> y).orElse("(no output)"));
        }
        return figures;
    }

    /** {@code MemoryBenchmark [batches=32,128] [optimizer=adam] [steps=3]}. */
    public static void main(String[] args) throws Exception {
        List<Integer> batches = new ArrayList<>();
        for (String b : (args.length > 0 ? args[0] : "32,128").split(",")) {
            batches.add(Integer.parseInt(b.trim()));
        }
        run(batches, Optimizer.parse(args.length > 1 ? args[1] : "adam"), args.length > 2 ? Integer.parseInt(args[2]) : 3,
                new PrintWriter(System.out, true));
    }
}
