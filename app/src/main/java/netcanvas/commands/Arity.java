package netcanvas.commands;

import netcanvas.graph.CompositeSpec;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.PrimitiveSpec;

/** How many inputs a layer or block accepts, read from the kind itself. */
final class Arity {
    private Arity() {
    }

    static int max(LayerSpec spec) {
        if (spec instanceof PrimitiveSpec p) {
            return p.maxInputs();
        }
        return ((CompositeSpec) spec).maxInputs();
    }
}
