package netcanvas.training;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Prints how long the loss chart takes to redraw with 100,000 iterations (raw and smoothed), and for comparison what a
 * JavaFX LineChart takes to show the same points. Headless: -Dglass.platform=Monocle -Dmonocle.platform=Headless
 * -Dprism.order=sw, or through surefire with TrainingChartBenchmarkRun.
 */
public final class TrainingChartBenchmark {
    private TrainingChartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Platform.startup(() -> { });
        run();
        Platform.exit();
    }

    /** Prints the figures; the FX toolkit must be running. */
    static void run() throws Exception {
        int n = 100_000;
        double[] loss = new double[n];
        Random rnd = new Random(1);
        for (int i = 0; i < n; i++) {
            loss[i] = 2.3 * Math.exp(-i / 20_000.0) + 0.3 + 0.2 * rnd.nextGaussian();
        }
        LiveChart chart = fx(() -> {
            LiveChart c = new LiveChart("Loss per iteration", "iteration", true);
            Stage s = new Stage();
            s.setScene(new Scene(new StackPane(c), 1000, 300));
            s.show();
            return c;
        });
        double[] empty = new double[20];
        for (int r = 0; r < empty.length; r++) {
            long f0 = System.nanoTime();
            fx(() -> {
                chart.redraw();
                chart.getScene().snapshot(null);
                return null;
            });
            empty[r] = (System.nanoTime() - f0) / 1e6;
        }
        System.out.printf(Locale.ROOT, "LiveChart, no points: redraw + render frame median %.2f ms%n", median(empty));
        long t0 = System.nanoTime();
        fx(() -> {
            LiveChart.Series raw = chart.addSeries("raw", javafx.scene.paint.Color.LIGHTBLUE, 1, false);
            LiveChart.Series smooth = chart.addSeries("smoothed", javafx.scene.paint.Color.NAVY, 2, false);
            Smoothing sm = new Smoothing(0.95);
            for (int i = 0; i < n; i++) {
                raw.add(i + 1, loss[i]);
                smooth.add(i + 1, sm.next(loss[i]));
            }
            return null;
        });
        double addMs = (System.nanoTime() - t0) / 1e6;
        int rounds = 60;
        double[] redraw = new double[rounds];
        double[] frame = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long f0 = System.nanoTime();
            fx(() -> {
                chart.redraw();
                chart.getScene().snapshot(null); // renders the frame, as a pulse would
                return null;
            });
            frame[r] = (System.nanoTime() - f0) / 1e6;
            redraw[r] = chart.lastRedrawNanos() / 1e6;
        }
        int drawn = fx(() -> chart.series().get(0).drawnPoints());
        int columns = fx(chart::plotColumns);
        System.out.printf(Locale.ROOT, "LiveChart, %,d points x 2 series, %d px plot: add %.1f ms; redraw median %.2f ms"
                + " (max %.2f); redraw + render frame median %.2f ms; drew %,d points per series (%d columns)%n", n,
                columns, addMs, median(redraw), Arrays.stream(redraw).skip(5).max().orElse(0), median(frame), drawn,
                columns);

        // The same 100,000 points in a JavaFX LineChart: one scene-graph node per point.
        long c0 = System.nanoTime();
        fx(() -> {
            NumberAxis x = new NumberAxis();
            NumberAxis y = new NumberAxis();
            LineChart<Number, Number> lc = new LineChart<>(x, y);
            lc.setAnimated(false);
            lc.setCreateSymbols(false);
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            @SuppressWarnings("unchecked")
            XYChart.Data<Number, Number>[] pts = new XYChart.Data[n];
            for (int i = 0; i < n; i++) {
                pts[i] = new XYChart.Data<>(i + 1, loss[i]);
            }
            s.getData().setAll(pts);
            lc.getData().add(s);
            Stage st = new Stage();
            st.setScene(new Scene(lc, 1000, 300));
            st.show();
            st.getScene().snapshot(null);
            return null;
        });
        System.out.printf(Locale.ROOT, "JavaFX LineChart, %,d points, no symbols: first frame %.0f ms%n", n,
                (System.nanoTime() - c0) / 1e6);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }
}
