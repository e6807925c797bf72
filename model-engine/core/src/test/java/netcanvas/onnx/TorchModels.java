package netcanvas.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's ONNX exports of reference models and PyTorch's own figures for them, made by Debian's PyTorch
 * (/usr/bin/python3) with torch_onnx_models.py. Exports are cached in target/onnx-models across test classes.
 * Without PyTorch a test is skipped with the reason, except under CI (the CI variable set), where it fails: CI
 * installs python3-torch, so a missing reference there is a broken set-up, not a reason to pass.
 */
public final class TorchModels {
    static final String PYTHON = "/usr/bin/python3";
    static final Path DIR = Path.of("target", "onnx-models");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> CACHE = new LinkedHashMap<>();

    private TorchModels() {
    }

    public static void requireTorch() {
        boolean ok;
        try {
            ok = run(List.of(PYTHON, "-c", "import torch, torchvision"), 300).isEmpty();
        } catch (IOException e) {
            ok = false;
        }
        netcanvas.References.require(ok, PYTHON + " with torch and torchvision (apt-get install python3-torch"
                + " python3-torchvision)");
    }

    /** Exports (once) and returns PyTorch's figures for each named model. */
    public static synchronized Map<String, JsonNode> export(List<String> names) throws IOException {
        requireTorch();
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (!CACHE.containsKey(n)) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            Files.createDirectories(DIR);
            Path script = DIR.resolve("torch_onnx_models.py");
            try (InputStream in = TorchModels.class.getResourceAsStream("torch_onnx_models.py")) {
                Files.write(script, in.readAllBytes());
            }
            List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString(), DIR.toString()));
            cmd.addAll(missing);
            String out = run(cmd, 1800);
            for (String line : out.split("\n")) {
                if (line.startsWith("{")) {
                    JsonNode j = JSON.readTree(line);
                    CACHE.put(j.get("name").asText(), j);
                }
            }
        }
        Map<String, JsonNode> r = new LinkedHashMap<>();
        for (String n : names) {
            JsonNode j = CACHE.get(n);
            if (j == null) {
                fail("PyTorch did not export " + n);
            }
            r.put(n, j);
        }
        return r;
    }

    public static Path file(String name) {
        return DIR.resolve(name + ".onnx");
    }

    /** Runs a command; its standard output, or an IOException with its standard error when it fails. */
    static String run(List<String> command, int timeoutSeconds) throws IOException {
        netcanvas.export.TorchCheck.ProcessResult r = netcanvas.export.TorchCheck.run(command, timeoutSeconds);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + r.stderr());
        }
        return r.stdout();
    }

    static void assertShape(String what, JsonNode expected, long[] actual) {
        long[] e = new long[expected.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected.get(i).asLong();
        }
        assertEquals(java.util.Arrays.toString(e), java.util.Arrays.toString(actual), what);
    }
}
