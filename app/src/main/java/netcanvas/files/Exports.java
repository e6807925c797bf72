package netcanvas.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.image.Image;
import javafx.stage.Window;
import netcanvas.commands.Document;
import netcanvas.io.AtomicFiles;
import netcanvas.report.ReportFormat;
import netcanvas.report.SummaryReport;

/** Export: the canvas as PNG or SVG, the summary as CSV or Markdown (the command line's report, so both agree). */
public final class Exports {
    private final Supplier<Window> owner;
    private final Document doc;
    private final Consumer<String> tell;

    public Exports(Supplier<Window> owner, Document doc, Consumer<String> tell) {
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

    /** Writes the summary table in a text format; false (after telling the user) when it cannot be written. */
    public boolean writeSummary(Path p, ReportFormat format) {
        return writeText(p, SummaryReport.of(doc.analysis()).render(format));
    }

    private Path target(String title, String ext, String what) {
        return Dialogs.saveTarget(owner.get(), title, doc.network().name() + ext, what, "*" + ext);
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
