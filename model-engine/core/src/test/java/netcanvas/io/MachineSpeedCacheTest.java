package netcanvas.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import netcanvas.analysis.MachineSpeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration cache: what it writes reads back, and anything else counts as no calibration, with a reason. */
class MachineSpeedCacheTest {
    @TempDir
    Path dir;

    @Test
    void writtenCalibrationReadsBackOnTheSameMachineOnly() throws Exception {
        Path file = dir.resolve("home").resolve(MachineSpeedCache.FILE_NAME);
        MachineSpeedCache cache = new MachineSpeedCache(file, "Test CPU x 2 (amd64)");
        assertNull(cache.read());
        assertNull(cache.lastProblem(), "no file is not a problem");
        cache.write(new MachineSpeed(12.5, 7.25));
        assertEquals(new MachineSpeed(12.5, 7.25), cache.read());
        MachineSpeedCache other = new MachineSpeedCache(file, "Other CPU x 64 (amd64)");
        assertNull(other.read());
        assertTrue(other.lastProblem().contains("another machine (Test CPU x 2 (amd64))"), other.lastProblem());
    }

    @Test
    void corruptFilesCountAsNoCalibration() throws Exception {
        Path file = dir.resolve(MachineSpeedCache.FILE_NAME);
        MachineSpeedCache cache = new MachineSpeedCache(file, "m");
        for (String text : new String[] {"machine=m\ngflops=abc\ngigabytesPerSecond=3\n", "machine=m\ngflops=-1\n"
                + "gigabytesPerSecond=3\n", "machine=m\n", "\u0000\u0001garbage", "machine=m\ngflops=NaN\n"
                + "gigabytesPerSecond=1\n"}) {
            Files.writeString(file, text);
            assertNull(cache.read(), text);
            assertTrue(cache.lastProblem().contains("not a readable calibration")
                    || cache.lastProblem().contains("another machine"), cache.lastProblem());
        }
        Files.write(file, new byte[100_000]);
        assertNull(cache.read());
        assertTrue(cache.lastProblem().contains("larger than a calibration"), cache.lastProblem());
        // a new measurement replaces the corrupt file
        cache.write(new MachineSpeed(1, 2));
        assertEquals(new MachineSpeed(1, 2), cache.read());
    }

    @Test
    void aMachineNameWithLineBreaksReadsBackAsWritten() throws Exception {
        MachineSpeedCache cache = new MachineSpeedCache(dir.resolve("c.properties"), "odd\nname\\ x");
        cache.write(new MachineSpeed(3, 4));
        assertEquals(new MachineSpeed(3, 4), cache.read());
    }
}
