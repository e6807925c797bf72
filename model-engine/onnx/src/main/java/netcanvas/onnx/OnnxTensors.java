package netcanvas.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import netcanvas.io.NetworkFormatException;
import netcanvas.weights.Tensor;
import onnx.OnnxMl.StringStringEntryProto;
import onnx.OnnxMl.TensorProto;

/**
 * Decodes ONNX tensors (initializers and constants). Declared sizes are checked against the bytes actually present
 * before anything is allocated, so a tensor that claims 10^9 elements it does not hold is refused, not allocated.
 */
final class OnnxTensors {

    /** Integer constants (shapes, axes, pads) are small; a larger one is not a shape computation. */
    private static final int MAX_INTS = 64;

    private OnnxTensors() {
    }

    static long[] dims(TensorProto t) {
        long[] d = new long[t.getDimsCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.getDims(i);
        }
        return d;
    }

    private static long elements(TensorProto t, String where) throws NetworkFormatException {
        try {
            return Tensor.elements(dims(t));
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new NetworkFormatException(where, "tensor '" + t.getName() + "' declares impossible dimensions "
                    + Arrays.toString(dims(t)));
        }
    }

    /**
     * A float32 tensor, as a view of the model's mapping (or of its external data file) where the bytes are raw.
     *
     * @param modelDir the model's folder, where external data files are looked up
     */
    static Tensor floats(TensorProto t, Path modelDir, String where) throws NetworkFormatException {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new NetworkFormatException(where, "tensor '" + t.getName() + "' holds "
                    + typeName(t.getDataType()) + " values; NetCanvas reads float32 weights: export the model in"
                    + " float32 (model.float() before torch.onnx.export)");
        }
        long n = elements(t, where);
        long bytes = n * Float.BYTES;
        if (n > Integer.MAX_VALUE / Float.BYTES) {
            throw new NetworkFormatException(where, "tensor '" + t.getName() + "' declares " + n
                    + " values, more than one NetCanvas array holds");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return Tensor.ofBytes(dims(t), external(t, modelDir, bytes, where));
        }
        if (!t.getRawData().isEmpty()) {
            if (t.getRawData().size() != bytes) {
                throw new NetworkFormatException(where, "tensor '" + t.getName() + "' declares dimensions "
                        + Arrays.toString(dims(t)) + " (" + n + " values, " + bytes + " bytes) but holds "
                        + t.getRawData().size() + " bytes: the file is damaged; export the model again");
            }
            return Tensor.ofBytes(dims(t), t.getRawData().asReadOnlyByteBuffer());
        }
        if (t.getFloatDataCount() != n) {
            throw new NetworkFormatException(where, "tensor '" + t.getName() + "' declares dimensions "
                    + Arrays.toString(dims(t)) + " (" + n + " values) but holds " + t.getFloatDataCount()
                    + ": the file is damaged; export the model again");
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getFloatData(i);
        }
        return Tensor.of(dims(t), v);
    }

    private static ByteBuffer external(TensorProto t, Path modelDir, long bytes, String where)
            throws NetworkFormatException {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            try {
                switch (e.getKey()) {
                    case "location" -> location = e.getValue();
                    case "offset" -> offset = Long.parseLong(e.getValue());
                    case "length" -> length = Long.parseLong(e.getValue());
                    default -> {
                    }
                }
            } catch (NumberFormatException ex) {
                throw new NetworkFormatException(where, "tensor '" + t.getName() + "' has an unreadable external"
                        + " data " + e.getKey() + " '" + e.getValue() + "'");
            }
        }
        if (location == null || location.isEmpty()) {
            throw new NetworkFormatException(where, "tensor '" + t.getName() + "' is stored externally but names"
                    + " no file");
        }
        Path dir = modelDir.toAbsolutePath().normalize();
        Path data = dir.resolve(location).normalize();
        if (!data.startsWith(dir) || Path.of(location).isAbsolute()) {
            throw new NetworkFormatException(where, "tensor '" + t.getName() + "' points outside the model's folder"
                    + " ('" + location + "'); external data must sit beside the model");
        }
        if (!Files.isRegularFile(data)) {
            throw new NetworkFormatException(where, "the external data file '" + location + "' of tensor '"
                    + t.getName() + "' is missing: put it beside the model (" + data + ")");
        }
        if (length >= 0 && length != bytes) {
            throw new NetworkFormatException(where, "tensor '" + t.getName() + "' declares " + bytes
                    + " bytes but its external data entry says " + length);
        }
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
            if (offset < 0 || offset > ch.size() || ch.size() - offset < bytes) {
                throw new NetworkFormatException(where, "the external data file '" + location + "' is too short"
                        + " for tensor '" + t.getName() + "' (" + bytes + " bytes at offset " + offset + ", file "
                        + ch.size() + " bytes): copy the complete file beside the model");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, offset, bytes);
        } catch (IOException e) {
            throw new NetworkFormatException(where, "the external data file '" + location + "' cannot be read: "
                    + e.getMessage());
        }
    }

    /**
     * Checks that a stored tensor holds what its dimensions declare (and that external data is where it says),
     * without reading or allocating its values.
     */
    static void check(TensorProto t, Path modelDir, String where) throws NetworkFormatException {
        if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                long n = elements(t, where);
                if (n > Integer.MAX_VALUE / Float.BYTES) {
                    throw new NetworkFormatException(where, "tensor '" + t.getName() + "' declares " + n
                            + " values, more than one NetCanvas array holds");
                }
                external(t, modelDir, n * Float.BYTES, where);
            } else {
                floats(t, modelDir, where);
            }
            return;
        }
        long n = elements(t, where);
        int width = switch (t.getDataType()) {
            case TensorProto.DataType.DOUBLE_VALUE, TensorProto.DataType.INT64_VALUE -> 8;
            case TensorProto.DataType.INT32_VALUE -> 4;
            default -> -1;
        };
        if (width < 0 || t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return; // not a type NetCanvas reads: it is reported where a layer needs it
        }
        long held = !t.getRawData().isEmpty() ? t.getRawData().size() / width
                : t.getInt64DataCount() + t.getInt32DataCount() + t.getDoubleDataCount();
        if (held != n) {
            throw new NetworkFormatException(where, "tensor '" + t.getName() + "' declares dimensions "
                    + Arrays.toString(dims(t)) + " (" + n + " values) but holds " + held
                    + ": the file is damaged; export the model again");
        }
    }

    /** A small integer tensor (a shape, axes or pads), or null when it is not one. */
    static long[] ints(TensorProto t) {
        long n;
        try {
            n = Tensor.elements(dims(t));
        } catch (RuntimeException e) {
            return null;
        }
        if (n > MAX_INTS) {
            return null;
        }
        long[] v = new long[(int) n];
        int type = t.getDataType();
        if (type == TensorProto.DataType.INT64_VALUE) {
            if (!t.getRawData().isEmpty()) {
                if (t.getRawData().size() != n * 8) {
                    return null;
                }
                t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
                return v;
            }
            if (t.getInt64DataCount() != n) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                v[i] = t.getInt64Data(i);
            }
            return v;
        }
        if (type == TensorProto.DataType.INT32_VALUE) {
            if (!t.getRawData().isEmpty()) {
                if (t.getRawData().size() != n * 4) {
                    return null;
                }
                var b = t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer();
                for (int i = 0; i < n; i++) {
                    v[i] = b.get(i);
                }
                return v;
            }
            if (t.getInt32DataCount() != n) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                v[i] = t.getInt32Data(i);
            }
            return v;
        }
        return null;
    }

    /** A scalar (or one-element) float or double constant, or NaN when it is not one. */
    static double scalar(TensorProto t) {
        long[] d = dims(t);
        long n = 1;
        for (long x : d) {
            n *= x;
        }
        if (n != 1) {
            return Double.NaN;
        }
        int type = t.getDataType();
        var raw = t.getRawData();
        if (type == TensorProto.DataType.FLOAT_VALUE) {
            if (raw.size() == 4) {
                return raw.asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat(0);
            }
            return t.getFloatDataCount() == 1 ? t.getFloatData(0) : Double.NaN;
        }
        if (type == TensorProto.DataType.DOUBLE_VALUE) {
            if (raw.size() == 8) {
                return raw.asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).getDouble(0);
            }
            return t.getDoubleDataCount() == 1 ? t.getDoubleData(0) : Double.NaN;
        }
        long[] i = ints(t);
        return i != null && i.length == 1 ? i[0] : Double.NaN;
    }

    static String typeName(int type) {
        TensorProto.DataType d = TensorProto.DataType.forNumber(type);
        return d == null ? "type " + type : d.name().toLowerCase(java.util.Locale.ROOT);
    }
}
