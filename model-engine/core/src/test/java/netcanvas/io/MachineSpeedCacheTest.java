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
        cache.write(new MachineSpeed(12.5, 7.25, 6.5));
        assertEquals(new MachineSpeed(12.5, 7.25, 6.5), cache.read());
        MachineSpeedCache other = new MachineSpeedCache(file, "Other CPU x 64 (amd64)");
        assertNull(other.read());
        assertTrue(other.lastProblem().contains("another machine (Test CPU x 2 (amd64))"), other.lastProblem());
    }

    @Test
    void corruptFilesCountAsNoCalibration() throws Exception {
        Path file = dir.resolve(MachineSpeedCache.FILE_NAME);
        MachineSpeedCache cache = new MachineSpeedCache(file, "m");
        for (String text : new String[] {"version=3\nmachine=m\ngflops=abc\ngigabytesPerSecond=3\n"
                + "microsecondsPerCall=1\n", "version=3\nmachine=m\ngflops=-1\ngigabytesPerSecond=3\n"
                + "microsecondsPerCall=1\n", "version=3\nmachine=m\n", "version=3\nmachine=m\ngflops=NaN\n"
                + "gigabytesPerSecond=1\nmicrosecondsPerCall=1\n", "version=3\nmachine=m\ngflops=1\n"
                + "gigabytesPerSecond=1\nmicrosecondsPerCall=-3\nfloatsPerVector=16\n",
                "version=3\nmachine=m\ngflops=1\n"
                + "gigabytesPerSecond=1\nmicrosecondsPerCall=3\nfloatsPerVector=0\n"}) {
            Files.writeString(file, text);
            assertNull(cache.read(), text);
            assertTrue(cache.lastProblem().contains("not a readable calibration"), cache.lastProblem());
        }
        Files.writeString(file, "\u0000\u0001garbage");
        assertNull(cache.read());
        assertTrue(cache.lastProblem().contains("earlier NetCanvas"), cache.lastProblem());
        Files.write(file, new byte[100_000]);
        assertNull(cache.read());
        assertTrue(cache.lastProblem().contains("larger than a calibration"), cache.lastProblem());
        // a new measurement replaces the corrupt file
        cache.write(new MachineSpeed(1, 2, 0));
        assertEquals(new MachineSpeed(1, 2, 0), cache.read());
    }

    @Test
    void aCalibrationOfAnEarlierVersionIsMeasuredAgain() throws Exception {
        // as NetCanvas wrote it before the calibration measured the time per call: no version, no such figure
        Path file = dir.resolve(MachineSpeedCache.FILE_NAME);
        Files.writeString(file, "machine=m\ngflops=199.0\ngigabytesPerSecond=21.3\n");
        MachineSpeedCache cache = new MachineSpeedCache(file, "m");
        assertNull(cache.read());
        assertEquals(file + " is from an earlier NetCanvas (calibration version 1, now 3)", cache.lastProblem());
        assertTrue(Files.readString(file).contains("gflops=199.0"), "reading leaves the file for the new measurement");
        cache.write(new MachineSpeed(199, 21.3, 6.5, 16));
        assertTrue(Files.readString(file).contains("version=3\n"));
        assertEquals(new MachineSpeed(199, 21.3, 6.5, 16), cache.read());
    }

    @Test
    void aMachineNameWithLineBreaksReadsBackAsWritten() throws Exception {
        MachineSpeedCache cache = new MachineSpeedCache(dir.resolve("c.properties"), "odd\nname\\ x");
        cache.write(new MachineSpeed(3, 4, 5));
        assertEquals(new MachineSpeed(3, 4, 5), cache.read());
    }
}
