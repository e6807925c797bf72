package netcanvas.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import netcanvas.analysis.Analysis;
import netcanvas.compare.Comparer;
import netcanvas.compare.ComparisonReport;
import netcanvas.graph.Network;
import netcanvas.report.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netcanvas compare A B}: two networks aligned stage by stage, block by block and layer by layer, each row
 * marked same, changed, added or removed, with both sides' figures and the totals' differences and ratios.
 */
@Command(name = "compare", sortOptions = false,
        description = {"Aligns two networks (stages, then blocks, then layers) and prints each row with both sides' "
                + "output shape, parameters, MACs and activation memory, marked same (=), changed (~), added in B "
                + "(+) or removed from A (-); then the totals, their differences and ratios."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            ExitCodes.OK + ":both networks are valid",
            ExitCodes.INVALID_NETWORK + ":a network has errors; they are printed",
            ExitCodes.UNREADABLE + ":a file or preset cannot be read, or an option is wrong",
            ExitCodes.INTERNAL + ":internal error"})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", completionCandidates = NetworkArguments.PresetNames.class,
            description = "the first network: a NetCanvas file, an ONNX model (.onnx) or a preset")
    private String sourceA;

    @Parameters(index = "1", paramLabel = "B", completionCandidates = NetworkArguments.PresetNames.class,
            description = "the second network, the same way")
    private String sourceB;

    @Option(names = "--input", paramLabel = "C,H,W", converter = InputShape.Converter.class,
            description = "replace both networks' Input shape, e.g. 3,32,32")
    private InputShape input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            converter = SummaryCommand.FormatConverter.class, description = "table (default), json or markdown")
    private ReportFormat format;

    @Option(names = "--differences-only",
            description = "leave out the rows that are the same in both (table and markdown)")
    private boolean differencesOnly;

    @Option(names = "--depth", paramLabel = "N",
            description = "show rows down to this depth only: 0 the designed nodes (stages), 1 their blocks, and so "
                    + "on (table and markdown; default: all)")
    private Integer depth;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        if (format == ReportFormat.CSV) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "compare writes table, json or markdown, not csv");
        }
        if (depth != null && depth < 0) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "--depth must be 0 or more, got " + depth);
        }
        Analysis a = open(sourceA);
        Analysis b = open(sourceB);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ComparisonReport.render(Comparer.compare(a, b), format, differencesOnly,
                depth == null ? Integer.MAX_VALUE : depth));
        out.flush();
        return ExitCodes.OK;
    }

    private Analysis open(String source) {
        NetworkArguments.Opened opened = NetworkArguments.open(source, input);
        Network network = NetworkArguments.withInput(opened.network(), input);
        return NetworkArguments.analyzeValid(network, source, opened.problems());
    }
}
