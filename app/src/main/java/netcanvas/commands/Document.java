package netcanvas.commands;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Network;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;

/**
 * The open design: one immutable {@link Network}, its {@link Analysis}, the undo/redo stack and the file it belongs
 * to. The network changes only through {@link #execute}, {@link #undo}, {@link #redo} and {@link #open}; after each
 * change it is re-analysed and listeners redraw from the new analysis (command -> network -> analysis -> views).
 * A document opened from an ONNX model also holds the model's weights (immutable); {@link #weights()} gives those
 * that still fit the network as it is now, so an edit that changes a layer's size drops that layer's weights (and
 * undoing it brings them back).
 */
public final class Document {

    /** One executed edit with the snapshots on either side of it. */
    private record Step(Command command, Network before, Network after) {
    }

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final List<Consumer<Document>> listeners = new ArrayList<>();
    private Network network;
    private Analysis analysis;
    private Network saved;
    private Path file;
    private WeightSet imported = WeightSet.EMPTY;
    /** {@link #weights()} for {@link #fitted}'s analysis, computed when first asked. */
    private WeightSet fitting;
    private Analysis fitted;

    public Document(Network network) {
        this.network = network;
        this.analysis = Analyzer.analyze(network);
        this.saved = network;
    }

    public Network network() {
        return network;
    }

    public Analysis analysis() {
        return analysis;
    }

    /** The file this document was opened from or saved to, or null for a new or preset document. */
    public Path file() {
        return file;
    }

    /** True when the network differs from the one last opened or saved (undoing back to it clears this). */
    public boolean dirty() {
        return network != saved;
    }

    /** Runs after every change of network, file or dirty state. */
    public void addListener(Consumer<Document> listener) {
        listeners.add(listener);
    }

    /**
     * Applies an edit and records it for undo.
     *
     * @return empty when done, else the reason the edit was refused (nothing changed then)
     */
    public Optional<String> execute(Command command) {
        Network after;
        try {
            after = command.apply(network);
        } catch (EditRefused e) {
            return Optional.of(e.getMessage());
        }
        if (after.equals(network)) {
            return Optional.empty();
        }
        undo.push(new Step(command, network, after));
        redo.clear();
        change(after);
        return Optional.empty();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Name of the edit Undo would revert, or empty. */
    public String undoName() {
        return undo.isEmpty() ? "" : undo.peek().command().name();
    }

    public String redoName() {
        return redo.isEmpty() ? "" : redo.peek().command().name();
    }

    public void undo() {
        if (!undo.isEmpty()) {
            Step s = undo.pop();
            redo.push(s);
            change(s.before());
        }
    }

    public void redo() {
        if (!redo.isEmpty()) {
            Step s = redo.pop();
            undo.push(s);
            change(s.after());
        }
    }

    /**
     * Replaces the whole document (New, Open, a preset) and forgets the undo history.
     *
     * @param from  the file it came from, or null for an unsaved document
     * @param dirty whether it starts with unsaved changes (a recovered document does)
     */
    public void open(Network opened, Path from, boolean dirty) {
        open(opened, from, dirty, WeightSet.EMPTY);
    }

    /**
     * Replaces the whole document with a network and the weights that came with it (an imported ONNX model).
     *
     * @param weights the network's weights by {@link WeightSet}'s names, or {@link WeightSet#EMPTY}
     */
    public void open(Network opened, Path from, boolean dirty, WeightSet weights) {
        undo.clear();
        redo.clear();
        file = from;
        imported = weights;
        fitting = null;
        fitted = null;
        saved = dirty ? null : opened;
        change(opened);
    }

    /**
     * The weights that came with the document (an imported model's) and still fit the network as it is now: every
     * tensor whose layer still exists with the same number of values; empty when none came or none fit.
     */
    public WeightSet weights() {
        if (imported.isEmpty()) {
            return WeightSet.EMPTY;
        }
        if (fitted != analysis) {
            fitting = stillFitting(analysis, imported);
            fitted = analysis;
        }
        return fitting;
    }

    /** True when the document holds weights for every weight the network needs ({@link #weights()} is whole). */
    public boolean weightsFit() {
        WeightSet w = weights();
        return !w.isEmpty() && WeightShapes.mismatch(analysis, w) == null;
    }

    /** True when the document came with weights (an imported model), fitting now or not. */
    public boolean hasImportedWeights() {
        return !imported.isEmpty();
    }

    private static WeightSet stillFitting(Analysis a, WeightSet all) {
        java.util.Map<String, Tensor> keep = new java.util.LinkedHashMap<>();
        WeightShapes.of(a).forEach((name, shape) -> {
            Tensor t = all.get(name);
            if (t != null && t.length() == Tensor.elements(shape)) {
                keep.put(name, t);
            }
        });
        return keep.size() == all.size() ? all : new WeightSet(keep);
    }

    /** Records that the current network now lives in this file. */
    public void markSaved(Path to) {
        file = to;
        saved = network;
        fire();
    }

    /**
     * Records that the current network, renamed, now lives in this file (Save As gives a network its file's name).
     * The rename is no undoable edit: undoing the edit before it gives back that edit's network, name and all.
     */
    public void markSavedAs(Path to, String name) {
        file = to;
        if (!network.name().equals(name)) {
            network = network.withName(name);
            analysis = Analyzer.analyze(network);
        }
        saved = network;
        fire();
    }

    private void change(Network next) {
        network = next;
        analysis = Analyzer.analyze(next);
        fire();
    }

    private void fire() {
        for (Consumer<Document> l : List.copyOf(listeners)) {
            l.accept(this);
        }
    }
}
