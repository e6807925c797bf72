package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import netcanvas.graph.*;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void resnet50() {
        NetBuilder b = new NetBuilder("resnet50").input(3, 224, 224)
                .then("conv1", Conv2d.of(64, 7, 2, 3, false)).then("bn1", BatchNorm.standard())
                .then("relu", new ReLU()).then("maxpool", MaxPool2d.of(3, 2, 1, false));
        int[] reps = {3, 4, 6, 3};
        int[] widths = {64, 128, 256, 512};
        for (int i = 0; i < 4; i++) {
            b.then("layer" + (i + 1), new Stage(reps[i],
                    new BottleneckBlock(widths[i], widths[i] * 4, i == 0 ? 1 : 2, 1, false, 0)));
        }
        b.then("avgpool", new GlobalAvgPool()).then("fc", new Dense(1000, true)).then("out", new Output());
        Analysis a = Analyzer.analyze(b.build());
        System.out.println(a.diagnostics());
        assertEquals(25_557_032L, a.totals().trainableParams());
        assertEquals(4_089_184_256L, a.totals().macs());
        System.out.println(a.totals() + " layers=" + a.layers().size());
    }
}
