package netcanvas.canvas.routing;

/**
 * One edge to draw: data leaves box {@code from} at the middle of its bottom side and enters box {@code to} at input
 * {@code slot} of {@code slots}, spread evenly along its top side; its label measures {@code labelWidth} by
 * {@code labelHeight}.
 */
public record EdgeRequest(String key, String from, String to, int slot, int slots, double labelWidth,
        double labelHeight) {
}
