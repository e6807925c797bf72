package netcanvas.train;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import netcanvas.data.Normalization;
import netcanvas.graph.Network;
import netcanvas.io.AtomicFiles;
import netcanvas.io.NetworkFormatException;
import netcanvas.io.NetworkJson;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A saved network: a folder with network.json (the design, in NetCanvas' format), weights.bin (every trainable
 * weight and batch-norm running statistic by name) and checkpoint.properties (epoch, accuracy, class names and the
 * input normalisation, which inference must repeat). A training run writes {@code last/} every epoch and
 * {@code best/} whenever validation accuracy improves.
 */
public record Checkpoint(Network network, Map<String, INDArray> arrays, int epoch, long iteration,
        double valAccuracy, List<String> classes, Normalization normalization) {

    private static final int MAGIC = 0x4e435754; // "NCWT"

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("network.json"), NetworkJson.write(network));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(arrays.size());
            for (var e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                Nd4j.write(e.getValue(), out);
            }
        }
        AtomicFiles.write(dir.resolve("weights.bin"), bytes.toByteArray());
        Properties p = new Properties();
        p.setProperty("epoch", Integer.toString(epoch));
        p.setProperty("iteration", Long.toString(iteration));
        p.setProperty("valAccuracy", Double.toString(valAccuracy));
        p.setProperty("classes", Integer.toString(classes.size()));
        for (int i = 0; i < classes.size(); i++) {
            p.setProperty("class." + i, classes.get(i));
        }
        p.setProperty("channels", Integer.toString(normalization.mean().length));
        for (int c = 0; c < normalization.mean().length; c++) {
            p.setProperty("mean." + c, Double.toString(normalization.mean()[c]));
            p.setProperty("std." + c, Double.toString(normalization.std()[c]));
        }
        StringWriter w = new StringWriter();
        p.store(w, "NetCanvas checkpoint");
        AtomicFiles.writeString(dir.resolve("checkpoint.properties"), w.toString());
    }

    /**
     * The checkpoint to run (inference): the folder itself when it holds one, else a run folder's best/ (the best
     * validation accuracy), else its last/.
     */
    public static Path locate(Path dir) throws TrainingException {
        return locate(dir, "best", "last");
    }

    /**
     * The checkpoint to resume training from: the folder itself when it holds one, else a run folder's last/ (the
     * latest epoch; best/ may be epochs behind it). A run folder with only best/ is refused: resuming from it would
     * silently repeat epochs, so the message says to give best/ explicitly.
     */
    public static Path locateLatest(Path dir) throws TrainingException {
        if (!Files.isRegularFile(dir.resolve("weights.bin")) && !Files.isRegularFile(dir.resolve("last")
                .resolve("weights.bin")) && Files.isRegularFile(dir.resolve("best").resolve("weights.bin"))) {
            throw new TrainingException(dir + ": has best/ but no last/ to resume from; to resume from the best "
                    + "epoch, give " + dir.resolve("best"));
        }
        return locate(dir, "last");
    }

    private static Path locate(Path dir, String... subfolders) throws TrainingException {
        if (Files.isRegularFile(dir.resolve("weights.bin"))) {
            return dir;
        }
        for (String sub : subfolders) {
            if (Files.isRegularFile(dir.resolve(sub).resolve("weights.bin"))) {
                return dir.resolve(sub);
            }
        }
        throw new TrainingException(dir + ": not a checkpoint (no weights.bin here or in "
                + String.join("/ or ", subfolders) + "/); give the folder passed to --checkpoint");
    }

    /** "DIR (epoch 3, validation accuracy 91.20%)": which checkpoint is used, for messages. */
    public String describe(Path folder) {
        return folder + " (epoch " + epoch + (Double.isFinite(valAccuracy) ? String.format(java.util.Locale.ROOT,
                ", validation accuracy %.2f%%", 100 * valAccuracy) : "") + ")";
    }

    /** Loads the checkpoint in this folder, or the one {@link #locate} picks in a run folder. */
    public static Checkpoint load(Path dir) throws TrainingException {
        Path d = locate(dir);
        try {
            Network net = NetworkJson.read(d.resolve("network.json"));
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            try (InputStream raw = Files.newInputStream(d.resolve("weights.bin"));
                    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
                if (in.readInt() != MAGIC) {
                    throw new TrainingException(d.resolve("weights.bin") + ": not a NetCanvas weights file");
                }
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String name = in.readUTF();
                    arrays.put(name, Nd4j.read(in));
                }
            }
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(d.resolve("checkpoint.properties"))));
            List<String> classes = new ArrayList<>();
            int k = Integer.parseInt(p.getProperty("classes"));
            for (int i = 0; i < k; i++) {
                classes.add(p.getProperty("class." + i));
            }
            int c = Integer.parseInt(p.getProperty("channels"));
            double[] mean = new double[c];
            double[] std = new double[c];
            for (int i = 0; i < c; i++) {
                mean[i] = Double.parseDouble(p.getProperty("mean." + i));
                std[i] = Double.parseDouble(p.getProperty("std." + i));
            }
            return new Checkpoint(net, arrays, Integer.parseInt(p.getProperty("epoch")),
                    Long.parseLong(p.getProperty("iteration")), Double.parseDouble(p.getProperty("valAccuracy")),
                    classes, new Normalization(mean, std));
        } catch (NetworkFormatException e) {
            throw new TrainingException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new TrainingException(d + ": the checkpoint is damaged or incomplete (" + e.getMessage() + ")");
        }
    }

    /** Copies these arrays into a compiled graph's weights (and, for inference graphs, running statistics). */
    static void apply(Map<String, INDArray> arrays, CompiledNet net) throws TrainingException {
        for (var v : net.sd().variables()) {
            if (v.getArr() == null) {
                continue;
            }
            INDArray saved = arrays.get(v.name());
            boolean needed = v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE;
            if (saved == null) {
                if (needed) {
                    throw new TrainingException("the checkpoint has no weights for '" + v.name()
                            + "': it was saved from a different network");
                }
                continue;
            }
            if (saved.length() != v.getArr().length()) {
                throw new TrainingException("the checkpoint's '" + v.name() + "' has " + saved.length()
                        + " values but the network needs " + v.getArr().length());
            }
            v.getArr().assign(saved.reshape(v.getArr().shape()).castTo(v.getArr().dataType()));
        }
    }
}
