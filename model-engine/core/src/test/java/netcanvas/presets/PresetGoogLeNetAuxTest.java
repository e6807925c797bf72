package netcanvas.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.io.NetworkFormatException;
import org.junit.jupiter.api.Test;

/**
 * GoogLeNet's auxiliary classifiers: an option of the builder, off in the shipped file. Figures from
 * model-engine/core/src/test/python/reference_counts.py ("googlenet+aux": GoogLeNetPaper(aux=True)).
 */
class PresetGoogLeNetAuxTest {

    @Test
    void withAuxiliaryClassifiersMatchesPyTorch() {
        Analysis a = Analyzer.analyze(PresetLibrary.googlenet(true));
        assertTrue(a.diagnostics().isEmpty(), () -> a.diagnostics().toString());
        assertEquals(13_378_280L, a.totals().trainableParams());
        assertEquals(1_591_044_096L, a.totals().macs());
        // 58 conv + dense layers in the main path, and 3 in each auxiliary classifier (1x1 conv, fc1, fc2).
        assertEquals(64, a.layers().stream().filter(l -> l.spec() instanceof Conv2d || l.spec() instanceof Dense)
                .count());
        // 5x5/3 average pool on inception4a's 512x14x14: (14 - 5) / 3 + 1 = 4.
        assertEquals("512x4x4", a.shapeOf("aux1_pool").toString());
        assertEquals("1000", a.shapeOf("aux1_fc2").toString());
        assertEquals("128x4x4", a.shapeOf("aux2_conv").toString());
    }

    @Test
    void shippedFileHasNoAuxiliaryClassifiers() throws NetworkFormatException {
        assertNull(Presets.load("googlenet").node("aux1_pool"));
        assertEquals(PresetLibrary.googlenet(false), Presets.load("googlenet"));
    }
}
