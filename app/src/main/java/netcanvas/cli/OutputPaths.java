package netcanvas.cli;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import netcanvas.io.AtomicFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks the files a command will write before it reads or computes anything: an output that is the design being
 * read, a folder, a FIFO, a socket, a block device or a read-only file is a bad option (exit status 2), with a
 * message naming the option and the path.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * @param option the option that named the path ("-o", "--metrics"), for the message
     * @param design the command's network argument (a file or a preset name)
     */
    static void check(CommandSpec spec, String option, Path output, String design) {
        Path in = designFile(design);
        if (in != null && AtomicFiles.sameFile(output, in)) {
            throw new ParameterException(spec.commandLine(), option + " " + output + " is the design being read ("
                    + design + "): writing there would destroy it; give another file");
        }
        try {
            AtomicFiles.checkTarget(output);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), option + " " + e.getMessage());
        }
    }

    /** The design's file, or null for a preset name or an unusable path. */
    static Path designFile(String design) {
        try {
            return Path.of(design);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
