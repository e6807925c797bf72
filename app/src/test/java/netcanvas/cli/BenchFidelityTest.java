package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netcanvas.data.Datasets;
import org.junit.jupiter.api.Test;

/**
 * {@code bench fidelity} trains both sides, NetCanvas in-process and the exported script under Debian's PyTorch, on
 * the first 320 Fashion-MNIST images for one epoch, and prints both test accuracies and their difference.
 */
class BenchFidelityTest {
    private static final Pattern RESULT = Pattern.compile("NetCanvas test accuracy (\\d+\\.\\d\\d) %, PyTorch"
            + " (\\d+\\.\\d\\d) %, difference (-?\\d+\\.\\d\\d) points \\(target within 1\\)");

    @Test
    void trainsBothSidesAndPrintsBothAccuracies() {
        netcanvas.onnx.TorchModels.requireTorch();
        netcanvas.References.require(Files.isDirectory(Datasets.FASHION_MNIST_DIR),
                "Fashion-MNIST (apt-get install dataset-fashion-mnist)");
        CliRun r = CliRun.of("bench", "fidelity", "--network", "mobilenet_v2-fmnist", "--epochs", "1", "--batch",
                "32", "--limit", "320");
        assertEquals(0, r.code(), r.err() + "\n" + r.out());
        // 320 training images less round(0.1 x 320) = 32 held out leaves 288 on both sides; 320 test images
        assertTrue(r.out().contains("netcanvas: mobilenet_v2-fmnist: 149,098 trainable parameters; 288 training, 32"
                + " validation, 320 test images"), r.out());
        // the script's own count, by torch's parameters() (149,098 as reference_counts.py prints)
        assertTrue(r.out().contains("pytorch: training mobilenet_v2-fmnist (149,098 parameters) on cpu: adam, lr"
                + " 0.001, cosine schedule, batch 32, 1 epochs"), r.out());
        assertTrue(r.out().contains("pytorch: 288 training, 32 validation, 320 test images"), r.out());
        assertTrue(r.out().contains("pytorch: epoch 1/1: "), r.out());
        Matcher m = RESULT.matcher(r.out());
        assertTrue(m.find(), r.out());
        System.out.println("bench fidelity, 1 epoch on 320 images: " + m.group());
        double ours = Double.parseDouble(m.group(1));
        double theirs = Double.parseDouble(m.group(2));
        assertTrue(ours >= 0 && ours <= 100 && theirs >= 0 && theirs <= 100, m.group());
        assertEquals(ours - theirs, Double.parseDouble(m.group(3)), 0.011, m.group());
        assertTrue(r.out().contains("320 test images"), r.out());
    }

    @Test
    void refusesWhatTheTwoSidesWouldNotDoAlike() {
        CliRun synthetic = CliRun.of("bench", "fidelity", "--data", "synthetic", "--epochs", "1");
        assertEquals(2, synthetic.code(), synthetic.out());
        assertTrue(synthetic.err().contains("synthetic data is not compared"), synthetic.err());
        CliRun adamw = CliRun.of("bench", "fidelity", "--optimizer", "adamw", "--epochs", "1");
        assertEquals(2, adamw.code(), adamw.out());
        assertTrue(adamw.err().contains("optimizer 'adamw' is not compared"), adamw.err());
        assertTrue(synthetic.noStackTrace() && adamw.noStackTrace(), synthetic.err() + adamw.err());
    }
}
