package netcanvas.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.Diagnostic;
import netcanvas.graph.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus in src/test/resources/malformed: every file there must fail to load with a NetworkFormatException (and
 * no other exception) whose message contains the fragment expected.txt gives for it. Files in malformed/graph load,
 * and the analysis reports what expected.txt there says.
 */
class MalformedFilesTest {

    private static Path dir(String name) {
        try {
            return Path.of(MalformedFilesTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of an expected.txt: "file | ... | fragment", skipping comments. */
    private static List<String[]> table(Path dir, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("expected.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] cells = line.split(" \\| ", columns);
                assertEquals(columns, cells.length, line);
                rows.add(cells);
            }
        }
        return rows;
    }

    private static Set<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("expected.txt")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static Stream<Arguments> malformed() throws IOException {
        return table(dir("malformed"), 2).stream().map(r -> Arguments.of(r[0], r[1]));
    }

    static Stream<Arguments> graphProblems() throws IOException {
        return table(dir("malformed/graph"), 3).stream().map(r -> Arguments.of(r[0], r[1], r[2]));
    }

    @Test
    void everyFileHasAnExpectationAndThereAreAtLeastThirty() throws IOException {
        Set<String> listed = table(dir("malformed"), 2).stream().map(r -> r[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(filesIn(dir("malformed")), listed);
        assertTrue(listed.size() >= 30, "corpus has " + listed.size() + " files");
        Set<String> graph = table(dir("malformed/graph"), 3).stream().map(r -> r[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(filesIn(dir("malformed/graph")), graph);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void failsWithAClearMessage(String file, String fragment) throws IOException {
        Path path = dir("malformed").resolve(file);
        NetworkFormatException e = refused(() -> NetworkJson.read(path));
        assertTrue(e.getMessage().startsWith(path.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        assertTrue(e.getMessage().length() < 2_000, "a readable message: " + e.getMessage().length() + " chars");
        // safe to print: no control or bidi character from the file, no advice meant for Jackson's programmers
        assertTrue(e.getMessage().chars().noneMatch(c -> SafeText.needsEscape((char) c)), e.getMessage());
        assertTrue(!e.getMessage().contains("enable `") && !e.getMessage().contains("JsonReadFeature"),
                e.getMessage());
        // the other entry points refuse it the same way, never with another exception
        byte[] bytes = Files.readAllBytes(path);
        refused(() -> NetworkJson.read(new ByteArrayInputStream(bytes)));
        refused(() -> NetworkJson.parse(new String(bytes, StandardCharsets.UTF_8)));
    }

    private interface Load {
        Network run() throws Exception;
    }

    private static NetworkFormatException refused(Load load) {
        try {
            Network n = load.run();
            return fail("loaded instead of being refused: " + n.nodes().size() + " nodes");
        } catch (NetworkFormatException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected a NetworkFormatException but got " + t, t);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphProblems")
    void graphProblemsLoadAndAreDiagnosed(String file, String owner, String fragment) throws Exception {
        Network n = NetworkJson.read(dir("malformed/graph").resolve(file));
        // a guard against a hang, not a speed target (hostile-stages.json asks for 10^28 layers)
        Analysis a = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Analyzer.analyze(n));
        List<Diagnostic> matching = a.diagnostics().stream()
                .filter(d -> d.owner().equals(owner) && d.message().contains(fragment)).toList();
        assertEquals(1, matching.size(), () -> "expected one diagnostic at '" + owner + "' containing '" + fragment
                + "': " + a.diagnostics());
    }

    @Test
    void aMissingFileIsAFormatErrorToo() {
        Path missing = dir("malformed").resolve("no-such-file.json");
        NetworkFormatException e = refused(() -> NetworkJson.read(missing));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        // a folder is not "no such file": the message says what it is
        NetworkFormatException d = refused(() -> NetworkJson.read(dir("malformed")));
        assertTrue(d.getMessage().contains("is a folder, not a network file"), d.getMessage());
        NetworkFormatException z = refused(() -> NetworkJson.read(Path.of("/dev/zero")));
        assertTrue(z.getMessage().equals("/dev/zero: is a character device, not a network file; give a .json file"),
                z.getMessage());
        NetworkFormatException empty = refused(() -> NetworkJson.read(Path.of("")));
        assertTrue(empty.getMessage().contains("the path is empty"), empty.getMessage());
    }

    @Test
    void aByteOrderMarkIsAccepted(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // Notepad saves UTF-8 with EF BB BF in front; that is still a valid network file
        Path f = tmp.resolve("bom.json");
        byte[] body = "{\"format\": 1, \"name\": \"bom\", \"nodes\": [{\"id\":\"input\",\"type\":\"input\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(f, bytes);
        assertEquals("bom", NetworkJson.read(f).name());
        assertEquals(1, NetworkJson.read(new ByteArrayInputStream(bytes)).nodes().size());
    }
}
