package netcanvas.io;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import netcanvas.analysis.MachineSpeed;

/**
 * The calibration of this machine ({@link MachineSpeed}), kept in a small properties file so it is measured once per
 * machine: the desktop app and the command line share the file in NetCanvas's home folder. The file names the
 * machine it was measured on (processor model and count); a file from another machine, or one that cannot be read
 * as a calibration, counts as none, and the caller measures again and replaces it.
 */
public final class MachineSpeedCache {
    /** The file's name in NetCanvas's home folder. */
    public static final String FILE_NAME = "calibration.properties";
    /** What the calibration measures; raised when it measures something new (2: the fixed time per native call). */
    public static final int VERSION = 3;
    private static final long MAX_BYTES = 64 * 1024;

    private final Path file;
    private final String machine;
    /** Why the last read found nothing usable in an existing file, or null. */
    private String problem;

    /**
     * @param file    where the calibration is kept
     * @param machine what identifies this machine ({@link #thisMachine()})
     */
    public MachineSpeedCache(Path file, String machine) {
        this.file = file;
        this.machine = machine;
    }

    /** The processor's model name (from /proc/cpuinfo where there is one), its count and the architecture. */
    public static String thisMachine() {
        String model = System.getProperty("os.arch");
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux): the architecture and core count identify the machine less precisely.
        }
        return model + " x " + Runtime.getRuntime().availableProcessors() + " (" + System.getProperty("os.arch") + ")";
    }

    public Path file() {
        return file;
    }

    /**
     * The calibration stored for this machine, or null when there is none: no file, a file for another machine, or
     * a file that is unreadable or malformed (the reason is in {@link #lastProblem}).
     */
    public MachineSpeed read() {
        problem = null;
        try {
            if (Files.size(file) > MAX_BYTES) {
                problem = file + " is larger than a calibration (" + Files.size(file) + " bytes)";
                return null;
            }
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            if (!Integer.toString(VERSION).equals(p.getProperty("version"))) {
                problem = file + " is from an earlier NetCanvas (calibration version " + p.getProperty("version", "1")
                        + ", now " + VERSION + ")";
                return null;
            }
            if (!machine.equals(p.getProperty("machine"))) {
                problem = file + " was measured on another machine (" + p.getProperty("machine") + ")";
                return null;
            }
            return new MachineSpeed(Double.parseDouble(p.getProperty("gflops", "?")),
                    Double.parseDouble(p.getProperty("gigabytesPerSecond", "?")),
                    Double.parseDouble(p.getProperty("microsecondsPerCall", "?")),
                    Integer.parseInt(p.getProperty("floatsPerVector", "?")));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | IllegalArgumentException e) {
            // NumberFormatException is an IllegalArgumentException, as is MachineSpeed's refusal of a value.
            problem = file + " is not a readable calibration (" + e.getMessage() + ")";
            return null;
        }
    }

    /** Why the last {@link #read} found nothing usable in an existing file, or null. */
    public String lastProblem() {
        return problem;
    }

    /** Stores a calibration for this machine, replacing the file atomically. */
    public void write(MachineSpeed speed) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, String.format(Locale.ROOT, "# NetCanvas's calibration of this machine, for"
                + " training-time estimates (summary --time).%n# Delete this file to measure again.%n"
                + "version=%d%nmachine=%s%ngflops=%s%ngigabytesPerSecond=%s%nmicrosecondsPerCall=%s%n"
                + "floatsPerVector=%d%n",
                VERSION, escape(machine), speed.gflops(), speed.gigabytesPerSecond(), speed.microsecondsPerCall(),
                speed.floatsPerVector()));
    }

    /** A properties value: backslashes and line breaks escaped, so it reads back as written. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
