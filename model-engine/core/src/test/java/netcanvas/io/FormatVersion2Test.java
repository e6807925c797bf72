package netcanvas.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Hw;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import org.junit.jupiter.api.Test;

/**
 * Format 2's two changes of meaning, and the migration that keeps format 1 files meaning what they meant. Expected
 * sizes are by hand: a 3x3 convolution with padding 1 maps H to floor((H + 2 - 3) / s) + 1; a k x k pool without
 * padding maps H to floor((H - k) / s) + 1.
 */
class FormatVersion2Test {

    private static String file(int format, String stageBlock) {
        return """
                {
                  "format": %d,
                  "name": "t",
                  "nodes": [
                    {"id": "in", "type": "input", "channels": 3, "height": 32, "width": 32},
                    {"id": "s", "type": "stage", "inputs": ["in"], "repeat": 3, "block": %s},
                    {"id": "pool", "type": "maxpool2d", "inputs": ["s"], "kernel": [3, 3]},
                    {"id": "gap", "type": "global_avgpool", "inputs": ["pool"]}
                  ]
                }
                """.formatted(format, stageBlock);
    }

    private static final String STRIDED_CONV = """
            {"type": "conv2d", "outChannels": 8, "kernel": [3, 3], "stride": [2, 2], "padding": [1, 1]}""";

    @Test
    void aStageStridesInItsFirstCopyOnlyForConvolutionsAndPools() throws Exception {
        Analysis a = Analyzer.analyze(NetworkJson.parse(file(2, STRIDED_CONV)));
        assertEquals("8x16x16", a.layer("s.0").output().toString()); // (32 + 2 - 3) / 2 + 1 = 16
        assertEquals("8x16x16", a.layer("s.1").output().toString()); // stride 1 from the second copy on
        assertEquals("8x16x16", a.layer("s.2").output().toString());
        assertEquals(new Hw(1, 1), ((Conv2d) a.layer("s.2").spec()).stride());
        // A pool without a stride strides by its kernel, as PyTorch's MaxPool2d(3): (16 - 3) / 3 + 1 = 5.
        assertEquals("8x5x5", a.layer("pool").output().toString());
        assertEquals(new Hw(3, 3), ((MaxPool2d) a.layer("pool").spec()).stride());

        Analysis pools = Analyzer.analyze(NetworkJson.parse(file(2, """
                {"type": "maxpool2d", "kernel": [2, 2]}""")));
        assertEquals("3x16x16", pools.layer("s.0").output().toString()); // stride = kernel 2: 32 -> 16
        assertEquals("3x15x15", pools.layer("s.1").output().toString()); // then stride 1: 16 - 2 + 1 = 15
        assertEquals("3x14x14", pools.layer("s.2").output().toString());
    }

    @Test
    void formatOneFilesKeepTheirMeaning() throws Exception {
        Network old = NetworkJson.parse(file(1, STRIDED_CONV));
        // The stage became its three copies, each with its stride, under the ids its expansion had.
        assertEquals(List.of("in", "s.0", "s.1", "s.2", "pool", "gap"), old.nodes().stream().map(Node::id).toList());
        assertEquals(List.of("s.2"), old.node("pool").inputs());
        Analysis a = Analyzer.analyze(old);
        assertEquals("8x16x16", a.layer("s.0").output().toString());
        assertEquals("8x8x8", a.layer("s.1").output().toString()); // (16 + 2 - 3) / 2 + 1 = 8
        assertEquals("8x4x4", a.layer("s.2").output().toString());
        // Format 1's pool default was 2x2: (4 - 3) / 2 + 1 = 1.
        assertEquals("8x1x1", a.layer("pool").output().toString());
        // Saved again, it is format 2 and reads back the same.
        String saved = NetworkJson.write(old);
        assertEquals(2, com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(saved)
                .get("format").intValue());
        assertEquals(Analyzer.analyze(old).totals(), Analyzer.analyze(NetworkJson.parse(saved)).totals());
    }

    @Test
    void residualStagesMeanTheSameInBothVersions() throws Exception {
        String block = """
                {"type": "residual_basic", "outChannels": 16, "stride": 2}""";
        Analysis v1 = Analyzer.analyze(NetworkJson.parse(file(1, block)));
        Analysis v2 = Analyzer.analyze(NetworkJson.parse(file(2, block)));
        List<String> ids = v2.layers().stream().map(l -> l.id()).filter(id -> id.startsWith("s.")).toList();
        assertEquals(v1.layers().stream().map(l -> l.id()).filter(id -> id.startsWith("s.")).toList(), ids);
        for (String id : ids) {
            assertEquals(v1.layer(id).output(), v2.layer(id).output(), id);
            assertEquals(v1.layer(id).cost(), v2.layer(id).cost(), id);
        }
        assertEquals("16x16x16", v2.layer("s.2.relu").output().toString()); // 32 -> 16 in the first block only
    }
}
