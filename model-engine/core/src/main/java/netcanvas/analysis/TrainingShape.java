package netcanvas.analysis;

import netcanvas.graph.Input;
import netcanvas.graph.Output;
import netcanvas.graph.Shape;

/**
 * What training needs of a network's ends: its one Input's shape and its one Output's class count, or what to fix.
 * The one place that checks them: the compiler, the command line and the training panel all ask it.
 *
 * @param input   the Input layer's shape, or null when there is none
 * @param classes the Output layer's channels (one per class), or 0 when unknown
 * @param problem null when the network can be trained, else what to change (a sentence without a capital)
 */
public record TrainingShape(Shape input, int classes, String problem) {

    /** The ends of an analysed network; diagnostics (errors elsewhere) are not this method's concern. */
    public static TrainingShape of(Analysis a) {
        Shape input = null;
        int classes = 0;
        int outputs = 0;
        for (LayerResult r : a.layers()) {
            if (r.spec() instanceof Input i) {
                if (input != null) {
                    return new TrainingShape(input, 0, "node '" + r.id() + "' is a second Input: training feeds"
                            + " images into one Input layer; remove it");
                }
                input = i.shape();
            }
            if (r.spec() instanceof Output) {
                outputs++;
                classes = r.output() == null ? 0 : Math.toIntExact(r.output().channels());
            }
        }
        if (input == null) {
            return new TrainingShape(null, 0, "the network has no Input layer: add one (training feeds images into"
                    + " it)");
        }
        if (outputs == 0) {
            return new TrainingShape(input, 0, "the network has no Output layer: end it with a Dense layer (one unit"
                    + " per class) and an Output layer");
        }
        if (outputs > 1) {
            return new TrainingShape(input, 0, "the network has " + outputs + " Output layers but training takes"
                    + " one (softmax cross-entropy): keep one");
        }
        if (classes < 1) {
            return new TrainingShape(input, 0, "the Output layer's class count is unknown: fix the errors before it");
        }
        return new TrainingShape(input, classes, null);
    }

    /** The input's channels, height and width (an Input layer's sizes are ints). */
    public int[] inputChw() {
        return new int[] {Math.toIntExact(input.channels()), Math.toIntExact(input.height()),
            Math.toIntExact(input.width())};
    }

    public boolean trainable() {
        return problem == null;
    }
}
