package netcanvas.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.image.Image;
import javafx.stage.Window;
import netcanvas.commands.Document;
import netcanvas.export.ExportException;
import netcanvas.export.ExportRecipe;
import netcanvas.export.PyTorchExporter;
import netcanvas.io.AtomicFiles;
import netcanvas.report.ReportFormat;
import netcanvas.report.SummaryReport;

/**
 * Export: the canvas as PNG or SVG, the summary as CSV or Markdown (the command line's report, so both agree), the
 * network as PyTorch code (the command line's exporter).
 */
public final class Exports {
    private final Supplier<Window> owner;
    private final Document doc;
    private final Consumer<String> tell;
    private final FilePicker picker;

    public Exports(Supplier<Window> owner, Document doc, Consumer<String> tell, FilePicker picker) {
        this.picker = picker;
        this.owner = owner;
        this.doc = doc;
        this.tell = tell;
    }

    public void png(Supplier<Image> picture) {
        Path p = target("Export canvas as PNG", ".png", "PNG image");
        if (p != null) {
            try {
                PngWriter.write(picture.get(), p);
                tell.accept("Exported " + p.getFileName());
            } catch (IOException e) {
                failed(p, e);
            }
        }
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

    /** Writes the summary table in a text format; false (after telling the user) when it cannot be written. */
    public boolean writeSummary(Path p, ReportFormat format) {
        return writeText(p, SummaryReport.of(doc.analysis()).render(format));
    }

    private Path target(String title, String ext, String what) {
        return picker.save(owner.get(), FilePicker.Request.of(title, what, "*" + ext)
                .suggesting(doc.network().name() + ext));
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
