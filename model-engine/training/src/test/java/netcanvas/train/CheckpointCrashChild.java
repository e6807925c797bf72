package netcanvas.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import netcanvas.graph.Network;
import netcanvas.io.AtomicFiles;
import netcanvas.io.NetworkJson;

/**
 * The process {@link CheckpointCrashTest} kills: saves checkpoints (through the one path every checkpoint takes,
 * {@link Checkpoint#write}) and designs (through {@link AtomicFiles}) in a loop, each save one epoch on from the
 * last. It loads no ND4J (the weights come pre-encoded), so it starts in a fraction of a second.
 *
 * <p>Arguments: RUN_FOLDER BLOBS_FOLDER loop|once. weights-K.bin in BLOBS_FOLDER holds arrays whose every value is
 * K; epoch E is saved with weights-(E mod count).bin, so a load can tell whether weights and epoch agree.
 */
public final class CheckpointCrashChild {
    private CheckpointCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        Path blobs = Path.of(args[1]);
        boolean once = args[2].equals("once");
        int count = Integer.parseInt(Files.readString(blobs.resolve("count")).trim());
        byte[][] weights = new byte[count][];
        for (int k = 0; k < count; k++) {
            weights[k] = Files.readAllBytes(blobs.resolve("weights-" + k + ".bin"));
        }
        String json = Files.readString(blobs.resolve("network.json"));
        Network network = NetworkJson.parse(json);
        Path last = run.resolve("last");
        Path props = AtomicFiles.recoverFolder(last).resolve(Checkpoint.PROPERTIES);
        int epoch = 0;
        if (Files.isRegularFile(props)) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(props)) {
                p.load(in);
            }
            epoch = Integer.parseInt(p.getProperty("epoch"));
        }
        Checkpoint.sha256(new byte[0]); // classes loaded before the parent starts its clock
        System.out.println("saving from epoch " + (epoch + 1));
        System.out.flush();
        do {
            epoch++;
            Properties p = new Properties();
            p.setProperty("epoch", Integer.toString(epoch));
            p.setProperty("iteration", Long.toString(100L * epoch));
            p.setProperty("valAccuracy", "0.5");
            p.setProperty("classes", "2");
            p.setProperty("class.0", "a");
            p.setProperty("class.1", "b");
            p.setProperty("channels", "1");
            p.setProperty("mean.0", "0.5");
            p.setProperty("std.0", "0.25");
            Checkpoint.write(last, json, weights[epoch % count], p);
            NetworkJson.write(new Network("v" + epoch, network.nodes()), run.resolve("design.json"));
        } while (!once);
    }
}
