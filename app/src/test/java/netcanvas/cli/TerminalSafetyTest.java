package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netcanvas.graph.Conv2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.io.NetworkJson;
import netcanvas.io.SafeText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared network file whose name and ids carry terminal escape sequences, a forged output line, bidi overrides and
 * spreadsheet formulas: every format summary prints shows them escaped, the CSV cannot start a formula, and JSON
 * (for programs) keeps the exact ids, escaped as JSON.
 */
class TerminalSafetyTest {
    @TempDir
    Path tmp;

    private static final String TITLE = "\u001b]0;owned\u0007";
    private static final String CLEAR = "\u001b[2J\u001b[H";
    private static final String FORGED = "x\nnetcanvas summary: the network is valid";
    private static final String BIDI = "evil\u202etxt.exe";
    private static final String C1 = "c1\u009b31m\u007f";
    private static final String FORMULA = "=HYPERLINK(\"http://x\",\"y\")";

    private Path hostile() throws Exception {
        Network n = new NetBuilder(TITLE + "net" + CLEAR).input(3, 8, 8).then(FORMULA, Conv2d.of(4, 3, 1, 1, true))
                .then(FORGED, new ReLU()).then(BIDI, Conv2d.of(4, 3, 1, 1, true)).then(C1, new ReLU())
                .then("+1", new ReLU()).then("-flat", new netcanvas.graph.Flatten()).then("@fc", new netcanvas.graph.Dense(2, true))
                .then("out", new Output()).build();
        Path f = tmp.resolve("hostile.json");
        NetworkJson.write(n, f);
        return f;
    }

    private static void noControlCharacters(String text) {
        assertTrue(text.chars().noneMatch(c -> c != '\n' && SafeText.needsEscape((char) c)),
                "a control character reached the terminal: " + SafeText.of(text));
        assertFalse(text.lines().anyMatch(l -> l.startsWith("netcanvas summary: the network is valid")), text);
    }

    @Test
    void tableMarkdownAndCsvShowIdsEscaped() throws Exception {
        String f = hostile().toString();
        for (String format : List.of("table", "markdown", "csv")) {
            CliRun r = CliRun.of("summary", f, "--format", format);
            assertEquals(0, r.code(), r.err());
            noControlCharacters(r.out());
            noControlCharacters(r.err());
            assertTrue(r.out().contains("x\\nnetcanvas summary: the network is valid"), r.out());
            assertTrue(r.out().contains("evil\\u202etxt.exe") && r.out().contains("c1\\x9b31m\\x7f"), r.out());
        }
        CliRun table = CliRun.of("summary", f);
        assertTrue(table.out().startsWith("Network: \\x1b]0;owned\\x07net\\x1b[2J\\x1b[H"), table.out());
        List<String> csv = CliRun.of("summary", f, "--format", "csv").out().lines().toList();
        assertTrue(csv.get(2).startsWith("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",conv2d,"), csv.get(2));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("'+1,relu,")), csv.toString());
        assertTrue(csv.stream().noneMatch(l -> l.startsWith("=") || l.startsWith("+") || l.startsWith("@")
                || l.startsWith("-")), csv.toString());
    }

    @Test
    void jsonEscapesThemAndKeepsTheExactIds() throws Exception {
        CliRun r = CliRun.of("summary", hostile().toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        noControlCharacters(r.out());
        assertTrue(r.out().contains("\\u001B]0;owned\\u0007") && r.out().contains("\\u202e")
                && r.out().contains("\\u009b") && r.out().contains("\\u007f"), r.out());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(TITLE + "net" + CLEAR, json.get("network").asText());
        List<String> ids = new java.util.ArrayList<>();
        json.get("layers").forEach(l -> ids.add(l.get("id").asText()));
        assertTrue(ids.containsAll(List.of(FORMULA, FORGED, BIDI, C1, "+1")), ids.toString());
    }

    @Test
    void diagnosticsAndRefusalsAreEscapedToo() throws Exception {
        // an invalid network: the diagnostics name the hostile ids; an unreadable one: the refusal does
        Network bad = new NetBuilder("bad").input(3, 4, 4).then(TITLE + "conv", Conv2d.of(4, 9, 1, 0, true))
                .then("out", new Output()).build();
        Path f = tmp.resolve("bad.json");
        NetworkJson.write(bad, f);
        CliRun r = CliRun.of("summary", f.toString());
        assertEquals(1, r.code());
        noControlCharacters(r.err());
        assertTrue(r.err().contains("'\\x1b]0;owned\\x07conv'"), r.err());
        Path unknown = tmp.resolve("unknown.json");
        Files.writeString(unknown, "{\"format\":1,\"name\":\"m\",\"nodes\":[{\"id\":\"a\\u001b[2J\\nb\","
                + "\"type\":\"conv9d\\u009b\"}]}");
        CliRun u = CliRun.of("summary", unknown.toString());
        assertEquals(2, u.code());
        noControlCharacters(u.err());
        assertTrue(u.err().contains("('a\\x1b[2J\\nb').type: unknown layer kind 'conv9d\\x9b'"), u.err());
    }
}
