package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.Tanh;
import netcanvas.io.NetworkJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExportCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path lenet;

    @BeforeEach
    void writeLenet() throws Exception {
        Network n = new NetBuilder("lenet5").input(1, 32, 32)
                .then("c1", Conv2d.of(6, 5, 1, 0, true)).then("tanh1", new Tanh())
                .then("s2", MaxPool2d.of(2, 2, 0, false))
                .then("c3", Conv2d.of(16, 5, 1, 0, true)).then("tanh2", new Tanh())
                .then("s4", MaxPool2d.of(2, 2, 0, false))
                .then("f5", new Dense(120, true)).then("tanh3", new Tanh())
                .then("f6", new Dense(84, true)).then("tanh4", new Tanh())
                .then("f7", new Dense(10, true)).then("output", new Output()).build();
        lenet = dir.resolve("lenet5.json");
        NetworkJson.write(n, lenet);
    }

    private int run(String... args) {
        return new CommandLine(new ExportCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void writesCodeWithRecipeAndSummary() throws Exception {
        Path py = dir.resolve("out/model.py");
        assertEquals(0, run(lenet.toString(), "--to", "pytorch", "-o", py.toString(), "--with-summary",
                "--optimizer", "adamw", "--lr", "0.003", "--epochs", "3", "--batch", "128", "--schedule", "step"),
                err.toString());
        String code = Files.readString(py);
        assertTrue(code.contains("RECIPE = {\"optimizer\": \"adamw\", \"lr\": 0.003, \"schedule\": \"step\", "
                + "\"batch\": 128, \"epochs\": 3}"), code);
        assertTrue(code.contains("    python3 model.py --train DATA"), code);
        assertTrue(out.toString().contains("(lenet5, 61,706 parameters)"), out.toString());

        JsonNode summary = new ObjectMapper().readTree(dir.resolve("out/model.summary.json").toFile());
        assertEquals("lenet5", summary.get("network").asText());
        assertEquals("[1,32,32]", summary.get("input").toString());
        JsonNode c1 = summary.get("layers").get(1);
        assertEquals("c1", c1.get("id").asText());
        assertEquals("conv2d", c1.get("kind").asText());
        assertEquals("[6,28,28]", c1.get("output").toString()); // 32 - 5 + 1 = 28
        assertEquals(156, c1.get("params").asLong()); // 6 * (5*5 + 1)
        assertEquals(117_600, c1.get("macs").asLong()); // 6*28*28 outputs x 25
        assertEquals(61_706, summary.get("totals").get("trainableParams").asLong());
        assertEquals(0, summary.get("diagnostics").size());
    }

    @Test
    void reportsUnreadableAndBrokenNetworks() throws Exception {
        assertEquals(1, run(dir.resolve("missing.json").toString(), "-o", dir.resolve("m.py").toString()));
        assertTrue(err.toString().contains("missing.json: no such file; check the path"), err.toString());

        Path broken = dir.resolve("broken.json");
        NetworkJson.write(new NetBuilder("broken").input(3, 8, 8).then("conv", Conv2d.of(4, 9, 1, 0, true))
                .then("out", new Output()).build(), broken);
        assertEquals(1, run(broken.toString(), "-o", dir.resolve("b.py").toString()));
        assertTrue(err.toString().contains("cannot export 'broken'"), err.toString());
        assertTrue(err.toString().contains("error at 'conv': output would be 0x0"), err.toString());
        assertFalse(Files.exists(dir.resolve("b.py")));
    }

    @Test
    void refusesBadOptions() {
        assertEquals(2, run(lenet.toString(), "-o", dir.resolve("m.py").toString(), "--optimizer", "rmsprop"));
        assertTrue(err.toString().contains("unknown optimizer 'rmsprop': use one of sgd, momentum, adam, adamw"));
        assertEquals(2, run(lenet.toString(), "-o", dir.resolve("m.onnx").toString(), "--to", "onnx"));
        assertTrue(err.toString().contains("unknown format 'onnx': use --to pytorch, png or svg"), err.toString());
        assertEquals(2, run(lenet.toString(), "-o", dir.resolve("m.py").toString(), "--lr", "0"));
        assertTrue(err.toString().contains("learning rate must be above 0"), err.toString());
    }
}
