package netcanvas.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netcanvas.graph.Shape;

/**
 * Reads a NumPy {@code .npy} file of float32 samples for a network's input: {@code [N, C, H, W]} (or {@code [C, H,
 * W]}, one sample), little-endian {@code <f4}, C order, as {@code np.save(path, x.astype(np.float32))} writes it.
 * Everything the header declares is checked against the network's input and the file's length before the values are
 * allocated, so a hostile or truncated file costs a message, never memory. Other dtypes and Fortran order are refused
 * with what to do.
 */
public final class NpyFile {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy itself writes headers of a few hundred bytes; more is not a header. */
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    /** The samples: {@code n} rows of the input's C x H x W values, row-major. */
    public record Samples(int n, Shape shape, float[] values) {
    }

    private NpyFile() {
    }

    /**
     * Reads the samples of a .npy file for a network with this input shape.
     *
     * @throws DataException naming the file and what is wrong: not a .npy file, a dtype other than float32, Fortran
     *                       order, a shape that is not [N, C, H, W] with the network's C, H, W, a length that does
     *                       not match the shape (truncated), or more values than one array holds
     */
    public static Samples read(Path file, Shape input) throws DataException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, head, 0);
            head.flip();
            byte[] magic = new byte[6];
            if (head.remaining() >= 10) {
                head.get(magic);
            }
            if (!Arrays.equals(magic, MAGIC)) {
                throw new DataException(file + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
            }
            int major = head.get() & 0xff;
            head.get(); // minor
            long headerLength;
            int start;
            if (major == 1) {
                headerLength = head.getShort() & 0xffff;
                start = 10;
            } else if (major == 2 || major == 3) {
                if (head.remaining() < 4) {
                    throw new DataException(file + ": the .npy header is cut short");
                }
                headerLength = Integer.toUnsignedLong(head.getInt());
                start = 12;
            } else {
                throw new DataException(file + ": .npy format version " + major + " is not one NetCanvas reads (1-3)");
            }
            if (headerLength > MAX_HEADER || start + headerLength > size) {
                throw new DataException(file + ": the .npy header declares " + headerLength + " bytes, but the file"
                        + " has " + (size - start) + " after its start: the file is truncated or not a .npy file");
            }
            ByteBuffer h = ByteBuffer.allocate((int) headerLength);
            readFully(ch, h, start);
            String header = new String(h.array(), 0, h.position(),
                    major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            long[] shape = parseHeader(file, header);
            long dataStart = start + headerLength;
            long[] nchw = fit(file, shape, input);
            long values;
            try {
                values = Math.multiplyExact(nchw[0], input.elements());
                Math.multiplyExact(values, (long) Float.BYTES);
            } catch (ArithmeticException e) {
                throw new DataException(file + ": its shape " + text(shape) + " declares more values than any file"
                        + " holds");
            }
            long dataBytes = size - dataStart;
            if (values * Float.BYTES != dataBytes) {
                throw new DataException(file + ": its shape " + text(shape) + " declares " + values
                        + " float32 values (" + values * Float.BYTES + " bytes) but the file holds " + dataBytes
                        + " bytes of data: " + (dataBytes < values * Float.BYTES ? "it is truncated" : "it has extra"
                        + " bytes after the array"));
            }
            if (values > Integer.MAX_VALUE - 8) {
                throw new DataException(file + ": " + values + " values are more than NetCanvas reads at once ("
                        + (Integer.MAX_VALUE - 8) + "); split the samples into several files");
            }
            ByteBuffer data = ByteBuffer.allocate((int) dataBytes);
            readFully(ch, data, dataStart);
            data.flip().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[(int) values];
            data.asFloatBuffer().get(out);
            return new Samples((int) nchw[0], input, out);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /** The shape the header declares, after checking dtype and order. */
    static long[] parseHeader(Path file, String header) throws DataException {
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!header.strip().startsWith("{") || !d.find() || !f.find() || !s.find()) {
            throw new DataException(file + ": the .npy header is not a NumPy array description: "
                    + abbreviate(header));
        }
        String descr = d.group(1);
        if (!descr.equals("<f4")) {
            throw new DataException(file + ": the array's dtype is '" + descr + "'; NetCanvas reads little-endian"
                    + " float32 ('<f4'): save x.astype(numpy.float32)");
        }
        if (f.group(1).equals("True")) {
            throw new DataException(file + ": the array is in Fortran order; save it in C order"
                    + " (numpy.ascontiguousarray(x))");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (!p.matches("[0-9]{1,18}")) {
                throw new DataException(file + ": the .npy shape (" + abbreviate(s.group(1)) + ") is not a tuple of"
                        + " sizes");
            }
            dims.add(Long.parseLong(p));
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** [N, C, H, W] from the declared shape, checked against the network's input. */
    private static long[] fit(Path file, long[] shape, Shape input) throws DataException {
        long[] nchw = shape.length == 3 ? new long[] {1, shape[0], shape[1], shape[2]} : shape;
        String want = "[N, " + input.channels() + ", " + input.height() + ", " + input.width() + "]";
        if (nchw.length != 4) {
            throw new DataException(file + ": its shape " + text(shape) + " is not " + want
                    + " (samples, channels, height, width) for the network's input");
        }
        if (nchw[1] != input.channels() || nchw[2] != input.height() || nchw[3] != input.width()) {
            throw new DataException(file + ": its shape " + text(shape) + " does not fit the network's input "
                    + input.channels() + " x " + input.height() + " x " + input.width() + ": give " + want);
        }
        if (nchw[0] < 1) {
            throw new DataException(file + ": its shape " + text(shape) + " holds no sample");
        }
        return nchw;
    }

    private static String text(long[] shape) {
        return Arrays.toString(shape);
    }

    private static String abbreviate(String s) {
        String t = s.strip().replaceAll("\\p{Cntrl}", " ");
        return t.length() > 120 ? t.substring(0, 120) + "..." : t;
    }

    /** Reads until the buffer is full or the file ends. */
    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) {
                break;
            }
            pos += r;
        }
    }

    /**
     * A .npy file's bytes for float32 samples [n, C, H, W] (version 1.0, as numpy.save writes them): for tests and
     * for tools that feed the same values to NetCanvas and to PyTorch.
     */
    public static byte[] bytes(float[] values, long... shape) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': ("
                + (shape.length == 1 ? dims.toString().strip() : dims.substring(0, Math.max(0, dims.length() - 2)))
                + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
