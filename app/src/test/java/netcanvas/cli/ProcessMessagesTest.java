package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import netcanvas.app.Main;
import netcanvas.graph.Node;
import netcanvas.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that depend on the process: its locale (LC_ALL=C with a non-ASCII path), its working folder (a folder
 * named like a preset) and JavaFX (a picture too large to draw). Each runs netcanvas's real main in a child JVM.
 */
class ProcessMessagesTest {
    @TempDir
    Path tmp;

    private record Result(int code, String output) {
    }

    private Result netcanvas(Map<String, String> env, String... args) throws Exception {
        String real = System.getProperty("surefire.test.class.path");
        String cp = real != null && !real.isBlank() ? real : System.getProperty("java.class.path");
        assertTrue(cp.contains(File.pathSeparator) || cp.endsWith(".jar"), cp);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", cp, Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("output.log").toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "netcanvas did not end");
        return new Result(p.exitValue(), Files.readString(tmp.resolve("output.log"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aNonAsciiPathUnderTheCLocaleIsRefusedWithTheLocaleNamed() throws Exception {
        Files.writeString(tmp.resolve("r\u00e9seau.json"), NetworkJson.write(netcanvas.presets.Presets.load(
                "lenet5")));
        Map<String, String> c = Map.of("LC_ALL", "C", "LANG", "C");
        for (String[] args : new String[][] {{"summary", "r\u00e9seau.json"},
            {"export", "r\u00e9seau.json", "--to", "png", "-o", "out.png"},
            {"export", "lenet5", "-o", "\u00e9.py"}, {"export", "lenet5", "--to", "svg", "-o", "\u00e9.svg"}}) {
            Result r = netcanvas(c, args);
            assertEquals(ExitCodes.UNREADABLE, r.code(), r.output());
            assertTrue(r.output().contains("the C or POSIX locale") && r.output().contains("LC_ALL=C.UTF-8"),
                    r.output());
            assertFalse(r.output().contains("internal error") || r.output().contains("Exception"), r.output());
        }
    }

    @Test
    void aFolderNamedLikeAPresetDoesNotHideIt() throws Exception {
        Files.createDirectory(tmp.resolve("resnet18"));
        Result r = netcanvas(Map.of(), "summary", "resnet18", "--format", "csv");
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("total,,,11689512,"), r.output());
        Files.createDirectory(tmp.resolve("mine"));
        Result folder = netcanvas(Map.of(), "summary", "mine");
        assertEquals(2, folder.code(), folder.output());
        assertTrue(folder.output().contains("mine: is a folder, not a network file"), folder.output());
    }

    @Test
    void aPictureLargerThanTheLimitIsRefusedWithTheLimit() throws Exception {
        // two boxes 900,000 pixels apart: within the positions a file may hold, far over a picture's 16,384
        var net = netcanvas.presets.Presets.load("lenet5");
        List<Node> placed = new ArrayList<>();
        for (int i = 0; i < net.nodes().size(); i++) {
            Node n = net.nodes().get(i);
            placed.add(new Node(n.id(), n.spec(), n.inputs(), new Node.Position(i == 0 ? 900_000 : 0, 100 * i)));
        }
        Path far = tmp.resolve("far.json");
        NetworkJson.write(new netcanvas.graph.Network("far", placed), far);
        for (String format : List.of("png", "svg")) {
            Result r = netcanvas(Map.of(), "export", far.toString(), "--to", format, "-o", "far." + format);
            assertEquals(ExitCodes.UNREADABLE, r.code(), r.output());
            assertTrue(r.output().contains("pictures are at most 16,384 x 16,384"), r.output());
            assertFalse(Files.exists(tmp.resolve("far." + format)));
            assertFalse(r.output().contains("internal error"), r.output());
        }
    }

    @Test
    void noDisplayIsThisMachineCannotRunIt() throws Exception {
        Result r = netcanvas(Map.of());
        if (r.output().contains("the desktop app is not in this build")) {
            assertEquals(1, r.code());
            return;
        }
        assertEquals(ExitCodes.UNSUPPORTED_MACHINE, r.code(), r.output());
        assertTrue(r.output().contains("There is no display"), r.output());
    }
}
