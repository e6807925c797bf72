package netcanvas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import netcanvas.data.DataException;
import netcanvas.data.Datasets;
import netcanvas.data.ImageData;
import netcanvas.data.NpyFile;
import netcanvas.graph.Shape;
import netcanvas.onnx.OnnxImporter;
import netcanvas.train.InferenceNet;
import netcanvas.train.Predictor;
import netcanvas.train.TrainingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code run <checkpoint|model.onnx> <image|input.npy> [--format table|json]}: the top classes of a trained network
 * for an image (normalised as in training), a dataset sample, or the raw float32 samples of a .npy file; with
 * {@code --format json}, each sample's logits and top classes as JSON on standard output (what the table prints
 * before it, such as the checkpoint used, goes to standard error).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a trained network (a --checkpoint folder of train, or an ONNX model with its weights) on"
                + " an image or a .npy array and print the top classes (--format json: logits and top classes).")
public final class RunCommand implements Callable<Integer> {
    /** Samples per forward pass for a .npy file, to keep the activations' memory small. */
    private static final int CHUNK = 64;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<checkpoint|model.onnx>", description = "checkpoint folder, or a run"
            + " folder: its best/ (else last/) is used, and said; or an ONNX model (.onnx), run with its own weights"
            + " on .npy input, its classes named 0..K-1")
    Path checkpoint;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<image|input.npy>", description = "PNG, JPEG, GIF or BMP"
            + " file (fitted and normalised as in training), or a NumPy .npy float32 array [N, C, H, W] (or [C, H,"
            + " W]) of the network's input size, given to the network as it is (no normalisation)")
    Path image;

    @Mixin
    DataOption dataset;

    @Option(names = "--sample", defaultValue = "0", description = "index of the test sample with --data")
    int sample;

    @Option(names = "--top", defaultValue = "5", description = "how many classes to list (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "table (default) or json: per sample {\"logits\": [...], \"top5\": [{\"class\", "
                    + "\"probability\"}]}, a list when the .npy holds more than one sample")
    String format;

    /** Runs this command alone (the app's Main registers it as a subcommand). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new RunCommand()).execute(args));
    }

    /** A network to run: its input, class names and logits for raw N x C x H x W values. */
    private interface Runner {
        Shape inputShape();

        List<String> classes();

        float[][] logits(float[] nchw, int n);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (top < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--top must be at least 1 (the number of classes to list), got " + top);
        }
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("table") && !fmt.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format must be table or json, got '" + format + "'");
        }
        boolean json = fmt.equals("json");
        if ((image == null) == (dataset.data == null)) {
            err.println("give either an image file or --data with --sample");
            return 2;
        }
        boolean onnx = OnnxImporter.isOnnxFile(checkpoint.toString());
        boolean npy = image != null && isNpy(image);
        if (onnx && !npy) {
            err.println("run: an ONNX model runs on a .npy array of raw input values (its training normalisation is"
                    + " not in the file): save the input with numpy.save and give that file");
            return 2;
        }
        // In JSON mode standard output holds the JSON alone; what the table shows first goes to standard error.
        PrintWriter info = json ? err : out;
        try {
            Predictor p = null;
            Runner runner;
            if (onnx) {
                runner = onnxRunner(info);
            } else {
                p = Predictor.load(checkpoint);
                info.println(p.source());
                runner = checkpointRunner(p);
            }
            if (npy) {
                NpyFile.Samples s;
                try {
                    s = NpyFile.read(image, runner.inputShape());
                } catch (DataException e) {
                    throw new CommandFailure(ExitCodes.UNREADABLE, e.getMessage());
                }
                float[][] logits = logits(runner, s);
                if (json) {
                    List<JsonNode> rows = new ArrayList<>();
                    for (float[] l : logits) {
                        rows.add(jsonRow(l, runner.classes()));
                    }
                    printJson(out, s.n() == 1 ? rows.get(0) : JsonNodeFactory.instance.arrayNode().addAll(rows));
                } else {
                    for (int i = 0; i < logits.length; i++) {
                        out.println(image + (s.n() == 1 ? ":" : " sample " + i + ":"));
                        table(out, ranked(logits[i], runner.classes()));
                    }
                }
                out.flush();
                return 0;
            }
            List<Predictor.Prediction> ranked;
            float[] x;
            String title;
            if (image != null) {
                Predictor.Fitted fitted = p.fit(image);
                info.println(fitted.adaptation());
                x = p.input(fitted.image(), 0);
                ranked = json ? null : p.predict(fitted.image(), 0, top);
                title = image + ":";
            } else {
                var s = p.inputShape();
                ImageData test = Datasets.load(dataset.data, (int) s.channels(), (int) s.height(), (int) s.width(),
                        p.checkpoint().classes().size()).split().test();
                if (sample < 0 || sample >= test.size()) {
                    err.println("--sample must be between 0 and " + (test.size() - 1));
                    return 2;
                }
                x = p.input(test, sample);
                ranked = json ? null : p.predict(test, sample, top);
                title = test.name() + " sample " + sample + " (true class: "
                        + test.classes().get(test.labels()[sample]) + "):";
            }
            if (json) {
                info.println(title);
                printJson(out, jsonRow(runner.logits(x, 1)[0], runner.classes()));
            } else {
                out.println(title);
                table(out, ranked);
            }
            out.flush();
            return 0;
        } catch (TrainingException | DataException e) {
            err.println(e.getMessage());
            return ExitCodes.UNREADABLE; // a checkpoint, image or data set that cannot be used
        }
    }

    private Runner onnxRunner(PrintWriter info) throws TrainingException {
        String source = checkpoint.toString();
        NetworkArguments.Opened o = NetworkArguments.open(source, null);
        NetworkArguments.analyzeValid(o.network(), source, o.problems());
        if (o.weights().isEmpty()) {
            throw new CommandFailure(ExitCodes.INVALID_NETWORK, source + " holds no weights to run");
        }
        InferenceNet net = InferenceNet.of(o.network(), o.weights());
        info.println("model: " + source + " (" + o.network().name() + ", its own weights)");
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < net.classes(); c++) {
            classes.add(Integer.toString(c));
        }
        return new Runner() {
            public Shape inputShape() {
                return net.inputShape();
            }

            public List<String> classes() {
                return classes;
            }

            public float[][] logits(float[] nchw, int n) {
                return net.logits(nchw, n);
            }
        };
    }

    private static Runner checkpointRunner(Predictor p) {
        return new Runner() {
            public Shape inputShape() {
                return p.inputShape();
            }

            public List<String> classes() {
                return p.checkpoint().classes();
            }

            public float[][] logits(float[] nchw, int n) {
                return p.logits(nchw, n);
            }
        };
    }

    /** The logits of every sample, a chunk of samples at a time. */
    private static float[][] logits(Runner r, NpyFile.Samples s) {
        int per = (int) s.shape().elements();
        float[][] all = new float[s.n()][];
        for (int from = 0; from < s.n(); from += CHUNK) {
            int n = Math.min(CHUNK, s.n() - from);
            float[][] part = r.logits(Arrays.copyOfRange(s.values(), from * per, (from + n) * per), n);
            System.arraycopy(part, 0, all, from, n);
        }
        return all;
    }

    /** A .npy file by its name, or by its first bytes. */
    private static boolean isNpy(Path file) {
        if (file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(6);
            return Arrays.equals(head, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'});
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The classes by softmax probability of the logits, highest first (ties: lower index first), top of them. */
    private List<Predictor.Prediction> ranked(float[] logits, List<String> names) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -p[j]));
        List<Predictor.Prediction> out = new ArrayList<>();
        for (int j = 0; j < Math.min(top, p.length); j++) {
            int c = order[j];
            out.add(new Predictor.Prediction(c, c < names.size() ? names.get(c) : "class " + c, p[c]));
        }
        return out;
    }

    private ObjectNode jsonRow(float[] logits, List<String> names) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        ArrayNode l = row.putArray("logits");
        for (float v : logits) {
            if (Float.isFinite(v)) {
                l.add(v);
            } else {
                l.addNull();
            }
        }
        ArrayNode t = row.putArray("top5");
        for (Predictor.Prediction p : ranked(logits, names)) {
            ObjectNode o = t.addObject().put("class", p.label());
            if (Double.isFinite(p.probability())) {
                o.put("probability", p.probability());
            } else {
                o.putNull("probability");
            }
        }
        return row;
    }

    private static void printJson(PrintWriter out, JsonNode node) {
        try {
            out.println(new ObjectMapper().writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void table(PrintWriter out, List<Predictor.Prediction> ranked) {
        for (int i = 0; i < ranked.size(); i++) {
            out.printf(Locale.ROOT, "%d. %-20s %6.2f%%%n", i + 1, netcanvas.io.SafeText.of(ranked.get(i).label()),
                    100 * ranked.get(i).probability());
        }
    }
}
