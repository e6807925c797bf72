package netcanvas.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import netcanvas.io.NetworkFormatException;
import netcanvas.report.CostConvention;
import netcanvas.report.ReportFormat;
import netcanvas.report.ZooReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netcanvas zoo}: every preset with its family, parameters, arithmetic and published ImageNet top-1 accuracy
 * (the table behind the app's zoo chart). Headless.
 */
@Command(name = "zoo", sortOptions = false,
        description = {"Prints every preset: family, parameters, billions of MACs (or of the chosen cost "
                + "convention), published ImageNet top-1 accuracy and where that figure comes from."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            ExitCodes.OK + ":printed",
            ExitCodes.UNREADABLE + ":an option is wrong, or a preset is missing from this build",
            ExitCodes.INTERNAL + ":internal error"})
public final class ZooCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            converter = SummaryCommand.FormatConverter.class, description = "table (default), csv, markdown or json")
    private ReportFormat format;

    @Option(names = "--cost", paramLabel = "CONVENTION", defaultValue = "macs",
            converter = SummaryCommand.CostConverter.class,
            description = "how to count arithmetic: macs (default), flops or lecture; the output names it")
    private CostConvention cost;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        ZooReport zoo;
        try {
            zoo = ZooReport.of(cost);
        } catch (NetworkFormatException e) {
            throw new CommandFailure(ExitCodes.UNREADABLE, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(zoo.render(format));
        out.flush();
        return ExitCodes.OK;
    }
}
