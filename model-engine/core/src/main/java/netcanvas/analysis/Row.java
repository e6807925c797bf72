package netcanvas.analysis;

import java.util.List;
import netcanvas.graph.Cost;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.Shape;

/**
 * One row of the summary tree: a primitive layer, or a block with its inner rows and summed costs.
 *
 * @param output         output shape, or null when unknown
 * @param receptiveField of the row's output (a block: of its last layer)
 */
public record Row(String id, LayerSpec spec, Shape output, Cost cost, long memoryBytes, long receptiveField,
        List<Row> children) {

    public boolean composite() {
        return !children.isEmpty();
    }
}
