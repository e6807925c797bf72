package netcanvas.export;

import java.util.List;
import netcanvas.analysis.Diagnostic;

/** The network cannot be exported; the message lists every error the analysis found. */
public final class ExportException extends Exception {
    private final List<Diagnostic> errors;

    public ExportException(String networkName, List<Diagnostic> errors) {
        super(message(networkName, errors), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<Diagnostic> errors() {
        return errors;
    }

    private static String message(String name, List<Diagnostic> errors) {
        StringBuilder s = new StringBuilder("cannot export '").append(name).append("': the analysis found ")
                .append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
                .append("; fix them in the designer first:");
        for (Diagnostic d : errors) {
            s.append("\n  ").append(d);
        }
        return s.toString();
    }
}
