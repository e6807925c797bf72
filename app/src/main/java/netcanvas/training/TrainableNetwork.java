package netcanvas.training;

import netcanvas.analysis.Analysis;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.LayerResult;
import netcanvas.graph.Input;
import netcanvas.graph.Network;
import netcanvas.graph.Output;

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
        int[] chw = null;
        int classes = 0;
        int inputs = 0;
        for (LayerResult r : a.layers()) {
            if (r.spec() instanceof Input i) {
                inputs++;
                chw = new int[] {i.channels(), i.height(), i.width()};
            }
            if (r.spec() instanceof Output && r.output() != null) {
                classes = (int) r.output().channels();
            }
        }
        if (chw == null) {
            return refused(n, "Add an Input layer: training feeds images into it");
        }
        if (inputs > 1) {
            return refused(n, "Training takes one Input layer; this network has " + inputs);
        }
        if (classes == 0) {
            return refused(n, "End the network with a Dense layer (one unit per class) and an Output layer");
        }
        return new TrainableNetwork(n, chw[0], chw[1], chw[2], classes, null);
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
