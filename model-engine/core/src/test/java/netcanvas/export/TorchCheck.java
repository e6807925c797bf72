package netcanvas.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.LayerResult;
import netcanvas.analysis.Row;
import netcanvas.graph.Shape;

/**
 * Runs exported files under the system's PyTorch (/usr/bin/python3; CI installs Debian's python3-torch) in one
 * python process per batch, and compares PyTorch's parameter count and per-layer output shapes with the analysis.
 */
public final class TorchCheck {
    static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Boolean available;

    private TorchCheck() {
    }

    /**
     * Skips the calling test, saying why, when python3 with torch is missing here; under CI (the CI variable set),
     * where python3-torch is installed, fails it instead.
     */
    static void requireTorch() {
        if (available == null) {
            try {
                available = run(List.of(PYTHON, "-c", "import torch"), 120).exitCode == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        netcanvas.References.require(available, PYTHON + " with torch (Debian: apt-get install python3-torch)");
    }

    public record ProcessResult(int exitCode, String stdout, String stderr) {
    }

    public static ProcessResult run(List<String> command, int timeoutSeconds) throws IOException {
        Path out = Files.createTempFile("torchcheck", ".out");
        Path err = Files.createTempFile("torchcheck", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " ran over " + timeoutSeconds + " s");
            }
            return new ProcessResult(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** PyTorch's layer_summary() of each file (keyed by file name), or {"error": traceback}. */
    static Map<String, JsonNode> summaries(Path dir, List<String> files) throws IOException {
        Path script = dir.resolve("check_models.py");
        try (InputStream in = TorchCheck.class.getResourceAsStream("check_models.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        for (String f : files) {
            command.add(dir.resolve(f).toString());
        }
        ProcessResult r = run(command, 1800);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String line : r.stdout.split("\n")) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                out.put(Path.of(n.get("file").asText()).getFileName().toString(),
                        n.has("error") ? n : n.get("summary"));
            }
        }
        for (String f : files) {
            out.computeIfAbsent(f, k -> JSON.createObjectNode().put("error", "no result; stderr: " + r.stderr));
        }
        return out;
    }

    /** Every disagreement between the analysis and PyTorch's summary; empty when they agree exactly. */
    static List<String> compare(Analysis a, JsonNode summary) {
        List<String> problems = new ArrayList<>();
        if (summary.has("error")) {
            problems.add("PyTorch failed: " + summary.get("error").asText());
            return problems;
        }
        long params = summary.get("params").asLong();
        if (params != a.totals().trainableParams()) {
            problems.add("parameters: PyTorch " + params + ", NetCanvas " + a.totals().trainableParams());
        }
        long state = summary.get("state").asLong();
        if (state != a.totals().stateValues()) {
            problems.add("running statistics: PyTorch " + state + ", NetCanvas " + a.totals().stateValues());
        }
        JsonNode layers = summary.get("layers");
        for (LayerResult r : a.layers()) {
            compareShape(r.id(), r.output(), layers, problems, true);
        }
        compareBlocks(a.rows(), layers, problems);
        return problems;
    }

    private static void compareBlocks(List<Row> rows, JsonNode layers, List<String> problems) {
        for (Row r : rows) {
            if (r.composite()) {
                compareShape(r.id(), r.output(), layers, problems, true);
                compareBlocks(r.children(), layers, problems);
            }
        }
    }

    private static void compareShape(String id, Shape expected, JsonNode layers, List<String> problems,
            boolean required) {
        JsonNode got = layers.get(id);
        if (got == null) {
            if (required) {
                problems.add("'" + id + "': no PyTorch module reported an output");
            }
            return;
        }
        long[] dims = new long[got.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = got.get(i).asLong();
        }
        if (!Arrays.equals(dims, expected.dims())) {
            problems.add("'" + id + "': PyTorch " + Arrays.toString(dims) + ", NetCanvas "
                    + Arrays.toString(expected.dims()));
        }
    }

    static String readResource(String name) throws IOException {
        try (InputStream in = TorchCheck.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
