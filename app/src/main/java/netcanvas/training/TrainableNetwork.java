package netcanvas.training;

import netcanvas.analysis.Analysis;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.TrainingShape;
import netcanvas.graph.Network;

/**
 * The current design as training sees it: its input shape and class count, or why it cannot be trained yet.
 *
 * @param refusal null when the network can be trained, else what to fix
 */
public record TrainableNetwork(Network network, int channels, int height, int width, int classes, String refusal) {

    public static TrainableNetwork of(Analysis a) {
        Network n = a.network();
        for (Diagnostic d : a.diagnostics()) {
            if (d.isError()) {
                return refused(n, "Fix the network first: " + d);
            }
        }
        TrainingShape ends = TrainingShape.of(a);
        if (!ends.trainable()) {
            String why = ends.problem();
            return refused(n, Character.toUpperCase(why.charAt(0)) + why.substring(1));
        }
        int[] chw = ends.inputChw();
        return new TrainableNetwork(n, chw[0], chw[1], chw[2], ends.classes(), null);
    }

    private static TrainableNetwork refused(Network n, String why) {
        return new TrainableNetwork(n, 0, 0, 0, 0, why);
    }

    public boolean trainable() {
        return refusal == null;
    }

    /** "1x32x32, 10 classes". */
    public String describe() {
        return channels + "x" + height + "x" + width + ", " + classes + " classes";
    }
}
