package netcanvas.cli;

import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.Diagnostic;
import netcanvas.graph.Network;
import netcanvas.io.NetworkFormatException;
import netcanvas.presets.Presets;

/** Resolves a command's network argument (a file or a preset name) and insists that it analyses cleanly. */
final class NetworkArg {
    private NetworkArg() {
    }

    /** A usage problem the command reports as one line, exit status 1. */
    static final class Problem extends Exception {
        Problem(String message) {
            super(message);
        }
    }

    static Network load(String fileOrPreset) throws Problem {
        Network net;
        try {
            net = Presets.resolve(fileOrPreset);
        } catch (NetworkFormatException e) {
            throw new Problem(e.getMessage());
        }
        Analysis a = Analyzer.analyze(net);
        if (a.hasErrors()) {
            StringBuilder s = new StringBuilder(fileOrPreset + " has errors:");
            for (Diagnostic d : a.diagnostics()) {
                if (d.isError()) {
                    s.append("\n  ").append(d.node()).append(": ").append(d.message());
                }
            }
            throw new Problem(s.toString());
        }
        return net;
    }
}
