package netcanvas.app;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import netcanvas.cli.BenchCommand;
import netcanvas.cli.ErrorHandling;
import netcanvas.cli.ExportCommand;
import netcanvas.cli.ImportCommand;
import netcanvas.cli.RunCommand;
import netcanvas.cli.ExitCodes;
import netcanvas.cli.CompareCommand;
import netcanvas.cli.SummaryCommand;
import netcanvas.cli.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The netcanvas entry point. Without arguments it opens the desktop window; with a command it runs headless.
 *
 * <p>The desktop app is reached by reflection so that the command line never loads a JavaFX class: commands start
 * fast and run where there is no display. For the same reason, command classes must not name JavaFX or ND4J types in
 * their fields or method signatures (picocli inspects those when it registers a command); reach such code inside
 * {@code call()}. StartupClassLoadTest checks this.
 */
@Command(name = "netcanvas", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"Design, analyse, train and export convolutional neural networks.",
            "Run without arguments to open the desktop app."})
public final class Main implements Runnable {
    static final String DESKTOP_CLASS = "netcanvas.app.DesktopApp";

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        if (args.length == 0) {
            StartupClock.mark("jvm");
        }
        if (args.length == 0) {
            netcanvas.train.NativeSetup.inBackground(); // the window loads ND4J only after NativeSetup.await()
        } else {
            netcanvas.train.NativeSetup.now();
        }
        int status;
        try {
            status = args.length == 0 ? launchDesktop(args, new PrintWriter(System.err, true))
                    : commandLine().execute(args);
        } catch (Throwable e) {
            // An error picocli does not catch (out of memory, say) still ends in a message, not a stack trace.
            status = ErrorHandling.unexpected(new PrintWriter(System.err, true), "netcanvas", e);
        }
        if (status != ExitCodes.OK || args.length > 0) {
            System.exit(status);
        }
    }

    /** The command line with every command registered: the one place commands are added. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(new HelpCommand());
        cl.addSubcommand(new SummaryCommand());
        cl.addSubcommand(new CompareCommand());
        cl.addSubcommand(new netcanvas.cli.ZooCommand());
        cl.addSubcommand(new BenchCommand());
        cl.addSubcommand(new ImportCommand());
        cl.addSubcommand(new ExportCommand());
        cl.addSubcommand(new TrainCommand());
        cl.addSubcommand(new RunCommand());
        cl.registerConverter(java.nio.file.Path.class, new netcanvas.cli.NetworkArguments.PathConverter());
        // Installed after the subcommands so that it reaches all of them.
        return netcanvas.cli.TerminalSafeWriter.wrap(ErrorHandling.install(cl));
    }

    /** Reached only when options but no command are given. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command, or run without arguments to open the "
                + "desktop app");
    }

    /**
     * Opens the window and returns when it closes; 1 when this build has no desktop app, 4 (this machine cannot run
     * it) when the app cannot load or start here, as without a display.
     */
    static int launchDesktop(String[] args, PrintWriter err) {
        Method launch;
        try {
            launch = Class.forName(DESKTOP_CLASS).getMethod("launch", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            err.println("netcanvas: the desktop app is not in this build; run 'netcanvas --help' for the "
                    + "command-line tools.");
            return 1;
        } catch (LinkageError e) {
            err.println("netcanvas: the desktop app cannot be loaded (" + e + "); is JavaFX in app/target/lib?");
            return ExitCodes.UNSUPPORTED_MACHINE;
        }
        try {
            launch.invoke(null, (Object) args);
            return ExitCodes.OK;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String display = System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                    ? " There is no display (DISPLAY is not set): the desktop app needs one; the command-line tools "
                    + "(netcanvas --help) do not." : "";
            // What this machine lacks (GTK 3, a display): exit status 4, as for ND4J's missing natives.
            err.println(desktopFailureMessage(cause) + display);
            return ExitCodes.UNSUPPORTED_MACHINE;
        } catch (IllegalAccessException e) {
            err.println("netcanvas: " + DESKTOP_CLASS + ".launch is not public: " + e.getMessage());
            return ExitCodes.INTERNAL;
        }
    }

    /**
     * What to tell the user when JavaFX fails to start. The two failures a newcomer meets get a fix: GTK 3 missing
     * (JavaFX's Linux toolkit, "Unable to load glass GTK library") and no display to open a window on.
     */
    static String desktopFailureMessage(Throwable cause) {
        String text = chainText(cause);
        String cli = "The command line works without it: run 'netcanvas --help'.";
        if (text.contains("glass GTK library") || text.contains("libgtk-3") || text.contains("libglassgtk")) {
            return "netcanvas: the desktop app could not start: GTK 3, which JavaFX needs on Linux, is not installed "
                    + "(" + cause + ").\nInstall it (Debian/Ubuntu: sudo apt-get install libgtk-3-0) and run "
                    + "again. " + cli;
        }
        if (text.contains("Unable to open DISPLAY") || text.contains("cannot open display")) {
            return "netcanvas: the desktop app could not start: there is no display to open a window on (" + cause
                    + ").\nRun it in a desktop session (or with ssh -X, or under xvfb-run). " + cli;
        }
        return "netcanvas: the desktop app could not start: " + cause;
    }

    /** The messages of a throwable and its causes, for matching. */
    private static String chainText(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (int depth = 0; t != null && depth < 16; t = t.getCause(), depth++) {
            b.append(t).append('\n');
        }
        return b.toString();
    }
}
