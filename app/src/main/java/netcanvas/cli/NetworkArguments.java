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
import netcanvas.io.SafeText;
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
                throw new CommandFailure(ExitCodes.UNREADABLE, unusablePath(source, e));
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
            throw new CommandFailure(ExitCodes.UNREADABLE, unusablePath(source, e) + "; and it is not a preset: "
                    + "presets are " + String.join(", ", Presets.NAMES));
        }
    }

    /**
     * Why a path cannot be used. Under the C/POSIX locale (LC_ALL=C) Java decodes arguments and file names as ASCII:
     * a non-ASCII character arrives as U+FFFD and no file name can hold it, so the message says to use a UTF-8
     * locale instead of naming Java's exception.
     */
    public static String unusablePath(String path, InvalidPathException e) {
        String encoding = System.getProperty("sun.jnu.encoding", "");
        boolean ascii = !java.nio.charset.Charset.isSupported(encoding)
                || !java.nio.charset.Charset.forName(encoding).newEncoder().canEncode('\u00e9');
        if (ascii || path.indexOf('\ufffd') >= 0) {
            return "'" + path + "' is not a usable file path: this Java reads file names as " + encoding
                    + " (the C or POSIX locale, e.g. LC_ALL=C), where a name with non-ASCII characters cannot be "
                    + "given; run it under a UTF-8 locale (e.g. LC_ALL=C.UTF-8) or rename the file";
        }
        return "'" + path + "' is not a usable file path (" + e.getReason() + ")";
    }

    /** picocli's converter for Path options, with {@link #unusablePath}'s message instead of Java's. */
    public static final class PathConverter implements picocli.CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new picocli.CommandLine.TypeConversionException(unusablePath(value, e));
            }
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
        StringBuilder s = new StringBuilder(SafeText.of(source)).append(" is not a valid network:");
        for (Diagnostic d : importProblems) {
            s.append("\n  ").append(SafeText.of(d.toString()));
        }
        for (Diagnostic d : sorted) {
            s.append("\n  ").append(SafeText.of(d.toString()));
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
