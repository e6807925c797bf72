package netcanvas.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.Diagnostic;
import netcanvas.graph.Input;
import netcanvas.graph.Network;
import netcanvas.io.NetworkFormatException;
import netcanvas.onnx.OnnxImporter;
import netcanvas.presets.Presets;
import netcanvas.weights.WeightSet;

/**
 * What commands share about the network they are given: reading a file or preset, resizing its input, and refusing
 * an invalid design. Failures are {@link CommandFailure}s with the message the user sees.
 */
public final class NetworkArguments {
    /** The argument's label in usage text. */
    public static final String LABEL = "<file.json|file.onnx|preset>";

    private NetworkArguments() {
    }

    /** A network as opened: an ONNX model also brings its weights and the operators it could not import. */
    public record Opened(Network network, WeightSet weights, List<Diagnostic> problems) {
    }

    /**
     * Opens a network file (NetCanvas JSON or ONNX) or preset. An ONNX model whose input size is symbolic takes
     * {@code input}; for other files the input is applied by {@link #withInput}.
     */
    public static Opened open(String source, InputShape input) {
        if (OnnxImporter.isOnnxFile(source)) {
            try {
                Input in = input == null ? null : new Input(input.channels(), input.height(), input.width());
                OnnxImporter.Imported im = OnnxImporter.read(Path.of(source), in);
                return new Opened(im.network(), im.weights(), im.problems());
            } catch (NetworkFormatException e) {
                throw new CommandFailure(ExitCodes.UNREADABLE, e.getMessage());
            } catch (InvalidPathException e) {
                throw new CommandFailure(ExitCodes.UNREADABLE, "'" + source + "' is not a usable file path ("
                        + e.getReason() + ")");
            }
        }
        return new Opened(load(source), WeightSet.EMPTY, List.of());
    }

    /**
     * Reads a network file, or the preset of that name when no such file exists. An ONNX model that did not import
     * whole is refused with its problems.
     */
    public static Network load(String source) {
        if (OnnxImporter.isOnnxFile(source)) {
            Opened o = open(source, null);
            if (!o.problems().isEmpty()) {
                throw new CommandFailure(ExitCodes.INVALID_NETWORK, problems(source, o.problems(), List.of()));
            }
            return o.network();
        }
        try {
            return Presets.resolve(source);
        } catch (NetworkFormatException e) {
            throw new CommandFailure(ExitCodes.UNREADABLE, e.getMessage());
        } catch (InvalidPathException e) {
            throw new CommandFailure(ExitCodes.UNREADABLE, "'" + source + "' is not a usable file path ("
                    + e.getReason() + ") and not a preset; presets are " + String.join(", ", Presets.NAMES));
        }
    }

    /** The network with every Input layer set to this shape; a network without one is left for analysis to flag. */
    public static Network withInput(Network network, InputShape shape) {
        if (shape == null) {
            return network;
        }
        Input resized = new Input(shape.channels(), shape.height(), shape.width());
        return network.map(n -> n.spec() instanceof Input ? n.withSpec(resized) : n);
    }

    /**
     * Analyses the network; when it has errors, fails with every diagnostic listed, errors first.
     */
    public static Analysis analyzeValid(Network network, String source) {
        return analyzeValid(network, source, List.of());
    }

    /**
     * Analyses the network; when it has errors, or its import found problems, fails with every one listed (import
     * problems first, then errors, then warnings).
     */
    public static Analysis analyzeValid(Network network, String source, List<Diagnostic> importProblems) {
        Analysis analysis = Analyzer.analyze(network);
        if (!analysis.hasErrors() && importProblems.isEmpty()) {
            return analysis;
        }
        throw new CommandFailure(ExitCodes.INVALID_NETWORK, problems(source, importProblems,
                analysis.diagnostics()));
    }

    private static String problems(String source, List<Diagnostic> importProblems, List<Diagnostic> diagnostics) {
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        sorted.sort((a, b) -> Boolean.compare(b.isError(), a.isError()));
        StringBuilder s = new StringBuilder(source).append(" is not a valid network:");
        for (Diagnostic d : importProblems) {
            s.append("\n  ").append(d);
        }
        for (Diagnostic d : sorted) {
            s.append("\n  ").append(d);
        }
        s.append(importProblems.isEmpty()
                ? "\nFix the errors in the file, or open it in the NetCanvas app to see them on the canvas."
                : "\nThe operators listed have no NetCanvas layer: change them in the source model and export again,"
                        + " or import the rest (netcanvas import) and redraw them in the app.");
        return s.toString();
    }

    /** The preset names, for picocli's ${COMPLETION-CANDIDATES} in help text and shell completion. */
    public static final class PresetNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Presets.NAMES.iterator();
        }
    }
}
