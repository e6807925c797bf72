package netcanvas.canvas;

/**
 * One drawn edge: data flows from node {@code from} into input {@code slot} (of {@code slots}) of node {@code to},
 * labelled with the shape it carries ("?" when unknown).
 */
public record EdgeModel(String from, String to, int slot, int slots, String label) {

    public String key() {
        return from + "->" + to + "#" + slot;
    }
}
