package netcanvas.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import netcanvas.commands.ChangeSpec;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.BottleneckBlock;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.graph.Stage;
import netcanvas.io.NetworkFormatException;
import netcanvas.presets.Presets;

/**
 * Prints the designer's speed figures: ResNet-152 open + layout + first render (target under 2 s), the time of one
 * parameter edit to redraw everything, and the frame time while panning and zooming 1,000 nodes on screen.
 * Headless: run with -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw (see README).
 */
public final class DesignerBenchmark {
    private DesignerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Platform.startup(() -> { });
        MainWindow w = fx(() -> {
            MainWindow m = new MainWindow(new javafx.stage.Stage());
            m.show();
            return m;
        });
        // warm up the code paths once, as a user's first open is not the JVM's first frame either
        openAndRender(w, resnet152());
        long t0 = System.nanoTime();
        openAndRender(w, resnet152());
        double open = ms(t0);
        System.out.printf("ResNet-152: open + auto-layout + render %.0f ms (target < 2000 ms), %d top-level nodes, "
                + "%d layers%n", open, w.document().network().nodes().size(),
                w.document().analysis().layers().size());
        System.out.printf("ResNet-152: one parameter edit re-analysed and redrawn in %.1f ms%n", editMs(w, "fc"));
        breakdown(w);

        Network big = chain(1000);
        t0 = System.nanoTime();
        openAndRender(w, big);
        System.out.printf("1,000 nodes: open + auto-layout + render %.0f ms%n", ms(t0));
        fx(() -> {
            w.canvas().fit();
            return null;
        });
        System.out.printf("1,000 nodes: one parameter edit re-analysed and redrawn in %.1f ms%n", editMs(w, "d0"));
        breakdown(w);
        int frames = 60;
        double[] each = new double[frames];
        t0 = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            int step = i;
            long f0 = System.nanoTime();
            fx(() -> {
                if (step % 2 == 0) {
                    w.canvas().panBy(7, 5);
                } else {
                    w.canvas().zoomBy(step % 4 == 1 ? 1.05 : 1 / 1.05);
                }
                w.scene().snapshot(null);
                return null;
            });
            each[i] = ms(f0);
        }
        System.out.printf("1,000 nodes on screen (%d drawn): pan/zoom frame %.1f ms for the whole window "
                + "(software renderer; median %.1f ms)%n", w.canvas().views().size(), ms(t0) / frames, median(each));
        for (String gesture : List.of("zoom", "pan")) {
            t0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                int step = i;
                long f0 = System.nanoTime();
                fx(() -> {
                    if (gesture.equals("zoom")) {
                        w.canvas().zoomBy(step % 2 == 0 ? 1.05 : 1 / 1.05);
                    } else {
                        w.canvas().panBy(step % 2 == 0 ? 7 : -7, 5);
                    }
                    w.canvas().snapshot(null, null);
                    return null;
                });
                each[i] = ms(f0);
            }
            System.out.printf("1,000 nodes on screen: canvas alone %.1f ms per %s frame (median %.1f ms)%n",
                    ms(t0) / frames, gesture, median(each));
        }
        fx(() -> {
            for (javafx.stage.Window win : List.copyOf(javafx.stage.Window.getWindows())) {
                ((javafx.stage.Stage) win).close();
            }
            return null;
        });
    }

    /** Where an edit's time goes: analysis, the views' update, and drawing a frame. */
    private static void breakdown(MainWindow w) throws Exception {
        fx(() -> {
            int n = 5;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                netcanvas.analysis.Analyzer.analyze(w.document().network());
            }
            double analyse = ms(t) / n;
            t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                w.summary().show(w.document().analysis());
                w.summary().layout();
            }
            double table = ms(t) / n;
            t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                w.canvas().show(netcanvas.canvas.CanvasModels.network(w.document().analysis()));
            }
            double canvas = ms(t) / n;
            t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                w.scene().snapshot(null);
            }
            System.out.printf("   of which: analysis %.1f ms, summary table %.1f ms, canvas update %.1f ms, "
                    + "frame %.1f ms%n", analyse, table, canvas, ms(t) / n);
            return null;
        });
    }

    private static void openAndRender(MainWindow w, Network n) throws Exception {
        fx(() -> {
            w.files().load(n.map(node -> node.withPosition(null)), null, false);
            w.scene().snapshot(null);
            return null;
        });
    }

    private static double editMs(MainWindow w, String id) throws Exception {
        long t0 = System.nanoTime();
        fx(() -> {
            var node = w.document().network().node(id);
            var spec = node.spec() instanceof Dense d ? new Dense(d.units() + 1, d.bias()) : node.spec();
            long t1 = System.nanoTime();
            w.document().execute(new ChangeSpec(id, spec));
            double update = ms(t1);
            t1 = System.nanoTime();
            w.scene().snapshot(null);
            System.out.printf("   edit: document and views updated in %.1f ms, next frame drawn in %.1f ms%n",
                    update, ms(t1));
            return null;
        });
        return ms(t0);
    }

    /** The middle frame time: the machine's other work makes single frames slow, which the mean takes in. */
    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static <T> T fx(Callable<T> task) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }

    static Network resnet152() {
        try {
            return Presets.load("resnet152");
        } catch (NetworkFormatException e) {
            NetBuilder b = new NetBuilder("resnet152").input(3, 224, 224)
                    .then("conv1", Conv2d.of(64, 7, 2, 3, false)).then("bn1", BatchNorm.standard())
                    .then("relu", new ReLU()).then("maxpool", MaxPool2d.of(3, 2, 1, false));
            int[] reps = {3, 8, 36, 3};
            for (int i = 0; i < 4; i++) {
                int width = 64 << i;
                b.then("layer" + (i + 1), new Stage(reps[i],
                        new BottleneckBlock(width, width * 4, i == 0 ? 1 : 2, 1, false, 0)));
            }
            return b.then("avgpool", new GlobalAvgPool()).then("fc", new Dense(1000, true))
                    .then("out", new Output()).build();
        }
    }

    /** A 1,000-node design: alternating Dense and ReLU on a small input. */
    static Network chain(int n) {
        NetBuilder b = new NetBuilder("chain" + n).input(1, 8, 8);
        for (int i = 0; i < n - 2; i++) {
            b.then((i % 2 == 0 ? "d" : "r") + i, i % 2 == 0 ? new Dense(16, true) : new ReLU());
        }
        return b.then("out", new Output()).build();
    }
}
