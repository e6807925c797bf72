package netcanvas.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the inner layers of one composite block as it expands. Inner ids are the block's id, a dot and a local
 * name ("layer1.0.conv1"), so every expanded layer keeps a stable, readable id.
 */
public final class BlockBuilder {
    private final String blockId;
    private final List<String> inputs;
    private final List<Shape> inputShapes;
    private final List<Node> children = new ArrayList<>();
    private String output;

    /**
     * @param inputShapes the block's input shapes; an entry is null where an upstream error left it unknown
     */
    public BlockBuilder(String blockId, List<String> inputs, List<Shape> inputShapes) {
        this.blockId = blockId;
        this.inputs = List.copyOf(inputs);
        this.inputShapes = new ArrayList<>(inputShapes);
    }

    public String input(int i) {
        return inputs.get(i);
    }

    /** The shape of input i, or null when unknown. */
    public Shape inputShape(int i) {
        return inputShapes.get(i);
    }

    /** Channels of input 0, or the fallback when the shape is unknown (the block's output is unknown then too). */
    public long inputChannels(long fallback) {
        Shape s = inputShapes.isEmpty() ? null : inputShapes.get(0);
        return s == null ? fallback : s.channels();
    }

    /** Adds an inner layer fed by the given ids; it becomes the block's output until another is added. */
    public String add(String name, LayerSpec spec, String... from) {
        String id = blockId + "." + name;
        children.add(new Node(id, spec, Arrays.asList(from)));
        output = id;
        return id;
    }

    /** Declares which inner layer (or block input) is the block's output. */
    public void output(String id) {
        output = id;
    }

    public String blockId() {
        return blockId;
    }

    public List<Node> children() {
        return List.copyOf(children);
    }

    public String outputId() {
        return output;
    }
}
