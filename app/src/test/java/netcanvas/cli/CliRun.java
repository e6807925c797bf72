package netcanvas.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import netcanvas.app.Main;
import picocli.CommandLine;

/** Runs the real command line in-process, as Main does, and captures what it prints. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        TerminalSafeWriter.wrap(cl); // as Main.commandLine() wraps the real ones
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The first line of standard output that starts with this text (after indentation), or null. */
    String line(String start) {
        for (String l : out.split("\n")) {
            if (l.strip().startsWith(start + " ")) {
                return l;
            }
        }
        return null;
    }

    /** True when standard error shows no trace of a Java exception. */
    boolean noStackTrace() {
        return !err.contains("\tat ") && !err.contains("Exception") && !out.contains("\tat ");
    }
}
