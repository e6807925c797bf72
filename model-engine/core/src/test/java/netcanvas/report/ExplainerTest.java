package netcanvas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.LayerResult;
import netcanvas.analysis.Row;
import netcanvas.graph.Explained;
import netcanvas.graph.Explained.Figure;
import netcanvas.graph.ExprText;
import netcanvas.presets.Presets;
import org.junit.jupiter.api.Test;

/** {@code summary --explain}: every figure of every layer and block of several presets, read back and evaluated. */
class ExplainerTest {

    private static Analysis analyse(String preset) throws Exception {
        return Analyzer.analyze(Presets.load(preset));
    }

    private static void check(Explainer.Explanation x, Figure f, long want) {
        Explained e = x.figure(f);
        assertEquals(want, e.value(), x.id() + ": " + e.line());
        assertEquals(want, ExprText.eval(e.expr().text()), x.id() + ": " + e.line());
    }

    @Test
    void everyLayerAndBlockOfThePresetsExplainsItsOwnFigures() throws Exception {
        for (String preset : List.of("alexnet-paper", "lenet5", "zfnet", "googlenet", "resnet50", "se-resnet50",
                "resnext50-32x4d", "densenet121")) {
            Analysis a = analyse(preset);
            for (LayerResult r : a.layers()) {
                Explainer.Explanation x = Explainer.explain(a, r.id());
                if (r.output().spatial()) {
                    check(x, Figure.CHANNELS, r.output().channels());
                    check(x, Figure.HEIGHT, r.output().height());
                    check(x, Figure.WIDTH, r.output().width());
                } else {
                    check(x, Figure.FEATURES, r.output().channels());
                }
                check(x, Figure.PARAMS, r.cost().params());
                check(x, Figure.STATE, r.cost().state());
                check(x, Figure.MACS, r.cost().macs());
                check(x, Figure.OTHER_OPS, r.cost().otherOps());
                check(x, Figure.MEMORY, r.memoryBytes());
                check(x, Figure.RECEPTIVE_FIELD, r.receptiveField());
                check(x, Figure.JUMP, r.jump());
            }
            for (Row row : blocks(a.rows(), new ArrayList<>())) {
                Explainer.Explanation x = Explainer.explain(a, row.id());
                check(x, Figure.PARAMS, row.cost().params());
                check(x, Figure.STATE, row.cost().state());
                check(x, Figure.MACS, row.cost().macs());
                check(x, Figure.OTHER_OPS, row.cost().otherOps());
                check(x, Figure.MEMORY, row.memoryBytes());
                check(x, Figure.RECEPTIVE_FIELD, row.receptiveField());
            }
        }
    }

    private static List<Row> blocks(List<Row> rows, List<Row> into) {
        for (Row r : rows) {
            if (r.composite()) {
                into.add(r);
                blocks(r.children(), into);
            }
        }
        return into;
    }

    @Test
    void alexNetPaperConv1() throws Exception {
        String text = Explainer.explain(analyse("alexnet-paper"), "conv1").render();
        assertTrue(text.startsWith("conv1: Conv2d 11x11, 96, /4 -> 96x55x55\n  input 3x227x227 from input\n"), text);
        assertTrue(text.contains("  H' = floor((H + 2p - k) / s) + 1 = floor((227 + 2 x 0 - 11) / 4) + 1 = 55\n"),
                text);
        assertTrue(text.contains("  params = Cout x (Cin x kh x kw) + Cout = 96 x (3 x 11 x 11) + 96 = 34,944\n"),
                text);
        assertTrue(text.contains("  memory = C' x H' x W' x 4 bytes = 96 x 55 x 55 x 4 = 1,161,600 B\n"), text);
        assertTrue(text.contains("  receptive field = RF_in + (k_eff - 1) x jump_in = 1 + (11 - 1) x 1 = 11\n"),
                text);
        assertTrue(text.contains("  jump = jump_in x s = 1 x 4 = 4\n"), text);
    }

    @Test
    void alexNetPaperConv2SeesPool1sReceptiveField() throws Exception {
        String text = Explainer.explain(analyse("alexnet-paper"), "conv2").render();
        // pool1 (3x3/2 after conv1's 11/4): RF 11 + 2 x 4 = 19, jump 8; conv2 5x5: 19 + 4 x 8 = 51
        assertTrue(text.contains("receptive field = RF_in + (k_eff - 1) x jump_in = 19 + (5 - 1) x 8 = 51\n"), text);
        assertTrue(text.contains("params = Cout x (Cin/g x kh x kw) + Cout = 256 x (96 / 2 x 5 x 5) + 256 = 307,456"),
                text);
    }

    @Test
    void aBlockIsTheSumOfItsRows() throws Exception {
        String text = Explainer.explain(analyse("resnet18"), "layer1.0").render();
        assertTrue(text.contains("params = sum of its rows' params = 36864 + 128 + 0 + 36864 + 128 + 0 + 0 = 73,984"),
                text);
    }

    @Test
    void unknownIdIsRefused() throws Exception {
        Analysis a = analyse("lenet5");
        assertThrows(IllegalArgumentException.class, () -> Explainer.explain(a, "nope"));
    }
}
