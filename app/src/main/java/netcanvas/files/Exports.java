package netcanvas.files;

import netcanvas.io.AppHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.stage.Window;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Diagnostic;
import netcanvas.commands.Document;
import netcanvas.export.ExportException;
import netcanvas.export.ExportRecipe;
import netcanvas.export.PyTorchExporter;
import netcanvas.io.AtomicFiles;
import netcanvas.onnx.OnnxExporter;
import netcanvas.report.ReportFormat;
import netcanvas.report.SummaryReport;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;

/**
 * Export: the canvas as PNG or SVG, the summary as CSV or Markdown (the command line's report, so both agree), the
 * network as PyTorch code (the command line's exporter), the network as an ONNX model with weights.
 */
public final class Exports {
    private final Supplier<Window> owner;
    private final Document doc;
    private final Consumer<String> tell;
    private final FilePicker picker;
    private final Busy busy;
    private boolean exporting;
    private netcanvas.report.CostConvention cost = netcanvas.report.CostConvention.MACS;

    /** The ONNX opset File > Export as ONNX writes (the command line's default). */
    public static final int ONNX_OPSET = OnnxExporter.DEFAULT_OPSET;
    /** The seed of a fresh training run, so that exported initial weights are the ones training starts from. */
    public static final long INITIAL_SEED = 42;

    /** Where an exported ONNX model's weights come from. */
    public sealed interface WeightSource {
    }

    /** The weights the document came with (an imported model's), where they fit. */
    public record Imported() implements WeightSource {
    }

    /** The initial weights a fresh training run starts from, with the imported weights that still fit in place. */
    public record Initial() implements WeightSource {
    }

    /** A checkpoint of a training run: the run folder or one of its best/ or last/ folders. */
    public record Trained(Path checkpoint) implements WeightSource {
    }

    /** The folder of the last export, where the next starts when the network has no file. */
    private Path lastFolder;
    private int pngScale = 1;

    public Exports(Supplier<Window> owner, Document doc, Consumer<String> tell, FilePicker picker, Busy busy) {
        this.picker = picker;
        this.busy = busy;
        this.owner = owner;
        this.doc = doc;
        this.tell = tell;
    }

    /** Summaries are exported in this convention (View › Cost Convention), which they name. */
    public void setCost(netcanvas.report.CostConvention c) {
        cost = c;
    }


    /**
     * File > Export Canvas as PNG: asks the scale (1x as on screen at 100 %, 2x or 4x for slides and print; the
     * last choice is offered first), then where to write.
     *
     * @param picture draws the canvas at a scale; throws IllegalArgumentException when that picture is too large
     */
    public void png(java.util.function.DoubleFunction<Image> picture) {
        Integer scale = PngScale.ask(owner.get(), pngScale);
        if (scale == null) {
            return;
        }
        pngScale = scale;
        Path p = target("Export canvas as PNG", ".png", "PNG image");
        if (p != null) {
            try {
                PngWriter.write(picture.apply(scale), p);
                tell.accept("Exported " + p.getFileName() + " at " + scale + "x");
            } catch (IllegalArgumentException e) {
                tell.accept("Not exported: " + p.getFileName());
                Dialogs.error(owner.get(), "Cannot export at " + scale + "x", e.getMessage());
            } catch (IOException e) {
                failed(p, e);
            }
        }
    }

    /** The PNG scale offered first (the last one chosen). */
    public int pngScale() {
        return pngScale;
    }

    public void setPngScale(int scale) {
        pngScale = PngScale.CHOICES.contains(scale) ? scale : 1;
    }

    public void svg(Supplier<String> svg) {
        Path p = target("Export canvas as SVG", ".svg", "SVG image");
        if (p != null) {
            writeText(p, svg.get());
        }
    }

    public void csv() {
        Path p = target("Export summary as CSV", ".csv", "CSV");
        if (p != null) {
            writeSummary(p, ReportFormat.CSV);
        }
    }

    public void markdown() {
        Path p = target("Export summary as Markdown", ".md", "Markdown");
        if (p != null) {
            writeSummary(p, ReportFormat.MARKDOWN);
        }
    }

    /**
     * File > Export as PyTorch: refuses at once, listing the errors, when the network has any (before asking where
     * to write); otherwise asks for the .py file and writes it with the default training recipe.
     */
    public void pytorch() {
        if (pytorchCode(doc.network().name() + ".py") != null) {
            Path p = target("Export as PyTorch code", ".py", "Python");
            if (p != null) {
                writePyTorch(p);
            }
        }
    }

    /** Writes the network as one runnable PyTorch file; false (after showing why) when it has errors or cannot. */
    public boolean writePyTorch(Path p) {
        String code = pytorchCode(p.getFileName().toString());
        return code != null && writeText(p, code);
    }

    /** The exported file, or null after showing the user the analysis errors that prevent it. */
    private String pytorchCode(String scriptName) {
        try {
            return PyTorchExporter.export(doc.analysis(), ExportRecipe.defaults(), scriptName);
        } catch (ExportException e) {
            int n = e.errors().size();
            tell.accept("Not exported: the network has " + n + (n == 1 ? " error" : " errors"));
            Dialogs.error(owner.get(), "Cannot export as PyTorch", e.getMessage());
            return null;
        }
    }

    /**
     * File > Export as ONNX: refuses with a dialog listing the errors when the network has any; otherwise asks which
     * weights to write where the document has none that fit (initial, or a training run's), then where to write,
     * and writes in the background.
     *
     * @return completes on the FX thread: true once the file is written
     */
    public CompletableFuture<Boolean> onnx() {
        if (!refuseErrors("ONNX")) {
            return CompletableFuture.completedFuture(false);
        }
        WeightSource source;
        if (doc.weightsFit()) {
            source = new Imported();
        } else {
            Optional<WeightSource> chosen = askWeights();
            if (chosen.isEmpty()) {
                return CompletableFuture.completedFuture(false);
            }
            source = chosen.get();
        }
        Path open = doc.file();
        Path p = picker.save(owner.get(), FilePicker.Request.of("Export as ONNX", "ONNX models (*.onnx)", "*.onnx")
                .suggesting(doc.network().name() + ".onnx")
                .startingIn(open == null ? lastFolder : open.toAbsolutePath().getParent()));
        if (p != null) {
            lastFolder = p.toAbsolutePath().getParent();
        }
        return p == null ? CompletableFuture.completedFuture(false) : writeOnnx(p, source);
    }

    /**
     * Writes the open network as an ONNX model (opset {@value #ONNX_OPSET}) with these weights, in the background.
     * Errors in the network, weights that do not fit and failed writes are shown in a dialog.
     *
     * @return completes on the FX thread: true once the file is written
     */
    public CompletableFuture<Boolean> writeOnnx(Path p, WeightSource source) {
        if (exporting) {
            tell.accept("Still exporting: wait for it to finish");
            return CompletableFuture.completedFuture(false);
        }
        if (!refuseErrors("ONNX")) {
            return CompletableFuture.completedFuture(false);
        }
        Analysis analysis = doc.analysis();
        WeightSet fitting = doc.weights();
        exporting = true;
        busy.start("Exporting " + p.getFileName() + "\u2026");
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Busy.offFxThread("netcanvas-onnx-export", () -> {
            // the training classes (and ND4J with them) load here only, off the FX thread
            netcanvas.train.NativeSetup.await();
            String origin;
            WeightSet values;
            if (source instanceof Trained t) {
                netcanvas.train.Checkpoint ck = netcanvas.train.Checkpoint.load(t.checkpoint());
                values = netcanvas.train.TorchLayout.toWeightSet(analysis.network(), ck.arrays());
                origin = "trained weights from " + t.checkpoint().getFileName() + " (epoch " + ck.epoch() + ")";
            } else if (source instanceof Imported && !fitting.isEmpty()) {
                values = fitting;
                origin = "the imported weights";
            } else {
                WeightSet initial = netcanvas.train.TorchLayout.initial(analysis.network(), INITIAL_SEED);
                if (fitting.isEmpty()) {
                    values = initial;
                    origin = "initial weights (seed " + INITIAL_SEED + ")";
                } else {
                    Map<String, Tensor> merged = new LinkedHashMap<>(initial.asMap());
                    merged.putAll(fitting.asMap());
                    values = new WeightSet(merged);
                    origin = fitting.size() + " imported tensors and " + (WeightShapes.of(analysis).size()
                            - fitting.size()) + " initial ones (seed " + INITIAL_SEED + ")";
                }
            }
            String mismatch = WeightShapes.mismatch(analysis, values);
            if (mismatch != null) {
                throw new OnnxExporter.OnnxExportException(mismatch);
            }
            AtomicFiles.write(p, OnnxExporter.export(analysis, values, ONNX_OPSET));
            return origin;
        }).whenComplete((origin, failure) -> Platform.runLater(() -> {
            busy.stop();
            exporting = false;
            if (failure == null) {
                tell.accept("Exported " + p.getFileName() + " with " + origin + " (ONNX opset " + ONNX_OPSET + ")");
                done.complete(true);
                return;
            }
            Throwable e = Busy.cause(failure);
            if (e instanceof IOException io) {
                failed(p, io);
            } else {
                String why = e instanceof OnnxExporter.OnnxExportException || e instanceof netcanvas.train
                        .TrainingException ? e.getMessage() : e.toString();
                tell.accept("Not exported: " + p.getFileName());
                Dialogs.error(owner.get(), "Cannot export as ONNX", why);
            }
            done.complete(false);
        }));
        return done;
    }

    /** Which weights to write, for a design without weights that fit; empty when the user cancels. */
    private Optional<WeightSource> askWeights() {
        ButtonType initial = new ButtonType("Initial weights", ButtonBar.ButtonData.YES);
        ButtonType trained = new ButtonType("Use trained weights\u2026", ButtonBar.ButtonData.OTHER);
        int kept = doc.weights().size();
        String text = doc.hasImportedWeights()
                ? "The network no longer matches the imported model's weights everywhere (" + kept + " of "
                        + WeightShapes.of(doc.analysis()).size() + " tensors still fit). Write the initial weights"
                        + " a fresh training run starts from (seed " + INITIAL_SEED + ") where they no longer fit,"
                        + " or the weights of a training run?"
                : "This design has no weights yet. Write the initial weights a fresh training run starts from (seed "
                        + INITIAL_SEED + "), or the weights of a training run?";
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, initial, trained, ButtonType.CANCEL);
        a.initOwner(owner.get());
        a.setTitle("Export as ONNX");
        a.setHeaderText("Which weights should the ONNX model hold?");
        a.getDialogPane().setId("onnx-weights");
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == initial) {
            return Optional.of(new Initial());
        }
        if (answer != trained) {
            return Optional.empty();
        }
        Path runs = AppHome.dir().resolve("runs");
        Path dir = picker.folder(owner.get(), FilePicker.Request.of("Choose a training run or checkpoint folder",
                "Folder").startingIn(Files.isDirectory(runs) ? runs : null));
        return dir == null ? Optional.empty() : Optional.of(new Trained(dir));
    }

    /** True when the network has no errors; otherwise a dialog names them and the status bar counts them. */
    private boolean refuseErrors(String format) {
        List<Diagnostic> errors = doc.analysis().diagnostics().stream().filter(Diagnostic::isError).toList();
        if (errors.isEmpty()) {
            return true;
        }
        int n = errors.size();
        tell.accept("Not exported: the network has " + n + (n == 1 ? " error" : " errors"));
        Dialogs.error(owner.get(), "Cannot export as " + format,
                new ExportException(doc.network().name(), errors).getMessage());
        return false;
    }

    /** Writes the summary table in a text format; false (after telling the user) when it cannot be written. */
    public boolean writeSummary(Path p, ReportFormat format) {
        return writeText(p, SummaryReport.of(doc.analysis()).withCost(cost).render(format));
    }

    /** Where to write an export: the dialog starts in the network file's folder, else in the last export's. */
    private Path target(String title, String ext, String what) {
        Path p = picker.save(owner.get(), FilePicker.Request.of(title, what, "*" + ext)
                .suggesting(doc.network().name() + ext).startingIn(exportFolder()));
        if (p != null) {
            lastFolder = p.toAbsolutePath().getParent();
        }
        return p;
    }

    private Path exportFolder() {
        return doc.file() != null ? doc.file().toAbsolutePath().getParent() : lastFolder;
    }

    private boolean writeText(Path p, String text) {
        try {
            AtomicFiles.writeString(p, text);
            tell.accept("Exported " + p.getFileName());
            return true;
        } catch (IOException e) {
            failed(p, e);
            return false;
        }
    }

    private void failed(Path p, IOException e) {
        Dialogs.error(owner.get(), "Cannot write " + p, e.getMessage() + "\nChoose another folder or free some space.");
        tell.accept("Cannot write " + p.getFileName());
    }
}
