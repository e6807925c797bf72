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

        Network big = branches(27, 37);
        t0 = System.nanoTime();
        openAndRender(w, big);
        System.out.printf("%,d nodes (27 branches of 37 layers): open + auto-layout + render %.0f ms%n",
                w.document().network().nodes().size(), ms(t0));
        fx(() -> {
            w.canvas().fit();
            return null;
        });
        System.out.printf("1,000 nodes: one parameter edit re-analysed and redrawn in %.1f ms%n", editMs(w, "b0_d0"));
        breakdown(w);
        frames(w, "all on screen, zoomed out");
        for (int round = 0; round < 3; round++) {
            crossing(w, 0.29, 0.31);
            crossing(w, 0.31, 0.29);
        }
        fx(() -> {
            w.canvas().zoomBy(0.6 / w.canvas().zoomFactor());
            return null;
        });
        frames(w, "at reading zoom 60%");
        fx(() -> {
            w.canvas().panBy(1e5, 1e5);
            return null;
        });
        frames(w, "baseline, nothing in view (the cost of taking a snapshot)");
        fx(() -> {
            for (javafx.stage.Window win : List.copyOf(javafx.stage.Window.getWindows())) {
                ((javafx.stage.Stage) win).close();
            }
            return null;
        });
    }

    /** Pan and zoom frame times, for the whole window and for the canvas alone, at the current view. */
    private static void frames(MainWindow w, String where) throws Exception {
        int frames = 60;
        double[] each = new double[frames];
        long t0 = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            int step = i;
            long f0 = System.nanoTime();
            fx(() -> {
                if (step % 2 == 0) {
                    w.canvas().panBy(step % 4 == 0 ? 7 : -7, step % 4 == 0 ? 5 : -5);
                } else {
                    w.canvas().zoomBy(step % 4 == 1 ? 1.05 : 1 / 1.05);
                }
                w.scene().snapshot(null);
                return null;
            });
            each[i] = ms(f0);
        }
        System.out.printf("%s: %d boxes in view, zoom %.0f%%: pan/zoom frame %.1f ms for the whole window (median "
                + "%.1f ms)%n", where, boxesInView(w), 100 * w.canvas().zoomFactor(), ms(t0) / frames, median(each));
        for (String gesture : List.of("zoom", "pan")) {
            pulses(w, gesture);
            t0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                int step = i;
                long f0 = System.nanoTime();
                fx(() -> {
                    if (gesture.equals("zoom")) {
                        w.canvas().zoomBy(step % 2 == 0 ? 1.05 : 1 / 1.05);
                    } else {
                        w.canvas().panBy(step % 2 == 0 ? 7 : -7, step % 2 == 0 ? 5 : -5);
                    }
                    w.canvas().snapshot(null, null);
                    return null;
                });
                each[i] = ms(f0);
            }
            System.out.printf("   canvas alone: %.1f ms per %s frame (median %.1f ms)%n", ms(t0) / frames, gesture,
                    median(each));
        }
    }

    /**
     * Frame time as the screen sees it: an animation steps the view on every pulse, and the mean time between
     * pulses includes the rendering (a pulse waits for the previous frame's rendering to finish). JavaFX paces
     * pulses at 60 per second, so 16.7 ms is the floor.
     */
    private static void pulses(MainWindow w, String gesture) throws Exception {
        int frames = 120;
        long[] at = new long[frames + 1];
        CompletableFuture<Void> done = new CompletableFuture<>();
        fx(() -> {
            new javafx.animation.AnimationTimer() {
                private int i;

                @Override
                public void handle(long now) {
                    at[i] = System.nanoTime();
                    if (i == frames) {
                        stop();
                        done.complete(null);
                        return;
                    }
                    if (gesture.equals("zoom")) {
                        w.canvas().zoomBy(i % 2 == 0 ? 1.05 : 1 / 1.05);
                    } else {
                        w.canvas().panBy(i % 2 == 0 ? 7 : -7, i % 2 == 0 ? 5 : -5);
                    }
                    i++;
                }
            }.start();
            return null;
        });
        done.get();
        double[] each = new double[frames];
        for (int i = 0; i < frames; i++) {
            each[i] = (at[i + 1] - at[i]) / 1e6;
        }
        System.out.printf("   on screen: %.1f ms per %s frame (median %.1f ms; 16.7 ms is the 60 Hz floor)%n",
                (at[frames] - at[0]) / 1e6 / frames, gesture, median(each));
    }

    /** The frame that crosses the zoom at which boxes get their texts back (or lose them): boxes enter the scene. */
    private static void crossing(MainWindow w, double from, double to) throws Exception {
        fx(() -> {
            w.canvas().zoomBy(from / w.canvas().zoomFactor());
            w.canvas().snapshot(null, null);
            return null;
        });
        long t0 = System.nanoTime();
        int[] inScene = new int[1];
        double[] step = new double[1];
        fx(() -> {
            w.canvas().zoomBy(to / w.canvas().zoomFactor());
            step[0] = ms(t0);
            w.canvas().snapshot(null, null);
            inScene[0] = (int) w.canvas().views().values().stream().filter(v -> v.getScene() != null).count();
            return null;
        });
        System.out.printf("   zoom %.0f%% -> %.0f%%: %.1f ms for the canvas frame (%.1f ms of it the zoom step), %d "
                + "boxes in the scene after%n", 100 * from, 100 * to, ms(t0), step[0], inScene[0]);
    }

    /** The boxes lying (at least partly) inside the canvas now, counted in world coordinates (culled boxes are
     *  out of the scene, so their scene bounds say nothing). */
    private static int boxesInView(MainWindow w) throws Exception {
        return fx(() -> {
            var c = w.canvas();
            var corner = c.localToScene(0, 0);
            var a = c.toWorld(corner.getX(), corner.getY());
            var b = c.toWorld(corner.getX() + c.getWidth(), corner.getY() + c.getHeight());
            int n = 0;
            for (var v : c.views().values()) {
                if (v.x() + netcanvas.canvas.NodeView.WIDTH >= a.getX() && v.x() <= b.getX()
                        && v.y() + netcanvas.canvas.NodeView.HEIGHT >= a.getY() && v.y() <= b.getY()) {
                    n++;
                }
            }
            return n;
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

    /** An input, {@code count} parallel branches of {@code depth} layers (Dense and ReLU by turns), summed. */
    static Network branches(int count, int depth) {
        NetBuilder b = new NetBuilder("branches" + count + "x" + depth).input(1, 8, 8);
        String[] ends = new String[count];
        for (int k = 0; k < count; k++) {
            String prev = "input";
            for (int i = 0; i < depth; i++) {
                String id = "b" + k + "_" + (i % 2 == 0 ? "d" : "r") + i;
                b.add(id, i % 2 == 0 ? new Dense(16, true) : new ReLU(), prev);
                prev = id;
            }
            ends[k] = prev;
        }
        b.add("sum", new netcanvas.graph.Add(), ends);
        return b.then("out", new Output()).build();
    }

}
