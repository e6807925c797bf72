package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import netcanvas.analysis.MachineSpeed;
import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Flatten;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.io.MachineSpeedCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summary --memory} and {@code summary --time} on a five-layer network whose figures are computed by hand
 * (the same as the engine's EstimatesTest), with a calibration written into a temporary NetCanvas home so that no
 * measurement runs.
 */
class SummaryEstimatesTest {
    @TempDir
    Path dir;
    String net;
    String previousHome;

    @BeforeEach
    void setUp() throws Exception {
        net = TestNetworks.write(dir, new NetBuilder("tiny").input(1, 4, 4).then("conv", Conv2d.of(2, 3, 1, 1, true))
                .then("bn", BatchNorm.standard()).then("relu", new ReLU()).then("pool", MaxPool2d.of(2, 2, 0, false))
                .then("flatten", new Flatten()).then("fc", new Dense(3, true)).then("out", new Output()).build())
                .toString();
        previousHome = System.getProperty("netcanvas.home");
        System.setProperty("netcanvas.home", dir.resolve("home").toString());
    }

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("netcanvas.home");
        } else {
            System.setProperty("netcanvas.home", previousHome);
        }
    }

    @Test
    void memoryAsJsonCarriesTheHandComputedBytes() throws Exception {
        CliRun r = CliRun.of("summary", net, "--memory", "--batch", "2", "--optimizer", "adam", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("bytes", j.get("units").asText());
        JsonNode conv = j.get("layers").get(1);
        assertEquals("conv", conv.get("id").asText());
        // 20 parameters x 4 B; Adam's 2 moments; 2 x 128 B of output; 4 blocked copies of 16 x 16 floats x 2
        assertEquals(80, conv.get("weights").asLong());
        assertEquals(160, conv.get("optimizerState").asLong());
        assertEquals(256, conv.get("savedActivations").asLong());
        assertEquals(8192, conv.get("workspace").asLong());
        assertEquals(3_157_712, j.get("peakBytes").asLong());
        assertEquals(8, j.get("stages").size());
    }

    @Test
    void memoryTableNamesItsUnitsAndThePeak() {
        CliRun r = CliRun.of("summary", net, "--memory", "--batch", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Training memory of tiny: batch 2, adam (2 state values per weight), float32;"
                + " sizes in MB (10^6 bytes)\n"), r.out());
        // fc: 108 B weights, 108 B gradients, 216 B moments, 48 B activations (product and sum) and 88 B of
        // backward arrays (the sum's gradient, 24 B, and the input's, 8 x 2 x 4 B)
        assertEquals("fc  0.00  0.00  0.00  0.00  0.00  0.00  0.00  0.00", r.line("fc").replaceAll(" +", "  "));
        assertTrue(r.out().contains("Peak: 3.16 MB (everything held, 3.15 MB, plus the largest workspace, 8.2 kB)"),
                r.out());
        CliRun csv = CliRun.of("summary", net, "--memory", "--batch", "2", "--format", "csv");
        assertTrue(csv.out().startsWith("level,id,weights_bytes,gradients_bytes,optimizerState_bytes,"
                + "savedActivations_bytes,activationGradients_bytes,kernelState_bytes,workspace_bytes,total_bytes\n"
                + "layer,input,0,0,0,256,0,0,0,256\n"), csv.out());
        assertTrue(csv.out().contains("\nlayer,fc,108,108,216,48,88,0,0,568\n"), csv.out());
        CliRun md = CliRun.of("summary", net, "--memory", "--format", "markdown");
        assertTrue(md.out().contains("| Layer | Weights |"), md.out());
    }

    @Test
    void timeUsesTheStoredCalibrationAndGivesTheEpoch() throws Exception {
        // 1 GFLOP/s and 1 GB/s: conv takes 3,456 FLOPs = 3.456 microseconds (see EstimatesTest)
        MachineCalibration.cache().write(new MachineSpeed(1, 1, 1));
        CliRun r = CliRun.of("summary", net, "--time", "--batch", "2", "--dataset-size", "5", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "a stored calibration is used without measuring");
        JsonNode j = new ObjectMapper().readTree(r.out());
        // the roofline, 9,680 B at 1 GB/s, and 13 calls of 1 us (EstimatesTest counts both)
        assertEquals(9.68e-6 + 13e-6, j.get("layers").get(1).get("seconds").asDouble(), 1e-15);
        assertEquals(13, j.get("layers").get(1).get("calls").asLong());
        assertEquals("conv", j.get("slowest").get(0).asText());
        // 5 images at batch 2: 3 steps
        assertEquals(3 * j.get("stepSeconds").asDouble(), j.get("epochSeconds").asDouble(), 1e-15);
        CliRun table = CliRun.of("summary", net, "--time", "--batch", "2", "--dataset-size", "5");
        // the 5 slowest: conv (13 calls), bn (10), relu, fc, input; the pool is not marked
        assertTrue(table.line("* conv") != null && table.line("* bn") != null && table.line("pool") != null,
                table.out());
        assertTrue(table.out().contains("Epoch of 5 images: "), table.out());
        assertTrue(table.out().contains("(3 steps)"), table.out());
    }

    @Test
    void optionsThatDoNotGoTogetherAreRefused() {
        CliRun both = CliRun.of("summary", net, "--memory", "--time");
        assertEquals(ExitCodes.UNREADABLE, both.code());
        assertTrue(both.err().contains("give one of them"), both.err());
        CliRun size = CliRun.of("summary", net, "--dataset-size", "10");
        assertEquals(ExitCodes.UNREADABLE, size.code());
        assertTrue(size.err().contains("go with --time"), size.err());
        CliRun negative = CliRun.of("summary", net, "--time", "--dataset-size", "-1");
        assertEquals(ExitCodes.UNREADABLE, negative.code());
        assertTrue(negative.noStackTrace(), negative.err());
    }

    @Test
    void aCalibrationFromAnotherMachineIsNotUsed() throws Exception {
        new MachineSpeedCache(MachineCalibration.cache().file(), "another machine").write(new MachineSpeed(1, 1, 1));
        assertEquals(null, MachineCalibration.cache().read());
    }
}
