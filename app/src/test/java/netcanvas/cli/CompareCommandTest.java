package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code compare A B} and {@code summary --explain ID} through the real command line. */
class CompareCommandTest {

    @Test
    void comparesTwoPresetsAsATable() {
        CliRun r = CliRun.of("compare", "resnet18", "resnet34", "--depth", "1", "--differences-only");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("A: resnet18    B: resnet34"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("+    layer3.5 ")), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.contains("layer3.5.conv1")), r.out());
        assertTrue(r.out().contains("Rows: 79 same, 4 changed, 64 added, 0 removed"), r.out());
    }

    @Test
    void writesJson() throws Exception {
        CliRun r = CliRun.of("compare", "vgg16", "vgg19", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(6, j.get("counts").get("added").asInt());
        assertEquals(48, j.get("rows").size());
    }

    @Test
    void refusesCsvAndAMissingNetwork() {
        assertEquals(ExitCodes.UNREADABLE, CliRun.of("compare", "vgg16", "vgg19", "--format", "csv").code());
        CliRun r = CliRun.of("compare", "vgg16", "no-such-net");
        assertEquals(ExitCodes.UNREADABLE, r.code());
        assertTrue(r.noStackTrace(), r.err());
    }

    @Test
    void explainsAlexNetPaperConv1() {
        CliRun r = CliRun.of("summary", "alexnet-paper", "--explain", "conv1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("H' = floor((H + 2p - k) / s) + 1 = floor((227 + 2 x 0 - 11) / 4) + 1 = 55"),
                r.out());
        assertTrue(r.out().contains("params = Cout x (Cin x kh x kw) + Cout = 96 x (3 x 11 x 11) + 96 = 34,944"),
                r.out());
    }

    @Test
    void explainOfAnUnknownIdSaysSo() {
        CliRun r = CliRun.of("summary", "lenet5", "--explain", "nope");
        assertEquals(ExitCodes.UNREADABLE, r.code());
        assertTrue(r.err().contains("no layer or block has the id 'nope'"), r.err());
    }
}
