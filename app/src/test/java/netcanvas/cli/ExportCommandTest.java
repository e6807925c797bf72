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

    private static void sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + text);
    }

    /** The file type bits of st_mode, following links: 0010000 FIFO, 0020000 character device, 0100000 regular. */
    private static int type(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode") & 0170000;
    }

    @Test
    void outputIsARegularFileOrACharacterDeviceAndNeverTheDesign() throws Exception {
        String design = Files.readString(lenet);
        // the design itself, by name and through a link: refused before anything is written, the design kept
        CliRun same = CliRun.of("export", lenet.toString(), "--to", "pytorch", "-o", lenet.toString());
        assertEquals(ExitCodes.UNREADABLE, same.code(), same.err());
        assertTrue(same.err().startsWith("netcanvas export: -o " + lenet + " is the design being read (" + lenet + ")"),
                same.err());
        Path toDesign = Files.createSymbolicLink(dir.resolve("alias.json"), lenet);
        CliRun viaLink = CliRun.of("export", lenet.toString(), "--to", "svg", "-o", toDesign.toString());
        assertEquals(ExitCodes.UNREADABLE, viaLink.code(), viaLink.err());
        assertTrue(viaLink.err().contains("is the design being read"), viaLink.err());
        assertEquals(design, Files.readString(lenet));

        // a FIFO: refused at once (not opened, which would block), left a FIFO
        Path fifo = dir.resolve("fifo.py");
        sh("mkfifo", fifo.toString());
        for (String to : new String[] {"pytorch", "png"}) {
            CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                    () -> CliRun.of("export", lenet.toString(), "--to", to, "-o", fifo.toString()));
            assertEquals(ExitCodes.UNREADABLE, r.code(), r.err());
            assertTrue(r.err().startsWith("netcanvas export: -o " + fifo + " is a FIFO (named pipe), not a regular file"),
                    r.err());
            assertTrue(r.noStackTrace(), r.err());
            assertEquals(0010000, type(fifo));
        }

        // a folder, and a read-only file
        Path folder = Files.createDirectories(dir.resolve("folder"));
        CliRun toFolder = CliRun.of("export", lenet.toString(), "-o", folder.toString());
        assertEquals(ExitCodes.UNREADABLE, toFolder.code());
        assertTrue(toFolder.err().contains(folder + " is a folder, not a file"), toFolder.err());
        Path frozen = Files.writeString(dir.resolve("frozen.py"), "kept");
        Files.setPosixFilePermissions(frozen, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        CliRun toFrozen = CliRun.of("export", lenet.toString(), "-o", frozen.toString());
        assertEquals(ExitCodes.UNREADABLE, toFrozen.code());
        assertTrue(toFrozen.err().contains(frozen + " is read-only"), toFrozen.err());
        assertEquals("kept", Files.readString(frozen));
        // --with-summary's file is checked too, before the code is written
        Files.createDirectories(dir.resolve("m.summary.json"));
        CliRun summary = CliRun.of("export", lenet.toString(), "-o", dir.resolve("m.py").toString(),
                "--with-summary");
        assertEquals(ExitCodes.UNREADABLE, summary.code());
        assertTrue(summary.err().startsWith("netcanvas export: --with-summary " + dir.resolve("m.summary.json")), summary.err());
        assertFalse(Files.exists(dir.resolve("m.py")));

        // a symbolic link: its target is replaced and it stays a link
        Path real = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("model.py"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("model.py"), real);
        CliRun viaModelLink = CliRun.of("export", lenet.toString(), "-o", link.toString());
        assertEquals(0, viaModelLink.code(), viaModelLink.err());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(real).contains("class "), "the link's target holds the code");

        // a character device is written through, as a shell's '>' would, and stays a device
        Path device = dir.resolve("null-device");
        Process mknod = new ProcessBuilder("mknod", device.toString(), "c", "1", "3").redirectErrorStream(true)
                .start();
        mknod.getInputStream().readAllBytes();
        if (mknod.waitFor() != 0) {
            device = Path.of("/dev/null"); // not root: nothing in /dev can be replaced, so /dev/null is safe
        }
        CliRun toDevice = CliRun.of("export", lenet.toString(), "-o", device.toString());
        assertEquals(0, toDevice.code(), toDevice.err());
        assertEquals(0020000, type(device));
    }

    @Test
    void refusesBadOptions() {
        assertEquals(2, run(lenet.toString(), "-o", dir.resolve("m.py").toString(), "--optimizer", "rmsprop"));
        assertTrue(err.toString().contains("unknown optimizer 'rmsprop': use one of sgd, momentum, adam, adamw"));
        assertEquals(2, run(lenet.toString(), "-o", dir.resolve("m.tflite").toString(), "--to", "tflite"));
        assertTrue(err.toString().contains("unknown format 'tflite': use --to pytorch, onnx, png or svg"),
                err.toString());
        assertEquals(2, run(lenet.toString(), "-o", dir.resolve("m.py").toString(), "--lr", "0"));
        assertTrue(err.toString().contains("learning rate must be above 0"), err.toString());
    }
}
