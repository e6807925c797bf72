package netcanvas.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.Optimizer;
import netcanvas.analysis.MachineSpeed;
import netcanvas.graph.Network;
import netcanvas.report.CostConvention;
import netcanvas.report.EstimateReport;
import netcanvas.report.Explainer;
import netcanvas.report.ReportFormat;
import netcanvas.report.SummaryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code netcanvas summary}: a network's layers with output shapes, parameters, multiply-adds, memory and receptive
 * fields, and its totals, as a table, JSON, CSV or Markdown. Headless: it never touches JavaFX or ND4J.
 */
@Command(name = "summary", sortOptions = false,
        description = {"Prints each layer of a network (blocks expanded) with its output shape, parameters, "
                + "multiply-adds (MACs), activation memory and receptive field, then the totals.",
            "An invalid network prints its diagnostics on standard error instead."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            ExitCodes.OK + ":the network is valid (warnings may be printed)",
            ExitCodes.INVALID_NETWORK + ":the network has errors; they are printed",
            ExitCodes.UNREADABLE + ":the file or preset cannot be read, or an option is wrong",
            ExitCodes.INTERNAL + ":internal error"})
public final class SummaryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private NetworkSource networkSource;

    @Option(names = "--input", paramLabel = "C,H,W", converter = InputShape.Converter.class,
            description = "replace the Input layer's shape, e.g. 3,32,32 (or 3x32x32)")
    private InputShape input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            description = "table (default), json, csv or markdown")
    private ReportFormat format;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "batch size for the training-memory line, --memory and --time (default: ${DEFAULT-VALUE})")
    private int batch;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", converter = OptimizerConverter.class,
            description = "optimizer for the training-memory line, --memory and --time: sgd, momentum, nesterov, adam"
                    + " or adamw "
                    + "(default: ${DEFAULT-VALUE})")
    private Optimizer optimizer;

    @Option(names = "--cost", paramLabel = "CONVENTION", defaultValue = "macs", converter = CostConverter.class,
            description = "how to count arithmetic: macs (default: multiply-accumulates), flops (2 x MACs plus bias "
                    + "adds) or lecture (conv as multiply-adds, pooling as C x H' x W' x k x k, activations and "
                    + "batch norm per element); the output names it")
    private CostConvention cost;

    @Option(names = "--memory", description = "print training memory per layer and per stage at --batch with"
            + " --optimizer: weights, gradients, optimizer state, activations kept for the backward pass, their"
            + " gradients, and the peak")
    private boolean memory;

    @Option(names = "--time", description = "print the time of a training step per layer at --batch (roofline"
            + " model plus a fixed time per native call, on this machine's calibration, measured once and kept in"
            + " NetCanvas's home folder), marking the slowest layers, and an epoch's time with --dataset-size")
    private boolean time;

    @Option(names = "--dataset-size", paramLabel = "M", defaultValue = "0",
            description = "images per epoch, for --time's epoch estimate")
    private long datasetSize;

    @Option(names = "--recalibrate", description = "with --time: measure this machine again and keep the result")
    private boolean recalibrate;

    @Option(names = "--explain", paramLabel = "ID",
            description = "print how each figure of this layer or block is computed, with its values substituted")
    private String explain;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "--batch must be at least 1, got " + batch);
        }
        if (datasetSize < 0) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "--dataset-size must be 0 (none) or more, got "
                    + datasetSize);
        }
        if ((memory ? 1 : 0) + (time ? 1 : 0) + (explain != null ? 1 : 0) > 1) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "--memory, --time and --explain are separate reports:"
                    + " give one of them");
        }
        if ((datasetSize > 0 || recalibrate) && !time) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "--dataset-size and --recalibrate go with --time");
        }
        NetworkArguments.Opened opened = NetworkArguments.open(networkSource.name(), input);
        Network network = NetworkArguments.withInput(opened.network(), input);
        Analysis analysis = NetworkArguments.analyzeValid(network, networkSource.name(), opened.problems());
        PrintWriter out = spec.commandLine().getOut();
        if (explain != null) {
            try {
                out.print(Explainer.explain(analysis, explain).render());
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCodes.UNREADABLE, e.getMessage());
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (memory) {
            out.print(EstimateReport.memory(network.name(), analysis.memoryPerLayer(batch, optimizer), optimizer.spelling(),
                    format));
            out.flush();
            return ExitCodes.OK;
        }
        if (time) {
            MachineSpeed speed = MachineCalibration.speed(recalibrate, spec.commandLine().getErr());
            out.print(EstimateReport.time(network.name(), analysis.timePerLayer(batch, optimizer, speed),
                    optimizer.spelling(),
                    datasetSize, format));
            out.flush();
            return ExitCodes.OK;
        }
        out.print(SummaryReport.of(analysis).withTraining(batch, optimizer).withCost(cost).render(format));
        out.flush();
        if (format == ReportFormat.CSV || format == ReportFormat.MARKDOWN) {
            // These formats have no place for warnings; standard error keeps them out of the pasted table.
            PrintWriter err = spec.commandLine().getErr();
            for (Diagnostic d : analysis.diagnostics()) {
                err.println(spec.qualifiedName() + ": " + netcanvas.io.SafeText.of(d.toString()));
            }
            err.flush();
        }
        return ExitCodes.OK;
    }

    static final class FormatConverter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class CostConverter implements ITypeConverter<CostConvention> {
        @Override
        public CostConvention convert(String value) {
            try {
                return CostConvention.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class OptimizerConverter implements ITypeConverter<Optimizer> {
        @Override
        public Optimizer convert(String value) {
            try {
                return Optimizer.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
