package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.files.FilePicker;
import netcanvas.graph.Conv2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Node;
import netcanvas.graph.Output;
import netcanvas.onnx.OnnxExporter;
import netcanvas.onnx.OnnxImporter;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.OperatorSetIdProto;
import onnx.OnnxMl.TensorShapeProto;
import onnx.OnnxMl.TypeProto;
import onnx.OnnxMl.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * ONNX in the app, as a user meets it: File > Open reads a model (in the background) with its weights, lists the
 * operators it could not import by their ONNX node, asks for the size of a symbolic input; Save keeps the design
 * and says the weights stay in the .onnx; File > Export as ONNX writes the imported weights back, and refuses a
 * network with errors in a dialog. File dialogs are answered by a {@link ScriptedPicker}; the application's own
 * dialogs are answered with the mouse.
 */
@ExtendWith(ApplicationExtension.class)
class OnnxAppUiTest {
    private final ScriptedPicker user = new ScriptedPicker();
    private MainWindow window;
    private Stage stage;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage, StartNetwork.builtIn(), user);
        window.show();
    }

    /** LeNet-5 as an ONNX model with weights 0, 1, ..., 96, 0, 1, ... in every tensor. */
    private Path lenetOnnx(String name) throws Exception {
        Analysis a = Analyzer.analyze(StartNetwork.builtIn());
        Map<String, Tensor> w = new LinkedHashMap<>();
        WeightShapes.of(a).forEach((k, s) -> {
            float[] v = new float[(int) Tensor.elements(s)];
            for (int i = 0; i < v.length; i++) {
                v[i] = i % 97;
            }
            w.put(k, Tensor.of(s, v));
        });
        Path p = dir.resolve(name);
        Files.write(p, OnnxExporter.export(a, new WeightSet(w), 13));
        return p;
    }

    private static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam(d == -1 ? "N" : "H")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    private static NodeProto op(String type, String name, String out, String in) {
        return NodeProto.newBuilder().setOpType(type).setName(name).addInput(in).addOutput(out).build();
    }

    private Path model(String name, GraphProto.Builder g) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, ModelProto.newBuilder().setIrVersion(7).addOpsetImport(OperatorSetIdProto.newBuilder()
                .setVersion(13)).setGraph(g).build().toByteArray());
        return p;
    }

    private static void await(CompletableFuture<Boolean> f, boolean expected) throws Exception {
        assertEquals(expected, f.get(60, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private CompletableFuture<Boolean> onFx(java.util.function.Supplier<CompletableFuture<Boolean>> action) {
        AtomicReference<CompletableFuture<Boolean>> f = new AtomicReference<>();
        CompletableFuture<Boolean> started = new CompletableFuture<>();
        Platform.runLater(() -> {
            f.set(action.get());
            started.complete(true);
        });
        // the action may open a dialog (and wait for it) before it returns: hand back a future that follows it
        return started.thenCompose(x -> f.get());
    }

    private DialogPane dialog(String id) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> !window.status().isBusy() && robot().lookup("#" + id).tryQuery().isPresent());
        return robot().lookup("#" + id).queryAs(DialogPane.class);
    }

    private static FxRobot robot() {
        return new FxRobot();
    }

    private void press(FxRobot robot, String button) {
        robot.clickOn(robot.lookup(".dialog-pane .button").match(LabeledMatchers.hasText(button))
                .queryAs(Button.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> ids() {
        return window.document().network().nodes().stream().map(Node::id).toList();
    }

    @Test
    void openingAModelShowsItWithItsNumbersAndSaveKeepsTheDesignOnly(FxRobot robot) throws Exception {
        Path model = lenetOnnx("lenet.onnx");
        byte[] original = Files.readAllBytes(model);
        user.answer(model);
        robot.clickOn("#network-canvas");
        robot.push(KeyCode.CONTROL, KeyCode.O);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.equals(window.document().file()));
        WaitForAsyncUtils.waitForFxEvents();

        FilePicker.Request asked = user.last().request();
        assertTrue(asked.filters().contains(new FilePicker.Filter("ONNX models (*.onnx)", List.of("*.onnx"))),
                asked.filters().toString());
        assertTrue(asked.filters().contains(new FilePicker.Filter("NetCanvas network (*.json)", List.of("*.json"))),
                asked.filters().toString());
        // LeNet-5's 61,706 parameters (by hand in FileDialogsUiTest), every layer on the canvas, laid out
        assertEquals(61_706L, window.document().analysis().totals().trainableParams());
        assertEquals(ids().stream().sorted().toList(), window.canvas().views().keySet().stream().sorted().toList());
        assertTrue(ids().containsAll(List.of("conv1", "conv2", "fc1", "fc2", "fc3")), ids().toString());
        assertTrue(window.document().network().nodes().stream().allMatch(n -> n.position() != null));
        assertEquals("lenet.onnx \u2014 NetCanvas", stage.getTitle());
        assertEquals("Opened lenet.onnx", window.status().message());
        assertFalse(window.status().isBusy());
        assertTrue(window.document().weightsFit(), "the model's weights stay with the document");
        assertArrayEquals(OnnxImporter.read(model).weights().get("fc3.weight").floats(),
                window.document().weights().get("fc3.weight").floats());

        // Save asks for a NetCanvas file (never overwrites the .onnx) and says, once, where the weights are
        Path json = dir.resolve("lenet.json");
        user.answer(json);
        robot.push(KeyCode.CONTROL, KeyCode.S);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("save", user.last().dialog());
        assertEquals("lenet.json", user.last().request().suggestedName());
        assertArrayEquals(original, Files.readAllBytes(model), "the .onnx file is untouched");
        assertTrue(Files.readString(json).contains("\"conv1\""));
        assertEquals("Saved lenet.json (the design only: the weights stay in lenet.onnx)",
                window.status().message());
        robot.push(KeyCode.CONTROL, KeyCode.S);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Saved lenet.json", window.status().message(), "told once");
        assertEquals("lenet.json \u2014 NetCanvas", stage.getTitle());
    }

    @Test
    void exportingAnImportedModelWritesItsOwnWeights(FxRobot robot) throws Exception {
        Path model = lenetOnnx("lenet.onnx");
        await(onFx(() -> window.files().openOnnx(model, null)), true);
        Path out = dir.resolve("again.onnx");
        user.answer(out);
        await(onFx(() -> window.exports().onnx()), true);
        assertEquals("Export as ONNX", user.last().request().title());
        assertEquals(dir, user.last().request().startIn(), "the dialog starts in the open file's folder");
        assertEquals("lenet.onnx", user.last().request().suggestedName());
        WeightSet before = OnnxImporter.read(model).weights();
        WeightSet after = OnnxImporter.read(out).weights();
        assertEquals(before.names(), after.names());
        for (String n : before.names()) {
            assertArrayEquals(before.get(n).floats(), after.get(n).floats(), n);
        }
        assertTrue(window.status().message().contains("with the imported weights"), window.status().message());

        // a new 5-class head: its weights start afresh, every other layer keeps the imported ones
        robot.interact(() -> window.document().execute(new netcanvas.commands.ChangeSpec("fc3",
                new netcanvas.graph.Dense(5, true))));
        assertFalse(window.document().weightsFit());
        Path headless = dir.resolve("five.onnx");
        user.answer(headless);
        CompletableFuture<Boolean> export = onFx(() -> window.exports().onnx());
        DialogPane ask = dialog("onnx-weights");
        assertTrue(ask.getContentText().contains("8 of 10 tensors still fit"), ask.getContentText());
        press(robot, "Initial weights");
        await(export, true);
        WeightSet five = OnnxImporter.read(headless).weights();
        for (String n : List.of("conv1.weight", "conv2.bias", "fc1.weight", "fc2.weight", "fc2.bias")) {
            assertArrayEquals(before.get(n).floats(), five.get(n).floats(), n);
        }
        assertEquals(5 * 84, five.get("fc3.weight").length());
        assertTrue(window.status().message().contains("with 8 imported tensors and 2 initial ones (seed 42)"),
                window.status().message());
    }

    @Test
    void anOperatorNetCanvasLacksIsListedByItsNodeAndTheRestOpens(FxRobot robot) throws Exception {
        // x -> Relu -> Erf (no NetCanvas layer) -> Relu
        Path p = model("erf.onnx", GraphProto.newBuilder().setName("g").addInput(value("x", -1, 3, 8, 8))
                .addNode(op("Relu", "/relu/Relu", "a", "x")).addNode(op("Erf", "/erf/Erf", "b", "a"))
                .addNode(op("Relu", "/relu2/Relu", "c", "b")).addOutput(value("c", -1, 3, 8, 8)));
        CompletableFuture<Boolean> opened = onFx(() -> window.files().openOnnx(p, null));
        DialogPane pane = dialog("import-problems");
        assertTrue(pane.getHeaderText().contains("1 ONNX operator has no NetCanvas layer"), pane.getHeaderText());
        String listed = robot.lookup("#import-problems-list").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(listed.contains("'/erf/Erf' (Erf)"), listed);
        press(robot, "OK");
        await(opened, true);
        assertEquals(p, window.document().file());
        assertNotNull(window.canvas().viewOf("relu"), "the layers it could import are on the canvas");
        assertEquals("3x8x8", window.document().analysis().layer("relu").output().toString());
        assertTrue(window.status().message().contains("1 operator not imported"),
                window.status().message());
    }

    @Test
    void aSymbolicInputSizeIsAskedForAndCancelOpensNothing(FxRobot robot) throws Exception {
        Path p = model("any-size.onnx", GraphProto.newBuilder().setName("g").addInput(value("x", -1, 3, -2, -2))
                .addNode(op("Relu", "/relu/Relu", "y", "x")).addOutput(value("y", -1, 3, -2, -2)));
        CompletableFuture<Boolean> opened = onFx(() -> window.files().openOnnx(p, null));
        DialogPane pane = dialog("input-size");
        assertTrue(pane.getHeaderText().contains("[N, 3, H, H]"), pane.getHeaderText());
        TextField c = robot.lookup("#input-channels").queryAs(TextField.class);
        TextField h = robot.lookup("#input-height").queryAs(TextField.class);
        TextField w = robot.lookup("#input-width").queryAs(TextField.class);
        assertEquals(List.of("3", "224", "224"), List.of(c.getText(), h.getText(), w.getText()));
        robot.interact(() -> {
            h.setText("32");
            w.setText("48");
        });
        press(robot, "OK");
        await(opened, true);
        assertEquals("3x32x48", window.document().analysis().layer("relu").output().toString());
        assertEquals("any-size.onnx \u2014 NetCanvas", stage.getTitle());

        // again, and cancelled: the open document stays
        var before = window.document().network();
        CompletableFuture<Boolean> again = onFx(() -> window.files().openOnnx(p, null));
        dialog("input-size");
        press(robot, "Cancel");
        await(again, false);
        assertTrue(window.document().network() == before);
        assertEquals("Not opened: any-size.onnx needs an input size", window.status().message());
    }

    @Test
    void exportOfANetworkWithErrorsIsRefusedInADialog(FxRobot robot) throws Exception {
        // a 9x9 kernel on an 8x8 input: (8 - 9) / 1 + 1 = 0, no output
        var broken = new NetBuilder("broken").input(3, 8, 8).then("conv", Conv2d.of(4, 9, 1, 0, true))
                .then("out", new Output()).build();
        robot.interact(() -> window.files().load(netcanvas.canvas.AutoLayout.apply(broken), null, false));
        CompletableFuture<Boolean> export = onFx(() -> window.exports().onnx());
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("Cannot export as ONNX", pane.getHeaderText());
        assertTrue(pane.getContentText().contains("error at 'conv'"), pane.getContentText());
        press(robot, "OK");
        await(export, false);
        assertTrue(user.asked().isEmpty(), "no file was asked for");
        assertTrue(window.status().message().startsWith("Not exported: the network has 1 error"),
                window.status().message());
    }

    @Test
    void aDesignWithoutWeightsExportsTheInitialWeightsOfATrainingRun(FxRobot robot) throws Exception {
        Path out = dir.resolve("lenet5.onnx");
        user.answer(out);
        CompletableFuture<Boolean> export = onFx(() -> window.exports().onnx());
        dialog("onnx-weights");
        press(robot, "Initial weights");
        await(export, true);
        OnnxImporter.Imported im = OnnxImporter.read(out);
        assertEquals(61_706L, im.weights().values() - 0, "every parameter written");
        assertEquals(Analyzer.analyze(StartNetwork.builtIn()).totals(), Analyzer.analyze(im.network()).totals());
        float[] conv1 = im.weights().get("conv1.weight").floats();
        assertTrue(java.util.stream.IntStream.range(0, conv1.length).anyMatch(i -> conv1[i] != 0), "not zeros");
        assertTrue(window.status().message().contains("with initial weights (seed 42)"), window.status().message());
    }

    @Test
    void aDroppedFileOpensLikeFileOpen(FxRobot robot) throws Exception {
        Path model = lenetOnnx("dropped.onnx");
        robot.interact(() -> window.files().openDropped(model));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.equals(window.document().file()));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        robot.interact(() -> window.files().openDropped(text));
        assertEquals(model, window.document().file());
        assertTrue(window.status().message().startsWith("Not opened: notes.txt"), window.status().message());
    }
}
