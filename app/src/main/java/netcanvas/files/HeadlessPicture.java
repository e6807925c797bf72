package netcanvas.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.canvas.AutoLayout;
import netcanvas.canvas.CanvasModels;
import netcanvas.canvas.CanvasView;
import netcanvas.canvas.SvgExport;
import netcanvas.graph.Network;
import netcanvas.io.AtomicFiles;

/**
 * The canvas picture for the command line ({@code export --to png|svg}): the app's own canvas, laid out like the app
 * lays out a network, drawn on JavaFX's headless Monocle platform with the software renderer, so no display is
 * needed. The PNG and SVG writers are the app's File > Export ones. Only {@code ExportCommand.call()} reaches this
 * class, so other commands load no JavaFX class.
 */
public final class HeadlessPicture {
    /** How long drawing may take before we give up (a 1,000-node network draws in seconds). */
    private static final long TIMEOUT_MINUTES = 5;
    /**
     * JavaFX warns on every start from the class path ("Unsupported JavaFX configuration"), which is how the jar
     * runs; a command's output should carry only its own messages. Held here so the setting is not collected.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    /** JavaFX cannot start again once shut down in a process; a second export in the same process must say so. */
    private static boolean shutDown;

    private HeadlessPicture() {
    }

    /** Networks with more top-level nodes than this are not drawn: their picture would be unreadably large. */
    public static final int MAX_NODES = 2_000;
    /** Neither side of a picture may exceed this many pixels (PNG) or units (SVG). */
    public static final int MAX_SIDE = 16_384;

    /** A picture NetCanvas will not draw (too many nodes, or larger than {@link #MAX_SIDE}); the message says why. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** What was written, for the command's message. */
    public record Written(int width, int height) {
    }

    /**
     * Draws the network and writes it as "png" or "svg". Starts JavaFX headless when it is not running yet, and then
     * shuts it down again, so the calling process can end.
     */
    public static Written write(Network network, String format, Path file) throws IOException {
        if (network.nodes().size() > MAX_NODES) {
            throw new TooLarge("the network has " + String.format(java.util.Locale.ROOT, "%,d",
                    network.nodes().size()) + " nodes; pictures are drawn of networks with up to "
                    + String.format(java.util.Locale.ROOT, "%,d", MAX_NODES) + " (export it --to pytorch or onnx, or"
                    + " group layers into blocks)");
        }
        Analysis analysis = Analyzer.analyze(AutoLayout.placeIfNeeded(network));
        boolean started = startHeadless();
        try {
            CompletableFuture<Written> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    done.complete(draw(analysis, format, file));
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
            return done.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io instanceof TooLarge t ? new TooLarge(t.getMessage()) : io;
            }
            throw new IllegalStateException("drawing the canvas failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("drawing the canvas took more than " + TIMEOUT_MINUTES + " minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the canvas");
        } finally {
            if (started) {
                Platform.exit();
                shutDown = true;
            }
        }
    }

    /** On the JavaFX thread: the canvas in an off-screen scene (for CSS and text layout), then the picture. */
    private static Written draw(Analysis analysis, String format, Path file) throws IOException {
        CanvasView canvas = new CanvasView();
        new Scene(new Group(canvas), 1600, 1000);
        canvas.resize(1600, 1000);
        canvas.show(CanvasModels.network(analysis));
        canvas.applyCss();
        canvas.layout();
        var size = canvas.contentBounds();
        if (size.getWidth() + 40 > MAX_SIDE || size.getHeight() + 40 > MAX_SIDE) {
            throw new TooLarge(String.format(java.util.Locale.ROOT, "the picture would be %,.0f x %,.0f pixels; "
                    + "pictures are at most %,d x %,d (the boxes are placed too far apart: run Auto-layout in the "
                    + "app, or remove the positions to have them laid out)", size.getWidth() + 40,
                    size.getHeight() + 40, MAX_SIDE, MAX_SIDE));
        }
        if (format.equals("svg")) {
            var bounds = canvas.contentBounds();
            AtomicFiles.writeString(file, SvgExport.of(canvas));
            return new Written((int) Math.ceil(bounds.getWidth()), (int) Math.ceil(bounds.getHeight()));
        }
        WritableImage image = canvas.picture();
        PngWriter.write(image, file);
        return new Written((int) image.getWidth(), (int) image.getHeight());
    }

    /**
     * Starts JavaFX on Monocle's headless platform (unless told otherwise by system properties); false when JavaFX
     * was already running (inside the app or a UI test), which then keeps running.
     */
    private static boolean startHeadless() throws IOException {
        if (shutDown) {
            throw new IOException("this process already drew one picture and shut JavaFX down; run export again");
        }
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Monocle"));
        System.setProperty("monocle.platform", System.getProperty("monocle.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        CompletableFuture<Void> up = new CompletableFuture<>();
        try {
            Platform.startup(() -> up.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            return false;
        }
        up.join();
        return true;
    }
}
