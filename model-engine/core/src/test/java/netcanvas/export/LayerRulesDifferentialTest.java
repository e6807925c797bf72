package netcanvas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import netcanvas.graph.AdaptiveAvgPool;
import netcanvas.graph.AvgPool2d;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Hw;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.Padding;
import netcanvas.graph.PrimitiveSpec;
import netcanvas.graph.Shape;
import netcanvas.graph.ShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other half of the differential check: single convolution and pooling layers on random (often too small)
 * inputs. PyTorch must accept exactly the layers the analysis accepts, with the same output shape, and refuse the
 * ones it refuses, so the analysis is never stricter or looser than PyTorch.
 */
class LayerRulesDifferentialTest {
    static final long SEED = 77_001L;
    static final int CASES = 3000;

    @TempDir
    Path dir;

    @Test
    void shapeRulesAcceptAndRefuseExactlyAsPyTorch() throws Exception {
        TorchCheck.requireTorch();
        Random r = new Random(SEED);
        List<String> expected = new ArrayList<>();
        List<String> described = new ArrayList<>();
        StringBuilder py = new StringBuilder("import torch, torch.nn as nn\n"
                + "def run(make, shape):\n"
                + "    try:\n"
                + "        y = make()(torch.zeros(1, *shape))\n"
                + "        print(list(y.shape[1:]))\n"
                + "    except Exception:\n"
                + "        print('refused')\n");
        for (int i = 0; i < CASES; i++) {
            Shape in = Shape.chw(1 + r.nextInt(6), 1 + r.nextInt(12), 1 + r.nextInt(12));
            PrimitiveSpec layer = layer(r);
            String outcome;
            try {
                Shape out = layer.outputShape(List.of(in));
                outcome = java.util.Arrays.toString(out.dims()).replace(" ", "");
            } catch (ShapeException e) {
                outcome = "refused";
            }
            expected.add(outcome);
            String call = layer.accept(new TorchModules(List.of(in))).render();
            described.add(call + " on " + in);
            py.append("run(lambda: ").append(call).append(", (").append(in.channels()).append(", ")
                    .append(in.height()).append(", ").append(in.width()).append("))\n");
        }
        Path script = dir.resolve("layers.py");
        Files.writeString(script, py);
        TorchCheck.ProcessResult result = TorchCheck.run(List.of(TorchCheck.PYTHON, "-W", "ignore",
                script.toString()), 600);
        assertEquals(0, result.exitCode(), result.stderr());
        String[] got = result.stdout().split("\n");
        assertEquals(CASES, got.length);
        List<String> mismatches = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            String torch = got[i].replace(" ", "");
            refused += torch.equals("refused") ? 1 : 0;
            if (!torch.equals(expected.get(i))) {
                mismatches.add(described.get(i) + ": PyTorch " + torch + ", NetCanvas " + expected.get(i));
            }
        }
        System.out.println("layer rules (seed " + SEED + "): PyTorch and NetCanvas agree on " + (CASES
                - mismatches.size()) + " of " + CASES + " single layers (" + refused + " refused by PyTorch)");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " disagreements, e.g.\n"
                + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));
    }

    private static PrimitiveSpec layer(Random r) {
        Hw kernel = r.nextInt(3) == 0 ? new Hw(1 + r.nextInt(5), 1 + r.nextInt(5)) : Hw.of(1 + r.nextInt(5));
        Hw stride = r.nextInt(3) == 0 ? new Hw(1 + r.nextInt(3), 1 + r.nextInt(3)) : Hw.of(1 + r.nextInt(3));
        Hw pad = new Hw(r.nextInt(4), r.nextInt(4));
        return switch (r.nextInt(4)) {
            case 0 -> new Conv2d(1 + r.nextInt(6), kernel, stride,
                    r.nextInt(4) == 0 ? Padding.SAME : Padding.of(pad.h(), pad.w()),
                    r.nextInt(3) == 0 ? new Hw(1 + r.nextInt(3), 1 + r.nextInt(3)) : Hw.of(1), 1 + r.nextInt(3),
                    r.nextBoolean());
            case 1 -> new MaxPool2d(kernel, stride, pad, r.nextBoolean());
            case 2 -> new AvgPool2d(kernel, stride, pad, r.nextBoolean(), r.nextBoolean());
            default -> new AdaptiveAvgPool(new Hw(1 + r.nextInt(6), 1 + r.nextInt(6)));
        };
    }
}
