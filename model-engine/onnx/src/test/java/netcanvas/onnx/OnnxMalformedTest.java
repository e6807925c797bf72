package netcanvas.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.Diagnostic;
import netcanvas.io.NetworkFormatException;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.OperatorSetIdProto;
import onnx.OnnxMl.StringStringEntryProto;
import onnx.OnnxMl.TensorProto;
import onnx.OnnxMl.TensorShapeProto;
import onnx.OnnxMl.TypeProto;
import onnx.OnnxMl.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken ONNX files: each is refused with a message naming the file and what is wrong (or, for an
 * operator NetCanvas lacks, imported with a diagnostic naming the node), quickly and without allocating what a file
 * merely declares.
 */
class OnnxMalformedTest {

    @TempDir
    Path dir;

    private static ValueInfoProto input(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    private static NodeProto node(String op, String name, String out, String... in) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(out);
        for (String i : in) {
            n.addInput(i);
        }
        return n.build();
    }

    private static ModelProto model(int opset, GraphProto.Builder g) {
        return ModelProto.newBuilder().setIrVersion(7).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset))
                .setGraph(g).build();
    }

    /** x -> Relu -> y, a valid model to break. */
    private static GraphProto.Builder relu() {
        return GraphProto.newBuilder().setName("g").addInput(input("x", -1, 3, 8, 8))
                .addNode(node("Relu", "/relu/Relu", "y", "x")).addOutput(input("y", -1, 3, 8, 8));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private String refusal(Path p) {
        long t0 = System.nanoTime();
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> OnnxImporter.read(p));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused in under 5 s");
        assertTrue(e.getMessage().startsWith(p.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aValidModelImports() throws Exception {
        OnnxImporter.Imported im = OnnxImporter.read(write("ok.onnx", model(13, relu()).toByteArray()));
        assertEquals(3, im.network().nodes().size()); // input, relu, output
        assertTrue(im.problems().isEmpty());
    }

    @Test
    void truncatedProtobuf() throws Exception {
        byte[] whole = model(13, relu().addInitializer(TensorProto.newBuilder().setName("w").setDataType(1)
                .addDims(64).setRawData(org.nd4j.shade.protobuf.ByteString.copyFrom(new byte[256])))).toByteArray();
        String m = refusal(write("cut.onnx", Arrays.copyOf(whole, whole.length - 40)));
        assertTrue(m.contains("truncated or corrupt"), m);
    }

    @Test
    void textFileNamedOnnx() throws Exception {
        String m = refusal(write("text.onnx", "this is not a model\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.contains("not") && m.contains("ONNX"), m);
    }

    @Test
    void emptyFileAndFolder() throws Exception {
        assertTrue(refusal(write("empty.onnx", new byte[0])).contains("empty"));
        Path folder = Files.createDirectory(dir.resolve("folder.onnx"));
        assertTrue(refusal(folder).contains("folder"));
    }

    @Test
    void unknownOpset() throws Exception {
        String m = refusal(write("opset.onnx", model(99, relu()).toByteArray()));
        assertTrue(m.contains("opset 99") && m.contains("opset_version=13"), m);
    }

    @Test
    void aCycle() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3, 8, 8))
                .addNode(node("Add", "/a/Add", "a", "x", "b")).addNode(node("Relu", "/b/Relu", "b", "a"))
                .addOutput(input("b", -1, 3, 8, 8));
        String m = refusal(write("cycle.onnx", model(13, g).toByteArray()));
        assertTrue(m.contains("cycle"), m);
    }

    @Test
    void aBillionElementInitializerDeclaredButAbsent() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3, 8, 8))
                .addInitializer(TensorProto.newBuilder().setName("w").setDataType(1).addDims(1000).addDims(1000)
                        .addDims(1000).build())
                .addNode(node("Conv", "/conv/Conv", "y", "x", "w")).addOutput(input("y", -1, 1000, 8, 8));
        long before = usedHeap();
        String m = refusal(write("huge.onnx", model(13, g).toByteArray()));
        assertTrue(m.contains("'w'") && m.contains("1000000000"), m);
        assertTrue(usedHeap() - before < 500L << 20, "no allocation of the declared size");
    }

    @Test
    void missingExternalData() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3, 8, 8))
                .addInitializer(TensorProto.newBuilder().setName("w").setDataType(1).addDims(4).addDims(3)
                        .addDims(3).addDims(3).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("w.bin")))
                .addNode(node("Conv", "/conv/Conv", "y", "x", "w")).addOutput(input("y", -1, 4, 6, 6));
        Path p = write("external.onnx", model(13, g).toByteArray());
        String m = refusal(p);
        assertTrue(m.contains("w.bin") && m.contains("missing"), m);
        // Present but too short, then whole: read from beside the model.
        Files.write(dir.resolve("w.bin"), new byte[10]);
        assertTrue(refusal(p).contains("too short"));
        Files.write(dir.resolve("w.bin"), new byte[4 * 3 * 3 * 3 * 4]);
        assertEquals(108, OnnxImporter.read(p).weights().get("conv.weight").length());
    }

    @Test
    void externalDataOutsideTheModelsFolderIsRefused() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3, 8, 8))
                .addInitializer(TensorProto.newBuilder().setName("w").setDataType(1).addDims(1)
                        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(StringStringEntryProto.newBuilder().setKey("location")
                                .setValue("../../etc/passwd")))
                .addNode(node("Conv", "/conv/Conv", "y", "x", "w")).addOutput(input("y", -1, 1, 8, 8));
        assertTrue(refusal(write("escape.onnx", model(13, g).toByteArray())).contains("outside"));
    }

    @Test
    void symbolicSpatialSizeAsksForInput() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3, -1, -1))
                .addNode(node("Relu", "/relu/Relu", "y", "x")).addOutput(input("y", -1, 3, -1, -1));
        Path p = write("symbolic.onnx", model(13, g).toByteArray());
        assertTrue(refusal(p).contains("--input C,H,W"));
        var im = OnnxImporter.read(p, new netcanvas.graph.Input(3, 32, 32));
        assertEquals("3x32x32", Analyzer.analyze(im.network()).layer("relu").output().toString());
    }

    @Test
    void anOperatorNetCanvasLacksIsADiagnosticAndTheRestImports() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", -1, 3, 8, 8))
                .addNode(node("Relu", "/relu/Relu", "a", "x")).addNode(node("Erf", "/erf/Erf", "b", "a"))
                .addNode(node("Relu", "/relu2/Relu", "c", "b")).addOutput(input("c", -1, 3, 8, 8));
        OnnxImporter.Imported im = OnnxImporter.read(write("erf.onnx", model(13, g).toByteArray()));
        assertEquals(1, im.problems().size());
        Diagnostic d = im.problems().get(0);
        assertEquals("erf", d.node());
        assertTrue(d.message().contains("'/erf/Erf' (Erf)") && d.message().contains("no NetCanvas equivalent"),
                d.message());
        var a = Analyzer.analyze(im.network());
        assertEquals("3x8x8", a.layer("relu").output().toString(), "layers before it keep their numbers");
        assertTrue(a.hasErrors(), "the layer after it reports its missing input");
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
