package netcanvas.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import netcanvas.graph.Add;
import netcanvas.graph.Conv2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Node;
import netcanvas.graph.ReLU;
import org.junit.jupiter.api.Test;

class DocumentTest {

    /** input(1x8x8) -> conv(4 @ 3x3) -> relu, plus a loose ReLU "r2". */
    private static Document small() {
        return new Document(new NetBuilder("t").input(1, 8, 8).then("conv", Conv2d.of(4, 3, 1, 0, true))
                .then("relu", new ReLU()).add("r2", new ReLU()).build());
    }

    @Test
    void connectUndoRedoRestoreTheExactNetworks() {
        Document d = small();
        var before = d.network();
        assertEquals(Optional.empty(), d.execute(new Connect("relu", "r2")));
        // conv: 8 - 3 + 1 = 6, so r2 now carries 4x6x6
        assertEquals("4x6x6", d.analysis().shapeOf("r2").toString());
        assertTrue(d.dirty());
        d.undo();
        assertTrue(d.network() == before, "undo restores the very snapshot");
        assertFalse(d.dirty(), "undoing back to the opened network is not a change");
        assertNull(d.analysis().shapeOf("r2"), "r2 has no input again");
        d.redo();
        assertEquals(List.of("relu"), d.network().node("r2").inputs());
    }

    @Test
    void refusesCyclesAndASecondInputIntoAReLU() {
        Document d = small();
        Optional<String> cycle = d.execute(new Connect("relu", "conv"));
        assertTrue(cycle.orElseThrow().contains("cycle"), cycle.toString());
        Optional<String> second = d.execute(new Connect("input", "relu"));
        assertTrue(second.orElseThrow().contains("takes one input"), second.toString());
        Optional<String> intoInput = d.execute(new Connect("relu", "input"));
        assertTrue(intoInput.orElseThrow().contains("takes no inputs"), intoInput.toString());
        assertFalse(d.canUndo(), "refused edits leave no undo step");
    }

    @Test
    void addTakesManyInputs() {
        Document d = small();
        d.execute(AddNodes.one(new Node("add", new Add(), List.of())));
        assertEquals(Optional.empty(), d.execute(new Connect("conv", "add")));
        assertEquals(Optional.empty(), d.execute(new Connect("relu", "add")));
        assertEquals(List.of("conv", "relu"), d.network().node("add").inputs());
        assertEquals("Connect relu to add", d.undoName());
    }

    @Test
    void removeDropsEdgesAndUndoBringsThemBack() {
        Document d = small();
        d.execute(RemoveNodes.delete(Set.of("conv")));
        assertNull(d.network().node("conv"));
        assertEquals(List.of(), d.network().node("relu").inputs());
        d.undo();
        assertEquals(List.of("conv"), d.network().node("relu").inputs());
    }

    @Test
    void renameFollowsEveryEdgeAndRefusesTakenOrDottedIds() {
        Document d = small();
        assertEquals(Optional.empty(), d.execute(new RenameNode("conv", "stem")));
        assertEquals(List.of("stem"), d.network().node("relu").inputs());
        assertNull(d.network().node("conv"));
        assertTrue(d.execute(new RenameNode("stem", "relu")).orElseThrow().contains("already"));
        assertTrue(d.execute(new RenameNode("stem", "a.b")).orElseThrow().contains("dots"));
        d.undo();
        assertEquals(List.of("conv"), d.network().node("relu").inputs());
    }

    @Test
    void pasteRenamesCopiesAndKeepsOnlyInnerEdges() {
        Document d = small();
        List<Node> copied = List.of(d.network().node("conv"), d.network().node("relu"));
        d.execute(PasteNodes.of("Paste", d.network(), copied, 30, 30));
        assertEquals(List.of(), d.network().node("conv_2").inputs(), "its input was outside the copy");
        assertEquals(List.of("conv_2"), d.network().node("relu_2").inputs());
        assertEquals(6, d.network().nodes().size());
    }

    @Test
    void importedWeightsStayWhileTheyFitAndComeBackOnUndo() {
        Document d = small();
        var a = d.analysis();
        java.util.Map<String, netcanvas.weights.Tensor> w = new java.util.LinkedHashMap<>();
        // conv: 4 filters of 1x3x3 and 4 biases
        netcanvas.weights.WeightShapes.of(a).forEach((k, s) -> w.put(k,
                netcanvas.weights.Tensor.of(s, new float[(int) netcanvas.weights.Tensor.elements(s)])));
        var weights = new netcanvas.weights.WeightSet(w);
        d.open(d.network(), java.nio.file.Path.of("t.onnx"), false, weights);
        assertTrue(d.weightsFit());
        assertTrue(d.weights() == weights, "unchanged, the document gives the imported set itself");
        // 8 filters instead of 4: conv.weight (8x1x3x3) and conv.bias (8) no longer fit
        d.execute(new ChangeSpec("conv", Conv2d.of(8, 3, 1, 0, true)));
        assertFalse(d.weightsFit());
        assertTrue(d.weights().isEmpty(), "no tensor fits any more");
        assertTrue(d.hasImportedWeights());
        d.undo();
        assertTrue(d.weightsFit(), "undo brings the network, and with it the weights, back");
        // a new document forgets them
        d.open(small().network(), null, false);
        assertFalse(d.hasImportedWeights());
        assertFalse(d.weightsFit());
    }
}
