package netcanvas.tables;

import java.util.Comparator;
import java.util.PriorityQueue;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The width a table column needs to draw its heading and every one of its texts whole, as the theme's fonts draw
 * them: the summary table and the comparison table size their columns with it and scroll sideways instead of cutting
 * a figure or a layer's path.
 */
public final class ColumnFit {
    /** Room a cell needs beside its text: padding, border and a little air between neighbouring figures. */
    static final double CELL_ROOM = 18;
    /**
     * How many of a column's longest texts (in characters, a tree level's indent counted as two) are measured: the
     * widest in pixels is among them, and measuring every row of a large network's table would be slow.
     */
    static final int MEASURED = 24;

    private ColumnFit() {
    }

    /** A cell's text and its depth in a tree (0 in a flat table or a column without the tree's indent). */
    public record Cell(String text, int depth) {
        int length() {
            return text.length() + 2 * depth;
        }
    }

    /**
     * The room a tree column's cells need before their text: the expand arrow, and one indent per level below the
     * top.
     */
    public record Indent(double arrow, double perLevel) {
        /** No indent: a flat column. */
        public static final Indent NONE = new Indent(0, 0);

        double before(int depth) {
            return this == NONE ? 0 : arrow + perLevel * depth;
        }
    }

    /** The whole pixels a column needs for its heading and its cells. */
    public static double width(String heading, Iterable<Cell> cells, Font headerFont, Font cellFont, Indent indent) {
        PriorityQueue<Cell> longest = new PriorityQueue<>(Comparator.comparingInt(Cell::length));
        for (Cell c : cells) {
            longest.add(c);
            if (longest.size() > MEASURED) {
                longest.poll();
            }
        }
        Text probe = new Text(heading);
        probe.setFont(headerFont);
        double width = probe.getLayoutBounds().getWidth();
        probe.setFont(cellFont);
        for (Cell c : longest) {
            probe.setText(c.text());
            width = Math.max(width, probe.getLayoutBounds().getWidth() + indent.before(c.depth()));
        }
        return Math.ceil(width + CELL_ROOM);
    }

    /** The font a control draws with at a selector (its CSS's), or JavaFX's default before the first CSS pass. */
    public static Font fontOf(Parent control, String selector) {
        Node n = control.lookup(selector);
        return n instanceof Labeled l ? l.getFont() : Font.getDefault();
    }
}
