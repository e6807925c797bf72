package netcanvas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.Diagnostic;
import netcanvas.canvas.AutoLayout;
import netcanvas.graph.Network;
import netcanvas.io.AtomicFiles;
import netcanvas.io.NetworkJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code import model.onnx -o net.json}: writes an ONNX model as a NetCanvas network file, laid out as the app lays
 * out a design. Operators with no NetCanvas layer are listed; the rest of the network is still written.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Converts an ONNX model (.onnx) to a NetCanvas network file (.json), laid out for the canvas.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            ExitCodes.OK + ":written; every operator was imported",
            ExitCodes.INVALID_NETWORK + ":written, but some operators have no NetCanvas layer or the network has"
                    + " errors (listed)",
            ExitCodes.UNREADABLE + ":the model cannot be read, or an option is wrong",
            ExitCodes.INTERNAL + ":internal error"})
public final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model.onnx>", description = "the ONNX model to import")
    String source;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the .json file to write")
    Path output;

    @Option(names = "--input", paramLabel = "C,H,W", converter = InputShape.Converter.class,
            description = "the input size, for a model whose size is symbolic (e.g. 3,224,224)")
    InputShape input;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!netcanvas.onnx.OnnxImporter.isOnnxFile(source)) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "import reads ONNX models (.onnx); '" + source
                    + "' is not one (NetCanvas files and presets open directly)");
        }
        if (Files.isDirectory(output)) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "-o " + output + " is a folder: give a .json file name");
        }
        NetworkArguments.Opened opened = NetworkArguments.open(source, input);
        Network network = AutoLayout.apply(opened.network());
        try {
            AtomicFiles.writeString(output, NetworkJson.write(network));
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "cannot write " + output + ": " + e.getMessage());
        }
        Analysis a = Analyzer.analyze(network);
        out.printf(Locale.ROOT, "wrote %s (%s: %,d layers, %,d parameters, %,d MACs)%n", output, network.name(),
                network.nodes().size(), a.totals().params(), a.totals().macs());
        out.println("the weights are not part of the .json file: keep " + source + " to run or export them");
        out.flush();
        boolean bad = !opened.problems().isEmpty() || a.hasErrors();
        for (Diagnostic d : opened.problems()) {
            err.println("import: " + d);
        }
        for (Diagnostic d : a.diagnostics()) {
            err.println("import: " + d);
        }
        err.flush();
        return bad ? ExitCodes.INVALID_NETWORK : ExitCodes.OK;
    }
}
