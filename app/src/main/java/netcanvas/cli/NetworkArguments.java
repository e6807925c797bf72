package netcanvas.cli;

import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.Diagnostic;
import netcanvas.graph.Input;
import netcanvas.graph.Network;
import netcanvas.io.NetworkFormatException;
import netcanvas.presets.Presets;

/**
 * What commands share about the network they are given: reading a file or preset, resizing its input, and refusing
 * an invalid design. Failures are {@link CommandFailure}s with the message the user sees.
 */
public final class NetworkArguments {
    /** The argument's label in usage text. */
    public static final String LABEL = "<file.json|preset>";

    private NetworkArguments() {
    }

    /** Reads a network file, or the preset of that name when no such file exists. */
    public static Network load(String source) {
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
        Analysis analysis = Analyzer.analyze(network);
        if (!analysis.hasErrors()) {
            return analysis;
        }
        List<Diagnostic> sorted = new ArrayList<>(analysis.diagnostics());
        sorted.sort((a, b) -> Boolean.compare(b.isError(), a.isError()));
        StringBuilder s = new StringBuilder(source).append(" is not a valid network:");
        for (Diagnostic d : sorted) {
            s.append("\n  ").append(d);
        }
        s.append("\nFix the errors in the file, or open it in the NetCanvas app to see them on the canvas.");
        throw new CommandFailure(ExitCodes.INVALID_NETWORK, s.toString());
    }

    /** The preset names, for picocli's ${COMPLETION-CANDIDATES} in help text and shell completion. */
    public static final class PresetNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Presets.NAMES.iterator();
        }
    }
}
