package netcanvas.cli;

import picocli.CommandLine;

/**
 * {@code export} as its own process, for {@link ExportPictureTest}: runs the command and then simply returns from
 * main (no System.exit), so the process ends only if the command shut JavaFX down again.
 */
public final class ExportInFreshJvm {
    private ExportInFreshJvm() {
    }

    public static void main(String[] args) {
        int code = ErrorHandling.install(new CommandLine(new ExportCommand())).execute(args);
        System.out.println("exit code " + code);
    }
}
