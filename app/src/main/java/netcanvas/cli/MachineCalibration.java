package netcanvas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import netcanvas.analysis.MachineSpeed;
import netcanvas.io.AppHome;
import netcanvas.io.MachineSpeedCache;

/**
 * This machine's speed for time estimates: read from NetCanvas's home folder ({@code calibration.properties}, shared
 * with the desktop app), or measured once (a few seconds through ND4J) and kept there.
 */
final class MachineCalibration {
    /** Seconds each of the two measurements runs. */
    static final double SECONDS = 1.5;

    private MachineCalibration() {
    }

    /** The cache in NetCanvas's home folder, for this machine. */
    static MachineSpeedCache cache() {
        return new MachineSpeedCache(AppHome.dir().resolve(MachineSpeedCache.FILE_NAME),
                MachineSpeedCache.thisMachine());
    }

    /**
     * The stored calibration, or a new one measured now and stored (messages on {@code err}).
     *
     * @param again measure even when a calibration is stored
     */
    static MachineSpeed speed(boolean again, PrintWriter err) {
        MachineSpeedCache cache = cache();
        MachineSpeed speed = again ? null : cache.read();
        if (speed != null) {
            return speed;
        }
        if (cache.lastProblem() != null) {
            err.println("calibration: " + netcanvas.io.SafeText.of(cache.lastProblem()) + "; measuring again");
        }
        err.println("calibration: measuring this machine's convolution throughput and memory bandwidth (a few"
                + " seconds, once)");
        err.flush();
        speed = measure();
        try {
            cache.write(speed);
            err.println("calibration: " + speed + ", kept in " + netcanvas.io.SafeText.of(cache.file().toString()));
        } catch (IOException e) {
            err.println("calibration: " + speed + " (not kept: " + netcanvas.io.SafeText.of(String.valueOf(
                    e.getMessage())) + ")");
        }
        err.flush();
        return speed;
    }

    /** Runs the measurement (ND4J loads then, not before: a summary without --time never loads it). */
    private static MachineSpeed measure() {
        try {
            return netcanvas.train.SpeedCalibration.measure(SECONDS);
        } catch (netcanvas.train.TrainingException e) {
            throw new CommandFailure(ExitCodes.INTERNAL, "calibration failed: " + e.getMessage());
        }
    }
}
