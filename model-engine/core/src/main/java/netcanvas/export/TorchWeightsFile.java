package netcanvas.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import netcanvas.analysis.Analysis;
import netcanvas.weights.Tensor;
import netcanvas.weights.WeightSet;
import netcanvas.weights.WeightShapes;

/**
 * The weights file an exported PyTorch script loads ({@code model.weights} beside {@code model.py}): every weight and
 * batch-norm running statistic of the network under the exported module's own state-dict names (a block's or stage's
 * layers sit at their module paths, {@code layer1.0.conv1.weight}), in PyTorch's layouts. The format is small enough
 * to read with Python's struct module and torch, or numpy, alone:
 *
 * <pre>
 * "NCWEIGHT"                      8 bytes, ASCII
 * version                         uint32 = 1
 * count                           uint32, the number of tensors
 * count times:
 *   name length                   uint32, bytes
 *   name                          UTF-8, the state-dict key
 *   rank                          uint32
 *   dims                          rank x int64
 *   values                        product(dims) x float32, row-major (C order)
 * </pre>
 * Every number is little-endian, nothing is padded, and the file ends after the last tensor. {@code
 * num_batches_tracked} is not stored: NetCanvas's batch norm always has a momentum, so PyTorch never reads that
 * counter; the script's {@code load()} keeps the fresh module's value (0) and loads every other key strictly.
 */
public final class TorchWeightsFile {
    /** The file's first bytes. */
    public static final byte[] MAGIC = "NCWEIGHT".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    /** What is appended to the script's name without .py. */
    public static final String EXTENSION = ".weights";

    private TorchWeightsFile() {
    }

    /** model.py -> model.weights in the same folder. */
    public static Path beside(Path script) {
        String name = script.getFileName().toString();
        String stem = name.endsWith(".py") ? name.substring(0, name.length() - 3) : name;
        return script.resolveSibling(stem + EXTENSION);
    }

    /**
     * The state-dict name in the exported module of each weight the network needs, keyed by its NetCanvas name
     * ({@code <layer id>.weight}, ...), in layer order.
     *
     * @throws ExportException when the analysis has errors (such a network is not exported)
     */
    public static Map<String, String> stateDictNames(Analysis analysis) throws ExportException {
        ModuleTree tree = PyTorchExporter.build(analysis).tree();
        Map<String, String> names = new LinkedHashMap<>();
        for (String name : WeightShapes.of(analysis).keySet()) {
            int dot = name.lastIndexOf('.');
            String id = name.substring(0, dot);
            String path = tree.paths.get(id);
            if (path == null) {
                throw new IllegalStateException("no module for layer '" + id + "'");
            }
            names.put(name, path + name.substring(dot));
        }
        return names;
    }

    /**
     * The file's bytes for these weights. Tensors the network does not need (an imported model's unused
     * initializers) are left out; the others are written in the shapes the exported modules have.
     *
     * @throws ExportException          when the analysis has errors
     * @throws IllegalArgumentException when the weights do not fit the network (check with
     *                                  {@link WeightShapes#mismatch} first for a message to show), or the file would
     *                                  be over 2 GB
     */
    public static byte[] write(Analysis analysis, WeightSet weights) throws ExportException {
        String mismatch = WeightShapes.mismatch(analysis, weights);
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
        Map<String, String> names = stateDictNames(analysis);
        Map<String, long[]> shapes = WeightShapes.of(analysis);
        long size = MAGIC.length + 8;
        for (var e : names.entrySet()) {
            long[] shape = shapes.get(e.getKey());
            size += 8 + e.getValue().getBytes(StandardCharsets.UTF_8).length + 8L * shape.length
                    + 4 * Tensor.elements(shape);
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("the weights take " + size + " bytes: NetCanvas writes weights "
                    + "files of up to 2 GB");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(names.size());
        for (var e : names.entrySet()) {
            byte[] name = e.getValue().getBytes(StandardCharsets.UTF_8);
            long[] shape = shapes.get(e.getKey());
            b.putInt(name.length).put(name).putInt(shape.length);
            for (long d : shape) {
                b.putLong(d);
            }
            for (float v : weights.get(e.getKey()).floats()) {
                b.putFloat(v);
            }
        }
        return b.array();
    }

    /**
     * The tensors of a weights file, by state-dict name, in file order.
     *
     * @throws IllegalArgumentException when the bytes are not a complete weights file of this version (says what)
     */
    public static Map<String, Tensor> read(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a NetCanvas weights file (it does not start with NCWEIGHT)");
        }
        b.position(MAGIC.length);
        int version = b.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("weights file version " + Integer.toUnsignedString(version)
                    + "; this NetCanvas reads version " + VERSION);
        }
        long count = Integer.toUnsignedLong(b.getInt());
        Map<String, Tensor> out = new LinkedHashMap<>();
        try {
            for (long i = 0; i < count; i++) {
                int length = b.getInt();
                if (length < 0 || length > b.remaining()) {
                    throw new IllegalArgumentException("tensor " + i + ": its name runs past the end of the file");
                }
                byte[] name = new byte[length];
                b.get(name);
                int rank = b.getInt();
                if (rank < 0 || rank > 8) {
                    throw new IllegalArgumentException("tensor " + i + ": rank " + Integer.toUnsignedString(rank));
                }
                long[] shape = new long[rank];
                for (int d = 0; d < rank; d++) {
                    shape[d] = b.getLong();
                }
                long n = Tensor.elements(shape);
                if (n > b.remaining() / Float.BYTES) {
                    throw new IllegalArgumentException("tensor " + i + " " + Arrays.toString(shape)
                            + ": the file ends before its values do");
                }
                ByteBuffer values = b.slice().limit((int) n * Float.BYTES);
                b.position(b.position() + (int) n * Float.BYTES);
                out.put(new String(name, StandardCharsets.UTF_8), Tensor.ofBytes(shape, values));
            }
        } catch (java.nio.BufferUnderflowException | ArithmeticException e) {
            throw new IllegalArgumentException("the file ends inside tensor " + out.size());
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException(b.remaining() + " bytes after the last tensor");
        }
        return out;
    }
}
