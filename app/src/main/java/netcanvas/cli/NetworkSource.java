package netcanvas.cli;

import picocli.CommandLine.Parameters;

/** The network a command reads, its first argument: a design file, an ONNX model or a preset (picocli mixin). */
public final class NetworkSource {
    @Parameters(index = "0", paramLabel = NetworkArguments.LABEL,
            completionCandidates = NetworkArguments.PresetNames.class,
            description = "a NetCanvas network file, an ONNX model (.onnx), or a preset: ${COMPLETION-CANDIDATES}")
    String name;

    /** As typed: a path or a preset name. */
    public String name() {
        return name;
    }
}
