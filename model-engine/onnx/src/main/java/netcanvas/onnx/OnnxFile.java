package netcanvas.onnx;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import netcanvas.io.NetworkFormatException;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.OperatorSetIdProto;
import org.nd4j.shade.protobuf.CodedInputStream;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;
import org.nd4j.shade.protobuf.UnsafeByteOperations;

/**
 * Reads an ONNX model file. The file is memory-mapped and parsed with aliasing, so initializers stay views of the
 * mapping: a 230 MB model costs its mapping plus the graph's small messages, never a copy of its weights.
 * The protobuf classes are the ONNX-ML schema that ND4J's nd4j-api ships (with its shaded protobuf runtime); they are
 * plain generated classes and load none of ND4J's native code.
 */
public final class OnnxFile {

    /** Protobuf cannot address more; larger models keep their weights in external data files. */
    public static final long MAX_BYTES = Integer.MAX_VALUE;

    /** The default-domain opsets whose operators this reader maps. */
    public static final int MIN_OPSET = 7;
    public static final int MAX_OPSET = 22;

    private OnnxFile() {
    }

    /** A parsed model: its protobuf, where it was read from, and its default-domain opset. */
    public record Loaded(ModelProto model, Path file, int opset) {
    }

    /**
     * @throws NetworkFormatException naming the file and what to do, for anything that is not a readable ONNX model
     */
    public static Loaded read(Path file) throws NetworkFormatException {
        String where = file.toString();
        if (!Files.exists(file)) {
            throw new NetworkFormatException(where, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new NetworkFormatException(where, "is a folder, not an ONNX model file");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            throw new NetworkFormatException(where, "is not a regular file (a device or pipe?); give an .onnx file");
        }
        ModelProto model;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new NetworkFormatException(where, "the file is empty; export the model again");
            }
            if (size > MAX_BYTES) {
                throw new NetworkFormatException(where, "the file is " + size + " bytes, more than an ONNX protobuf"
                        + " can hold (2 GiB); export the model with its weights as external data");
            }
            MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            CodedInputStream in = UnsafeByteOperations.unsafeWrap(mapped).newCodedInput();
            in.enableAliasing(true);
            model = ModelProto.parseFrom(in);
        } catch (NoSuchFileException e) {
            throw new NetworkFormatException(where, "no such file");
        } catch (InvalidProtocolBufferException e) {
            throw new NetworkFormatException(where, "not a readable ONNX model: the protobuf is truncated or corrupt ("
                    + e.getMessage() + "); export the model again");
        } catch (IOException e) {
            throw new NetworkFormatException(where, "cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            // Protobuf reports some malformed input as unchecked exceptions.
            throw new NetworkFormatException(where, "not a readable ONNX model (" + e.getClass().getSimpleName()
                    + "); export the model again");
        }
        if (!model.hasGraph() || model.getIrVersion() <= 0) {
            throw new NetworkFormatException(where, "not an ONNX model (no IR version or no graph); a text or other"
                    + " file named .onnx? Export the model with torch.onnx.export or another ONNX exporter");
        }
        int opset = -1;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = (int) Math.min(Integer.MAX_VALUE, o.getVersion());
            }
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new NetworkFormatException(where, (opset < 0 ? "the model declares no ONNX opset"
                    : "opset " + opset + " is not one NetCanvas reads") + " (it reads opsets " + MIN_OPSET + "-"
                    + MAX_OPSET + "); export again with opset_version=13");
        }
        return new Loaded(model, file, opset);
    }
}
