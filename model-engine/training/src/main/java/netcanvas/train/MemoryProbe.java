package netcanvas.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import netcanvas.analysis.Optimizer;
import netcanvas.graph.Network;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Measures the resident memory a few training steps add to a process, for the memory benchmark: run in a fresh JVM
 * (so nothing freed by an earlier run is reused) whose Java heap is fixed and touched at start, so that the growth it
 * reports is ND4J's native memory. It prints {@code baseline}, the resident bytes once ND4J is loaded and the batch is
 * made, and {@code peak}, the process's high-water mark after the steps ({@code VmHWM}); and {@code anonbaseline}
 * and {@code anonpeak}, the same for anonymous memory alone (the peak sampled while the steps run: the kernel keeps
 * no high-water mark for it), each on its own line. ND4J's arrays and scratch are anonymous; resident memory also
 * counts the pages of its native libraries' code that the steps read from their files, which the kernel drops and
 * reads back as other processes need memory (a run while builds ran beside it measured LeNet-5 at batch 32 at
 * 55 MB resident against 18-19 MB otherwise): the anonymous figure shows that part apart.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    /**
     * The steps of a run: compile the network for training, then {@code steps} steps of the trainer's
     * {@link TrainingStep} on one random batch, with the trainer's optimizer ({@link Updaters}).
     */
    public static void measure(Network network, int batch, Optimizer optimizer, int steps) throws Exception {
        // Load ND4J, SameDiff and the step's code, and start their threads, on a network too small to leave memory
        // behind, and make the batch, before the baseline: none of it belongs to the network.
        warmUp();
        CompiledNet probe = SameDiffCompiler.compile(network, Mode.TRAIN, 1);
        long[] s = probe.inputShape().dims();
        int classes = probe.classes();
        INDArray x = Nd4j.randn(batch, s[0], s[1], s[2]);
        INDArray y = Nd4j.zeros(batch, classes);
        for (int k = 0; k < batch; k++) {
            y.putScalar(k, k % classes, 1);
        }
        System.gc();
        long rssBaseline = resident("VmRSS");
        long baseline = anonymous();
        AnonymousPeak peak = new AnonymousPeak();
        CompiledNet c = SameDiffCompiler.compile(network, Mode.TRAIN, 1);
        // a constant rate: the rate does not change what is allocated
        TrainingConfig config = new TrainingConfig.Builder()
                .updater(Updaters.of(optimizer, new org.nd4j.linalg.schedule.FixedSchedule(1e-3), 0.9))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        List<String> watched = new ArrayList<>(List.of(CompiledNet.LOGITS));
        for (BatchNormState bn : c.batchNorms()) {
            watched.add(bn.batchMean());
            watched.add(bn.batchVar());
        }
        try (TrainingStep step = new TrainingStep(c, config, watched, 0, 0)) {
            for (int i = 0; i < steps; i++) {
                step.run(x, y);
            }
            long top = peak.stop();
            System.out.printf(Locale.ROOT, "baseline %d%npeak %d%nanonbaseline %d%nanonpeak %d%n", rssBaseline,
                    resident("VmHWM"), baseline, top);
        }
    }

    /** Anonymous resident bytes: resident minus file-backed and shared pages ({@code /proc/self/statm}). */
    static long anonymous() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
            return (Long.parseLong(f[1]) - Long.parseLong(f[2])) * PAGE;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("/proc/self/statm unreadable: the memory benchmark needs Linux", e);
        }
    }

    /** Linux's page size on the machines this runs on (statm counts pages). */
    private static final long PAGE = 4096;

    /**
     * The largest {@link #anonymous} reading while it runs, sampled about every 0.2 ms by a thread of its own: the
     * kernel keeps a high-water mark for all resident memory only. The step's peak (its planning pass, which holds
     * every value) lasts far longer than that.
     */
    private static final class AnonymousPeak {
        private volatile boolean running = true;
        private volatile long max = anonymous();
        private final Thread sampler = new Thread(() -> {
            while (running) {
                max = Math.max(max, anonymous());
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        }, "memory-probe-sampler");

        AnonymousPeak() {
            sampler.setDaemon(true);
            sampler.start();
        }

        long stop() throws InterruptedException {
            running = false;
            sampler.join();
            return Math.max(max, anonymous());
        }
    }

    private static void warmUp() throws Exception {
        CompiledNet tiny = SameDiffCompiler.compile(BenchmarkNets.named("tiny"), Mode.TRAIN, 1);
        TrainingConfig config = new TrainingConfig.Builder().updater(new Adam(1e-3))
                .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build();
        try (TrainingStep step = new TrainingStep(tiny, config, List.of(CompiledNet.LOGITS), 0, 0)) {
            for (int i = 0; i < 3; i++) {
                step.run(Nd4j.randn(2, 1, 8, 8), Nd4j.eye(10).getRows(0, 1));
            }
        }
    }

    /** A field of /proc/self/status ("VmRSS", "VmHWM") in bytes. */
    static long resident(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim()) * 1024;
            }
        }
        throw new IOException("/proc/self/status has no " + field + ": the memory benchmark needs Linux");
    }

    /** {@code MemoryProbe NETWORK.json|PRESET BATCH OPTIMIZER STEPS}. */
    public static void main(String[] args) throws Exception {
        Network net = args[0].endsWith(".json") ? netcanvas.io.NetworkJson.read(Path.of(args[0]))
                : BenchmarkNets.named(args[0]);
        measure(net, Integer.parseInt(args[1]), Optimizer.parse(args[2]), Integer.parseInt(args[3]));
    }
}
