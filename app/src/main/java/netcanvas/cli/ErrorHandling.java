package netcanvas.cli;

import java.io.PrintWriter;
import java.util.Optional;
import netcanvas.train.NativeBackend;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every command reports failure: one or a few lines on standard error that say what is wrong, and an exit code
 * from {@link ExitCodes}. Nothing is ever printed as a stack trace unless NETCANVAS_DEBUG is set.
 */
public final class ErrorHandling {
    private static final String DEBUG_VARIABLE = "NETCANVAS_DEBUG";

    private ErrorHandling() {
    }

    /**
     * Installs the handlers on a command and every subcommand it has now: call it after registering subcommands.
     */
    public static CommandLine install(CommandLine commandLine) {
        return commandLine.setParameterExceptionHandler(ErrorHandling.usage())
                .setExecutionExceptionHandler(ErrorHandling.failure());
    }

    /** A wrong option or argument: the message, any "did you mean", and where to find help. */
    static IParameterExceptionHandler usage() {
        return (ex, args) -> {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            String name = cl.getCommandSpec().qualifiedName();
            err.println(name + ": " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + name + " --help' for usage.");
            err.flush();
            return ExitCodes.UNREADABLE;
        };
    }

    /**
     * An exception out of a command: a {@link CommandFailure} is the user's to fix; anything else is a bug. (A
     * ParameterException thrown by a command goes to {@link #usage()}: picocli routes it there itself.)
     */
    static IExecutionExceptionHandler failure() {
        return (ex, cl, parseResult) -> {
            PrintWriter err = cl.getErr();
            String name = cl.getCommandSpec().qualifiedName();
            if (ex instanceof CommandFailure f) {
                err.println(name + ": " + f.getMessage());
                err.flush();
                return f.exitCode();
            }
            return unexpected(err, name, ex);
        };
    }

    /**
     * An exception no command expected: ND4J's backend failing to load is the machine's (what it lacks is
     * printed), anything else a bug.
     *
     * @return the exit status
     */
    public static int unexpected(PrintWriter err, String name, Throwable ex) {
        Optional<String> backend = NativeBackend.loadFailure(ex);
        if (backend.isPresent()) {
            err.println(name + ": " + backend.get());
            err.flush();
            return ExitCodes.UNSUPPORTED_MACHINE;
        }
        internalError(err, name, ex);
        return ExitCodes.INTERNAL;
    }

    /** The message for a bug: what happened in one line, and how to see more. */
    public static void internalError(PrintWriter err, String name, Throwable ex) {
        err.println(name + ": internal error: " + ex);
        if (System.getenv(DEBUG_VARIABLE) != null) {
            ex.printStackTrace(err);
        } else {
            err.println("This is a bug in NetCanvas; run again with " + DEBUG_VARIABLE + "=1 to see where it happened.");
        }
        err.flush();
    }
}
