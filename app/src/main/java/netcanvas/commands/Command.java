package netcanvas.commands;

import netcanvas.graph.Network;

/**
 * One undoable edit. A command is a pure function from the network before to the network after; the
 * {@link Document} keeps both, so undo and redo restore exact snapshots and never re-run the edit.
 */
public interface Command {

    /** What the Edit menu shows after "Undo", e.g. "Add Conv2d". */
    String name();

    /**
     * The network after this edit.
     *
     * @throws EditRefused with a message for people when the edit is impossible on this network (a cycle, a
     *                     second input into a single-input layer); the document is left unchanged
     */
    Network apply(Network before) throws EditRefused;
}
