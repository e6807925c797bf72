package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import netcanvas.io.NetworkJson;
import netcanvas.io.SafeText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-file corpus through the real command line: every malformed network file of the engine's corpus
 * (model-engine/core/src/test/resources/malformed, and malformed/graph for networks that load but are invalid) through
 * summary, export (pytorch, png, svg) and train; crafted data files (IDX, CIFAR-10), images, checkpoints and output
 * paths through train, run and export. Each must end with its documented exit status (never 3, an internal error),
 * a message naming the file, folder or node, no stack trace, and nothing a terminal would act on.
 */
class HostileFilesCliTest {
    @TempDir
    static Path dir;

    private static final List<Object[]> CASES = new ArrayList<>();

    private static void add(int code, String fragment, String... args) {
        CASES.add(new Object[] {String.join(" ", args).replace(dir.toString(), "TMP"), code, fragment, args});
    }

    static Stream<Object[]> cases() {
        return CASES.stream();
    }

    private static Path engineCorpus() {
        Path p = Path.of("..", "model-engine", "core", "src", "test", "resources", "malformed")
                .toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(p), "the engine's corpus is at " + p);
        return p;
    }

    @BeforeAll
    static void corpus() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        // 1. network files that cannot be read: 2 from every command, the message starting with the file
        Path malformed = engineCorpus();
        for (String line : Files.readAllLines(malformed.resolve("expected.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(" \\| ", 2);
            String f = malformed.resolve(cells[0]).toString();
            String fragment = f; // every message starts with the file
            add(2, fragment, "summary", f);
            add(2, fragment, "export", f, "-o", out.resolve("m.py").toString());
            add(2, fragment, "export", f, "--to", "png", "-o", out.resolve("m.png").toString());
            add(2, fragment, "export", f, "--to", "svg", "-o", out.resolve("m.svg").toString());
            add(2, fragment, "train", f, "--epochs", "1");
        }
        // 2. networks that load but have errors: 1, the message naming the node
        Path graph = malformed.resolve("graph");
        for (String line : Files.readAllLines(graph.resolve("expected.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(" \\| ", 3);
            String f = graph.resolve(cells[0]).toString();
            boolean errors = netcanvas.analysis.Analyzer.analyze(NetworkJson.read(Path.of(f))).hasErrors();
            if (!errors) {
                add(0, "", "summary", f); // warnings only: printed with the table
            } else if (!cells[1].isEmpty()) {
                add(1, "'" + cells[1], "summary", f); // the node, or a layer inside it
                add(1, "'" + cells[1], "export", f, "-o", out.resolve("g.py").toString());
            }
        }
        // 3. what is not a network file
        Path folder = Files.createDirectory(dir.resolve("a-folder.json"));
        add(2, folder + ": is a folder", "summary", folder.toString());
        add(2, folder + ": is a folder", "export", folder.toString(), "--to", "png", "-o", out.resolve("f.png")
                .toString());
        add(2, "/dev/zero: is a character device", "summary", "/dev/zero");
        add(2, "/dev/zero: is a character device", "export", "/dev/zero", "-o", out.resolve("z.py").toString());
        Path fifo = dir.resolve("fifo.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor());
        add(2, fifo + ": is a FIFO (named pipe)", "summary", fifo.toString());
        add(2, fifo + ": is a FIFO (named pipe)", "train", fifo.toString());
        add(2, "the file name is empty", "summary", "");
        // 4. a chain too long to draw, and valid otherwise
        NetBuilder chain = new NetBuilder("chain").input(1, 8, 8);
        for (int i = 0; i < 5000; i++) {
            chain.then("r" + i, new ReLU());
        }
        Path longChain = dir.resolve("chain-5000.json");
        NetworkJson.write(chain.then("fc", new Dense(2, true)).then("out", new Output()).build(), longChain);
        add(2, "the network has 5,003 nodes; pictures are drawn of networks with up to 2,000", "export",
                longChain.toString(), "--to", "png", "-o", out.resolve("c.png").toString());
        add(2, "up to 2,000", "export", longChain.toString(), "--to", "svg", "-o", out.resolve("c.svg").toString());
        add(0, "", "summary", longChain.toString());
        // 5. data files whose headers lie (train reads them before training)
        Network tiny = new NetBuilder("tiny").input(1, 12, 12).then("c", Conv2d.of(6, 3, 1, 1, true))
                .then("r", new ReLU()).then("p", MaxPool2d.of(2, 2, 0, false)).then("g", new GlobalAvgPool())
                .then("fc", new Dense(3, true)).then("out", new Output()).build();
        Path tinyNet = dir.resolve("tiny.json");
        NetworkJson.write(tiny, tinyNet);
        idxFolder("idx-negative", new int[] {-1, -1, 16}, 16);
        idxFolder("idx-wrapping", new int[] {65536, 65536, 65536}, 16);
        idxFolder("idx-longer-than-file", new int[] {60000, 28, 28}, 100);
        for (String[] c : new String[][] {{"idx-negative", "dimension 1 is -1"},
            {"idx-wrapping", "declare more than"}, {"idx-longer-than-file", "but the file has only 100"}}) {
            Path images = dir.resolve(c[0]).resolve("train-images-idx3-ubyte");
            add(2, images + ": " + (c[0].equals("idx-negative") ? "dimension 1 is -1" : "dimensions"),
                    "train", tinyNet.toString(), "--data", dir.resolve(c[0]).toString(), "--epochs", "1");
        }
        Path cifar = Files.createDirectory(dir.resolve("cifar-torn"));
        Files.write(cifar.resolve("data_batch_1.bin"), new byte[3073 + 5]);
        Files.write(cifar.resolve("test_batch.bin"), new byte[3073]);
        add(2, cifar.resolve("data_batch_1.bin") + ": 3078 bytes is not a whole number", "train",
                tinyNet.toString(), "--data", cifar.toString(), "--epochs", "1");
        // 6. checkpoints: a real one, then crafted copies
        Path run = dir.resolve("run");
        CliRun trained = CliRun.of("train", tinyNet.toString(), "--data", "synthetic", "--epochs", "1",
                "--checkpoint", run.toString(), "--log-every", "1000");
        assertEquals(0, trained.code(), trained.err());
        Path good = run.resolve("last");
        Path image = dir.resolve("digit.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(12, 12,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", image.toFile());
        add(0, "", "run", good.toString(), image.toString());
        Path torn = copy(good, "ck-torn");
        byte[] w = Files.readAllBytes(torn.resolve("weights.bin"));
        w[w.length - 1] ^= 1; // another save's weights, as far as the checksum can tell
        Files.write(torn.resolve("weights.bin"), w);
        Path classes = copy(good, "ck-classes-2e31");
        replace(classes.resolve("checkpoint.properties"), "classes=3", "classes=2147483647");
        Path huge = copy(good, "ck-weights-2e9");
        Files.write(huge.resolve("weights.bin"), declaring2e9(Files.readAllBytes(huge.resolve("weights.bin"))));
        replace(huge.resolve("checkpoint.properties"), "sha256.weights.bin=" + sha(Files.readAllBytes(
                good.resolve("weights.bin"))), "sha256.weights.bin=" + sha(Files.readAllBytes(
                huge.resolve("weights.bin"))));
        Path incomplete = copy(good, "ck-incomplete");
        Files.delete(incomplete.resolve("network.json"));
        String[][] checkpoints = {{torn.toString(), "torn checkpoint: weights.bin"},
            {classes.toString(), "'classes' must be from 1 to 1000000, got 2147483647"},
            {huge.toString(), "declares 2000000000 values"},
            {incomplete.toString(), "incomplete checkpoint: network.json is missing"}};
        for (String[] c : checkpoints) {
            add(2, c[1], "run", c[0], image.toString());
            add(2, c[1], "train", tinyNet.toString(), "--resume", c[0], "--epochs", "2");
            add(2, c[1], "export", tinyNet.toString(), "--to", "onnx", "--weights", c[0], "-o",
                    out.resolve("w.onnx").toString());
        }
        // class labels that would set the terminal's title and forge a line: printed escaped
        Path labels = copy(good, "ck-hostile-labels");
        Path props = labels.resolve("checkpoint.properties");
        Files.writeString(props, Files.readString(props, StandardCharsets.ISO_8859_1).replaceAll("(?m)^class\\.0=.*$",
                "class.0=\\\\u001b]0;owned\\\\u0007\\\\nnetcanvas: forged"), StandardCharsets.ISO_8859_1);
        add(0, "", "run", labels.toString(), image.toString(), "--top", "3");
        // 7. images: a header declaring 40,000 x 40,000 pixels (6.4 GB decoded), and a PNG that is not one
        Path hugePng = dir.resolve("huge.png");
        Files.write(hugePng, pngHeader(40000, 40000));
        add(2, hugePng + ": the image declares 40000 x 40000 pixels", "run", good.toString(), hugePng.toString());
        Path notPng = Files.writeString(dir.resolve("text.png"), "not an image");
        add(2, notPng + ": not an image this program reads", "run", good.toString(), notPng.toString());
        // 8. output paths that cannot be written
        add(2, out + " is a folder", "export", "lenet5", "-o", out.toString());
        add(2, fifo + " is a FIFO", "export", "lenet5", "-o", fifo.toString());
        add(2, out + " is a folder", "train", tinyNet.toString(), "--metrics", out.toString());
        add(2, tinyNet.toString(), "train", tinyNet.toString(), "--checkpoint", tinyNet.toString());
    }

    private static void idxFolder(String name, int[] dims, int data) throws IOException {
        Path d = Files.createDirectory(dir.resolve(name));
        Files.write(d.resolve("train-images-idx3-ubyte"), idx(dims, data));
        Files.write(d.resolve("train-labels-idx1-ubyte"), idx(new int[] {4}, 4));
        Files.write(d.resolve("t10k-images-idx3-ubyte"), idx(new int[] {4, 12, 12}, 4 * 144));
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {4}, 4));
    }

    private static byte[] idx(int[] dims, int data) throws IOException {
        var b = new java.io.ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x0800 | dims.length);
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(new byte[data]);
        return b.toByteArray();
    }

    private static byte[] pngHeader(int width, int height) throws IOException {
        var b = new java.io.ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        var ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width)
                .putInt(height).put(new byte[] {8, 2, 0, 0, 0}).array();
        for (byte[] chunk : new byte[][] {ihdr, "IEND".getBytes(StandardCharsets.US_ASCII)}) {
            d.writeInt(chunk.length - 4);
            d.write(chunk);
            var crc = new java.util.zip.CRC32();
            crc.update(chunk);
            d.writeInt((int) crc.getValue());
        }
        return b.toByteArray();
    }

    /** The same weights file with its last array's value count raised to 2e9 (8 GB of floats declared). */
    private static byte[] declaring2e9(byte[] w) {
        // the last array's data header: its length (a long) followed by the type "FLOAT" before its values
        byte[] type = {0, 5, 'F', 'L', 'O', 'A', 'T'};
        for (int i = w.length - type.length; i >= 8; i--) {
            if (java.util.Arrays.equals(w, i, i + type.length, type, 0, type.length)) {
                ByteBuffer.wrap(w, i - 8, 8).putLong(2_000_000_000L);
                return w;
            }
        }
        throw new AssertionError("no FLOAT buffer in the weights file");
    }

    private static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Path copy(Path from, String name) throws IOException {
        Path to = Files.createDirectory(dir.resolve(name));
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(from), from + " not in " + text);
        Files.writeString(file, text.replace(from, to), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsWithItsDocumentedStatusAndAClearMessage(String name, int code, String fragment, String[] args) {
        long t0 = System.nanoTime();
        CliRun r = CliRun.of(args);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertNotEquals(ExitCodes.INTERNAL, r.code(), r.err());
        assertEquals(code, r.code(), () -> "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
        assertTrue(r.err().contains(fragment), () -> "'" + fragment + "' not in:\n" + r.err());
        assertTrue(r.noStackTrace(), r.err());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("netcanvas: forged")), r.out());
        assertTrue(seconds < 30, name + " took " + seconds + " s");
        for (String text : new String[] {r.out(), r.err()}) {
            assertTrue(text.chars().noneMatch(c -> c != '\n' && c != '\t' && SafeText.needsEscape((char) c)),
                    "a control character reached the terminal: " + SafeText.of(text));
        }
    }
}
