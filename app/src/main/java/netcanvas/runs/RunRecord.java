package netcanvas.runs;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import netcanvas.io.AtomicFiles;
import netcanvas.train.TrainConfig;

/**
 * One training run as the Runs history lists it, saved in its run folder: run.properties (network, data, recipe,
 * outcome, final figures) and curves.csv (loss per iteration, train and validation accuracy per epoch). The app's
 * training panel and the {@code train} command both write it, into the same runs folder ({@link #runsFolder()}).
 */
public record RunRecord(Path folder, String network, String data, String recipe, String outcome, String result,
        List<double[]> loss, List<double[]> trainAccuracy, List<double[]> valAccuracy) {
    static final String SUMMARY = "run.properties";
    static final String CURVES = "curves.csv";

    public RunRecord {
        loss = List.copyOf(loss);
        trainAccuracy = List.copyOf(trainAccuracy);
        valAccuracy = List.copyOf(valAccuracy);
    }

    /** Where runs are kept: the app home's runs/ (~/.netcanvas/runs). */
    public static Path runsFolder() {
        return netcanvas.io.AppHome.dir().resolve("runs");
    }

    /** Creates a new run's folder in the runs folder, named after the network and the start time. */
    public static Path newFolder(String network) throws IOException {
        String stamp = java.time.LocalDateTime.now().format(
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path dir = runsFolder().resolve(network.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + stamp);
        Files.createDirectories(dir);
        return dir;
    }

    /** The record of a finished run: its outcome, and the test accuracy when it completed or else why it ended. */
    public static RunRecord of(Path folder, String network, String data, String recipe,
            netcanvas.train.TrainingListener.Result r, List<double[]> loss, List<double[]> trainAccuracy,
            List<double[]> valAccuracy) {
        boolean completed = r.outcome() == netcanvas.train.TrainingListener.Outcome.COMPLETED;
        String figures = completed ? String.format(Locale.ROOT, "test accuracy %.2f%%", 100 * r.testAccuracy())
                : r.message();
        return new RunRecord(folder, network, data, recipe, r.outcome().name().toLowerCase(Locale.ROOT), figures,
                loss, trainAccuracy, valAccuracy);
    }

    /** The recipe in a line: "3 epochs, batch 32, adam lr 0.003 (constant), validation 10%". */
    public static String recipe(TrainConfig c) {
        return String.format(Locale.ROOT, "%d epoch%s, batch %d, %s lr %s (%s), validation %.0f%%", c.epochs(),
                c.epochs() == 1 ? "" : "s", c.batch(), c.optimizer().name().toLowerCase(Locale.ROOT),
                Double.toString(c.lr()), schedule(c.schedule()), 100 * c.validationFraction());
    }

    /** The schedule as the user writes it ({@code --schedule}, the panel's field): "constant", "step:10:0.1". */
    private static String schedule(netcanvas.train.Schedule s) {
        return switch (s.kind()) {
            case CONSTANT -> "constant";
            case COSINE -> "cosine";
            case STEP_DECAY -> "step:" + s.every() + ":" + s.gamma();
            case PLATEAU -> "plateau:" + s.gamma() + ":" + s.patience();
        };
    }

    /** The folder's name without the network's name: the start time, as the folder was named. */
    public String started() {
        String name = folder.getFileName().toString();
        return name.length() > 19 ? name.substring(name.length() - 19) : name;
    }

    /** "LeNet-5 · synthetic · completed: Test accuracy 91.20% · 20261201-181500-123". */
    public String describe() {
        return network + " \u00b7 " + data + " \u00b7 " + outcome + (result.isEmpty() ? "" : ": " + result)
                + " \u00b7 " + started();
    }

    public void save() throws IOException {
        Properties p = new Properties();
        p.setProperty("network", network);
        p.setProperty("data", data);
        p.setProperty("recipe", recipe);
        p.setProperty("outcome", outcome);
        p.setProperty("result", result);
        StringWriter w = new StringWriter();
        p.store(w, "a NetCanvas training run");
        AtomicFiles.writeString(folder.resolve(SUMMARY), w.toString());
        StringBuilder csv = new StringBuilder("series,x,y\n");
        rows(csv, "loss", loss);
        rows(csv, "train_accuracy", trainAccuracy);
        rows(csv, "val_accuracy", valAccuracy);
        AtomicFiles.writeString(folder.resolve(CURVES), csv.toString());
    }

    private static void rows(StringBuilder csv, String name, List<double[]> points) {
        for (double[] xy : points) {
            csv.append(name).append(',').append(xy[0]).append(',').append(xy[1]).append('\n');
        }
    }

    /** The run saved in this folder, or null when the folder holds no run.properties (or it cannot be read). */
    public static RunRecord load(Path folder) {
        Path summary = folder.resolve(SUMMARY);
        if (!Files.isRegularFile(summary)) {
            return null;
        }
        try (Reader r = Files.newBufferedReader(summary)) {
            Properties p = new Properties();
            p.load(r);
            List<double[]> loss = new ArrayList<>();
            List<double[]> train = new ArrayList<>();
            List<double[]> val = new ArrayList<>();
            Path curves = folder.resolve(CURVES);
            if (Files.isRegularFile(curves)) {
                for (String line : Files.readAllLines(curves)) {
                    String[] c = line.split(",");
                    if (c.length != 3 || c[0].equals("series")) {
                        continue;
                    }
                    double[] xy;
                    try {
                        xy = new double[] {Double.parseDouble(c[1]), Double.parseDouble(c[2])};
                    } catch (NumberFormatException e) {
                        continue; // a damaged line: the rest of the curve still shows
                    }
                    switch (c[0]) {
                        case "loss" -> loss.add(xy);
                        case "train_accuracy" -> train.add(xy);
                        case "val_accuracy" -> val.add(xy);
                        default -> {
                        }
                    }
                }
            }
            return new RunRecord(folder, p.getProperty("network", "?"), p.getProperty("data", "?"),
                    p.getProperty("recipe", ""), p.getProperty("outcome", "?"), p.getProperty("result", ""), loss,
                    train, val);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Every saved run under the runs folder, newest first. */
    public static List<RunRecord> all(Path runs) {
        List<RunRecord> out = new ArrayList<>();
        if (!Files.isDirectory(runs)) {
            return out;
        }
        try (var dirs = Files.list(runs)) {
            dirs.filter(Files::isDirectory).map(RunRecord::load).filter(java.util.Objects::nonNull).forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        out.sort(java.util.Comparator.comparing(RunRecord::started).reversed());
        return out;
    }

    /** Removes the run's folder and everything in it (checkpoints included). */
    public static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
