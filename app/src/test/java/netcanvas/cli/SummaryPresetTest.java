package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The summary command on presets by name, as the examples run it. Each test is skipped (an assumption, not
 * a failure) while samples/ does not yet ship that preset; once it does, these run in every build.
 */
class SummaryPresetTest {

    private static void assumePreset(String name) {
        assumeTrue(SummaryPresetTest.class.getResource("/netcanvas/presets/" + name + ".json") != null,
                "preset " + name + " is not in samples/ yet");
    }

    @Test
    void lenet5ByName() {
        assumePreset("lenet5");
        CliRun r = CliRun.of("summary", "lenet5");
        assertEquals(0, r.code(), r.err());
        // LeNet-5 by hand: 156 + 2,416 + 48,120 + 10,164 + 850 params; 117,600 + 240,000 + 48,000 + 10,080 + 840 MACs
        assertTrue(r.out().contains("Trainable params:     61,706"), r.out());
        assertTrue(r.out().contains("MACs:                 416,520"), r.out());
    }

    @Test
    void resnet50ByNameAsJson() throws IOException {
        assumePreset("resnet50");
        CliRun r = CliRun.of("summary", "resnet50", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode totals = new ObjectMapper().readTree(r.out()).get("totals");
        assertEquals(25_557_032L, totals.get("trainableParams").longValue()); // torchvision
        assertEquals(4_089_184_256L, totals.get("macs").longValue());
    }

    @Test
    void resnet18ByNameOnCifarSizedInput() throws IOException {
        assumePreset("resnet18");
        CliRun r = CliRun.of("summary", "resnet18", "--input", "3,32,32", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("[3,32,32]", root.get("input").toString());
        // torchvision's 11,689,512 weights; MACs (1,814,073,344 - 512,000)/49 + 512,000 (see SummaryCommandTest)
        assertEquals(11_689_512L, root.get("totals").get("trainableParams").longValue());
        assertEquals(37_523_456L, root.get("totals").get("macs").longValue());
    }
}
