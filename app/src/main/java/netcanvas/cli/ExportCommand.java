package netcanvas.cli;

import netcanvas.export.TorchWeightsFile;
import netcanvas.onnx.OnnxExporter;
import netcanvas.onnx.OnnxImporter;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.export.ExportException;
import netcanvas.export.ExportRecipe;
import netcanvas.export.PyTorchExporter;
import netcanvas.report.ReportFormat;
import netcanvas.report.SummaryReport;
import netcanvas.graph.Network;
import netcanvas.io.AtomicFiles;
import netcanvas.io.NetworkFormatException;
import netcanvas.presets.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export <file|preset> --to pytorch -o model.py [--weights CHECKPOINT_DIR] [--with-summary] [recipe options]}:
 * writes the network as one runnable PyTorch file, with --weights (or for an .onnx model, its own weights) the
 * weights beside it (model.weights, read by the script's load()), and with --with-summary the analysis's per-layer
 * JSON beside it (model.summary.json).
 * Exit codes: 0 written, 1 the network cannot be read or exported (the message says why), 2 bad options (among
 * them an output that is the design itself, a folder, a FIFO or device other than a character device, or read-only).
 */
@Command(name = "export", mixinStandardHelpOptions = true, defaultValueProvider = ExportCommand.Defaults.class,
        description = "Writes a network as runnable PyTorch code (an nn.Module, load() with the trained weights "
                + "written beside it, and a main that prints shapes and trains, also under torchrun).")
public final class ExportCommand implements Callable<Integer> {

    /** The script's recipe: ExportRecipe.defaults(). */
    static final class Defaults extends CommandDefaults {
        Defaults() {
            super(java.util.Map.of("--optimizer", ExportRecipe.defaults().optimizer().spelling(),
                    "--lr", Double.toString(ExportRecipe.defaults().lr()),
                    "--schedule", ExportRecipe.defaults().schedule().spelling(),
                    "--batch", Integer.toString(ExportRecipe.defaults().batch()),
                    "--epochs", Integer.toString(ExportRecipe.defaults().epochs())));
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkSource networkSource;

    @Option(names = "--to", defaultValue = "pytorch", paramLabel = "FORMAT",
            description = "what to write: pytorch (default), onnx (the model with its weights), png or svg (the"
                    + " canvas picture, as the app exports it)")
    String to;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the file to write")
    Path output;

    @Option(names = "--weights", paramLabel = "CHECKPOINT_DIR",
            description = "the trained weights (a checkpoint folder of train, or a run folder: its best/, else"
                    + " last/). With --to pytorch they are written beside FILE (model.py -> model.weights) for the"
                    + " script's load(); without it, an .onnx model's own weights are, and other designs get none."
                    + " With --to onnx: without it, an .onnx model's own weights, else the initial weights a fresh"
                    + " training run starts from")
    Path weights;

    @Option(names = "--opset", paramLabel = "N", defaultValue = "13",
            description = "with --to onnx: the ONNX opset to write, 11-17 (default: ${DEFAULT-VALUE})")
    int opset;

    @Option(names = "--with-summary",
            description = "also write the per-layer analysis as JSON beside it (FILE without .py + .summary.json)")
    boolean withSummary;

    @Mixin
    RecipeOptions recipeOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String format = to.toLowerCase(Locale.ROOT);
        OutputPaths.check(spec, "-o", output, networkSource.name());
        if (withSummary && format.equals("pytorch")) {
            OutputPaths.check(spec, "--with-summary", summaryPath(output.toAbsolutePath()), networkSource.name());
        }
        if (format.equals("png") || format.equals("svg")) {
            return picture(format, out, err);
        }
        if (format.equals("onnx")) {
            return onnx(out, err);
        }
        if (!format.equals("pytorch")) {
            err.println("export: unknown format '" + to + "': use --to pytorch, onnx, png or svg");
            return 2;
        }
        ExportRecipe recipe;
        try {
            recipe = ExportRecipe.parse(recipeOptions.optimizer, recipeOptions.lr, recipeOptions.schedule,
                    recipeOptions.batch, recipeOptions.epochs);
        } catch (IllegalArgumentException e) {
            err.println("export: " + e.getMessage());
            return 2;
        }
        Path file = output.toAbsolutePath();
        Path weightsFile = TorchWeightsFile.beside(file);
        if (weights != null || OnnxImporter.isOnnxFile(networkSource.name())) {
            OutputPaths.check(spec, "the weights file beside -o,", weightsFile, networkSource.name());
        }
        try {
            NetworkArguments.Opened opened = NetworkArguments.open(networkSource.name(), null);
            Network network = opened.network();
            // A design with errors is the exporter's to refuse (it lists them); an ONNX import's problems are here.
            Analysis analysis = opened.problems().isEmpty() ? Analyzer.analyze(network)
                    : NetworkArguments.analyzeValid(network, networkSource.name(), opened.problems());
            WeightSet values = analysis.hasErrors() ? WeightSet.EMPTY : opened.weights();
            String origin = "the weights imported from " + networkSource.name();
            if (weights != null && !analysis.hasErrors()) {
                netcanvas.train.Checkpoint ck = netcanvas.train.Checkpoint.load(weights);
                values = netcanvas.train.TorchLayout.toWeightSet(network, ck.arrays());
                origin = "trained weights from " + ck.describe(netcanvas.train.Checkpoint.locate(weights));
            }
            if (!values.isEmpty()) {
                String mismatch = WeightShapes.mismatch(analysis, values);
                if (mismatch != null) {
                    err.println("export: " + mismatch);
                    return 1;
                }
            }
            String code = PyTorchExporter.export(analysis, recipe, file.getFileName().toString(),
                    values.isEmpty() ? null : weightsFile.getFileName().toString());
            if (!values.isEmpty()) {
                byte[] bytes;
                try {
                    bytes = TorchWeightsFile.write(analysis, values);
                } catch (IllegalArgumentException e) {
                    err.println("export: " + e.getMessage());
                    return 1;
                }
                AtomicFiles.write(weightsFile, bytes);
            }
            AtomicFiles.writeString(file, code);
            out.println("wrote " + output + " (" + network.name() + ", "
                    + netcanvas.report.Units.countTotal(analysis.totals().trainableParams()) + " parameters)");
            if (values.isEmpty()) {
                out.println("no weights: load() in " + file.getFileName() + " gives a freshly initialised network"
                        + " (--weights CHECKPOINT_DIR exports trained ones)");
            } else {
                out.println("wrote " + output.resolveSibling(weightsFile.getFileName()) + " ("
                        + String.format(Locale.ROOT, "%,d", WeightShapes.of(analysis).size()) + " tensors, "
                        + origin + "; load() in " + file.getFileName() + " reads it)");
            }
            if (withSummary) {
                Path summary = summaryPath(file);
                AtomicFiles.writeString(summary, SummaryReport.of(analysis).render(ReportFormat.JSON));
                out.println("wrote " + summary);
            }
            return 0;
        } catch (ExportException | netcanvas.train.TrainingException e) {
            err.println("export: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("export: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * The network as an ONNX model with its weights. The training classes (and with them ND4J) load only here, and
     * only to read a checkpoint or to make the initial weights.
     */
    private int onnx(PrintWriter out, PrintWriter err) {
        if (opset < OnnxExporter.MIN_OPSET || opset > OnnxExporter.MAX_OPSET) {
            err.println("export: --opset " + opset + " is out of range: NetCanvas writes opsets "
                    + OnnxExporter.MIN_OPSET + "-" + OnnxExporter.MAX_OPSET);
            return 2;
        }
        NetworkArguments.Opened opened = NetworkArguments.open(networkSource.name(), null);
        Network network = opened.network();
        Analysis analysis = NetworkArguments.analyzeValid(network, networkSource.name(), opened.problems());
        WeightSet values = opened.weights();
        String origin;
        try {
            if (weights != null && !analysis.hasErrors()) {
                netcanvas.train.Checkpoint ck = netcanvas.train.Checkpoint.load(weights);
                values = netcanvas.train.TorchLayout.toWeightSet(network, ck.arrays());
                origin = "trained weights from " + weights + " (epoch " + ck.epoch() + ")";
            } else if (values.isEmpty()) {
                values = netcanvas.train.TorchLayout.initial(network, INITIAL_SEED);
                origin = "initial weights (seed " + INITIAL_SEED + ", as a fresh training run starts)";
            } else {
                origin = "the weights imported from " + networkSource.name();
            }
            String mismatch = WeightShapes.mismatch(analysis, values);
            if (mismatch != null) {
                err.println("export: " + mismatch);
                return 1;
            }
            byte[] bytes = OnnxExporter.export(analysis, values, opset);
            AtomicFiles.write(output.toAbsolutePath(), bytes);
            out.println("wrote " + output + " (" + network.name() + ", ONNX opset " + opset + ", "
                    + String.format(Locale.ROOT, "%,d", analysis.totals().trainableParams()) + " parameters, "
                    + origin + "; input '" + inputName(network) + "' [N, C, H, W], output '" + OnnxExporter.LOGITS
                    + "': class scores before softmax)");
            return 0;
        } catch (netcanvas.train.TrainingException e) {
            err.println("export: " + e.getMessage());
            return ExitCodes.UNREADABLE; // --weights names a checkpoint that cannot be used
        } catch (OnnxExporter.OnnxExportException e) {
            err.println("export: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("export: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
    }

    /** The seed of train's default, so that exported initial weights are the ones a default run starts from. */
    private static final long INITIAL_SEED = 42;

    private static String inputName(Network network) {
        return network.nodes().stream().filter(n -> n.spec() instanceof netcanvas.graph.Input).map(n -> n.id())
                .findFirst().orElse("input");
    }

    /**
     * The canvas picture, drawn by the app's canvas on headless JavaFX. HeadlessPicture is named only here, inside
     * call(), so registering this command (and running any other) loads no JavaFX class.
     */
    private int picture(String format, PrintWriter out, PrintWriter err) {
        try {
            Network network = Presets.resolve(networkSource.name());
            var written = netcanvas.files.HeadlessPicture.write(network, format, output.toAbsolutePath());
            out.println("wrote " + output + " (" + network.name() + ", " + network.nodes().size() + " nodes, "
                    + written.width() + "x" + written.height() + (format.equals("png") ? " pixels)" : ")"));
            return 0;
        } catch (NetworkFormatException e) {
            err.println("export: " + e.getMessage());
            return ExitCodes.UNREADABLE; // as summary and every other command report an unreadable file
        } catch (java.nio.file.InvalidPathException e) {
            err.println("export: " + NetworkArguments.unusablePath(networkSource.name(), e));
            return ExitCodes.UNREADABLE;
        } catch (netcanvas.files.HeadlessPicture.TooLarge e) {
            err.println("export: " + networkSource.name() + ": " + e.getMessage());
            return ExitCodes.UNREADABLE;
        } catch (IOException e) {
            err.println("export: cannot write " + output + ": " + e.getMessage());
            return 1;
        } catch (LinkageError | UnsupportedOperationException e) {
            err.println("export: cannot start the headless canvas renderer (" + e + "); JavaFX and openjfx-monocle "
                    + "must be in app/target/lib");
            return ExitCodes.UNSUPPORTED_MACHINE;
        }
    }

    /** model.py -> model.summary.json beside it. */
    static Path summaryPath(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".py") ? name.substring(0, name.length() - 3) : name;
        return file.resolveSibling(stem + ".summary.json");
    }
}
