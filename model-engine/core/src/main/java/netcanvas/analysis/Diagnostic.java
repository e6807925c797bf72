package netcanvas.analysis;

/**
 * A problem found in a network.
 *
 * @param node    the layer it is about: a node id, or an expanded id such as "layer1.0.add" inside a block; empty
 *                for the network as a whole
 * @param owner   the node of the designed (unexpanded) network that holds that layer, where the canvas pins the badge
 * @param message what is wrong and how to fix it
 */
public record Diagnostic(String node, String owner, Severity severity, String message) {

    public enum Severity {
        ERROR, WARNING;

        /** "error" or "warning", as files and the command line write it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static Diagnostic error(String node, String owner, String message) {
        return new Diagnostic(node, owner, Severity.ERROR, message);
    }

    static Diagnostic warning(String node, String owner, String message) {
        return new Diagnostic(node, owner, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity.label() + (node.isEmpty() ? "" : " at '" + node + "'") + ": " + message;
    }
}
