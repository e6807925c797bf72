package netcanvas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import netcanvas.analysis.Analysis;
import netcanvas.weights.WeightSet;

/**
 * PyTorch running NetCanvas's export of a network with its weights file: the script and weights written to a folder,
 * a batch of random inputs, and a Python check that loads the exported module, runs the batch under no_grad and prints
 * JSON. The tests that compare PyTorch's logits with NetCanvas's inference share it.
 */
final class TorchLogits {
    /** The check's opening lines: a module(path, name) function that loads an exported script. */
    static final List<String> LOADER = List.of(
            "import importlib.util, json, sys, torch",
            "def module(path, name):",
            "    spec = importlib.util.spec_from_file_location(name, path)",
            "    m = importlib.util.module_from_spec(spec)",
            "    spec.loader.exec_module(m)",
            "    return m");

    private TorchLogits() {
    }

    /** Writes the network's PyTorch script ({@code name}.py) and its weights file beside it; the script's path. */
    static Path export(Path dir, String name, Analysis a, WeightSet w) throws IOException, ExportException {
        Path script = dir.resolve(name + ".py");
        Files.writeString(script, PyTorchExporter.export(a, ExportRecipe.defaults(), name + ".py", name + ".weights"));
        Files.write(TorchWeightsFile.beside(script), TorchWeightsFile.write(a, w));
        return script;
    }

    /** Standard normal values from the seed. */
    static float[] gaussian(int length, long seed) {
        float[] x = new float[length];
        Random rnd = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    /** The values as little-endian floats in a file, which the check reads with torch.frombuffer. */
    static Path inputFile(Path dir, float[] x) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        in.asFloatBuffer().put(x);
        return Files.write(dir.resolve("x.bin"), in.array());
    }

    /**
     * Runs a check: {@link #LOADER}, then the lines that load the model from {@code sys.argv[1]} as {@code model},
     * read the batch from {@code sys.argv[2]} as {@code x} and run it as {@code y}, then {@code more} lines, which
     * print the JSON. The arguments after the script are {@code args}.
     */
    static JsonNode run(Path dir, List<String> more, List<String> args) throws Exception {
        List<String> lines = new ArrayList<>(LOADER);
        lines.addAll(List.of(
                "m = module(sys.argv[1], 'exported')",
                "model = m.load()",
                "x = torch.frombuffer(bytearray(open(sys.argv[2], 'rb').read()), dtype=torch.float32)",
                "x = x.reshape(-1, *m.INPUT_SHAPE)",
                "with torch.no_grad():",
                "    y = model(x)"));
        lines.addAll(more);
        lines.add("");
        Path check = Files.writeString(dir.resolve("check.py"), String.join("\n", lines));
        List<String> command = new ArrayList<>(List.of(TorchCheck.PYTHON, check.toString()));
        command.addAll(args);
        TorchCheck.ProcessResult r = TorchCheck.run(command, 300);
        assertEquals(0, r.exitCode(), r.stderr());
        return new ObjectMapper().readTree(r.stdout());
    }

    /** The largest absolute difference between NetCanvas's logits and PyTorch's (a JSON array of rows). */
    static double maxDifference(float[][] ours, JsonNode theirs) {
        double diff = 0;
        for (int s = 0; s < ours.length; s++) {
            for (int k = 0; k < ours[s].length; k++) {
                diff = Math.max(diff, Math.abs(ours[s][k] - theirs.get(s).get(k).asDouble()));
            }
        }
        return diff;
    }

    /** The largest absolute value among PyTorch's logits. */
    static double scale(JsonNode theirs) {
        double scale = 0;
        for (JsonNode row : theirs) {
            for (JsonNode v : row) {
                scale = Math.max(scale, Math.abs(v.asDouble()));
            }
        }
        return scale;
    }
}
