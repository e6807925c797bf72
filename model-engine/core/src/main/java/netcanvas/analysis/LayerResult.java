package netcanvas.analysis;

import java.util.List;
import netcanvas.graph.Cost;
import netcanvas.graph.PrimitiveSpec;
import netcanvas.graph.Shape;

/**
 * The analysis of one primitive layer of the expanded network.
 *
 * @param id             expanded id ("layer1.0.conv1")
 * @param owner          the designed network's node that holds it (itself for a top-level layer)
 * @param parent         the innermost block that holds it, or null at top level
 * @param inputs         expanded ids of its inputs, in order
 * @param output         output shape for one sample, or null when unknown (an error here or upstream)
 * @param cost           parameters, state and operations (zero when unknown)
 * @param memoryBytes    output activation memory for one sample, 4 bytes per element
 * @param receptiveField receptive field on the input's height axis, in input pixels
 * @param jump           effective stride: input pixels between neighbouring outputs
 */
public record LayerResult(String id, String owner, String parent, PrimitiveSpec spec, List<String> inputs,
        Shape output, Cost cost, long memoryBytes, long receptiveField, long jump) {

    public boolean known() {
        return output != null;
    }
}
