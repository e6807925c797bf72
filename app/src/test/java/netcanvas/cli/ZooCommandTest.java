package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code zoo} through the real command line. Expected figures: torchvision 0.14's documented top-1 of its
 * IMAGENET1K_V1 weights (ResNet-50 76.13, VGG-16 71.592) and torchvision's parameter and MAC counts.
 */
class ZooCommandTest {

    @Test
    void printsEveryPresetAsATable() {
        CliRun r = CliRun.of("zoo");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("resnet50\\s+ResNet\\s+25,557,032\\s+4\\.089\\s+76\\.130"
                + "\\s+torchvision 0\\.14 model documentation, ResNet50_Weights\\.IMAGENET1K_V1 acc@1")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("vgg16\\s+VGG\\s+138,357,544\\s+15\\.47\\s+71\\.592\\s+.*")),
                r.out());
        assertTrue(r.out().contains("Cost convention: macs"), r.out());
    }

    @Test
    void csvAndMarkdownNameTheirConvention() {
        CliRun csv = CliRun.of("zoo", "--format", "csv", "--cost", "flops");
        assertEquals(0, csv.code(), csv.err());
        assertTrue(csv.out().startsWith("preset,family,params,flops,top1_percent,"), csv.out());
        // 24 presets and the heading
        assertEquals(25, csv.out().lines().count());
        CliRun md = CliRun.of("zoo", "--format", "markdown");
        assertTrue(md.out().startsWith("| Preset | Family | Params | GMACs | Top-1 % | Top-1 source |"), md.out());
    }

    @Test
    void writesJsonAndRefusesAnUnknownConvention() throws Exception {
        CliRun r = CliRun.of("zoo", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(24, j.get("presets").size());
        CliRun bad = CliRun.of("zoo", "--cost", "joules");
        assertEquals(ExitCodes.UNREADABLE, bad.code());
        assertTrue(bad.err().contains("choose macs, flops or lecture"), bad.err());
    }
}
