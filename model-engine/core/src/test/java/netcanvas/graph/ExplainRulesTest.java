package netcanvas.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.graph.Explained.Figure;
import org.junit.jupiter.api.Test;

/**
 * Every primitive kind's {@link PrimitiveSpec#explain} against its own shape and cost rules: for each kind (and the
 * variants that take another branch of the rule) the printed expression, read back by {@link ExprText}, and the
 * structured value both equal the figure the analysis reports.
 */
class ExplainRulesTest {

    private record Case(PrimitiveSpec spec, List<Shape> inputs) {
    }

    private static Case c(PrimitiveSpec spec, Shape... in) {
        return new Case(spec, List.of(in));
    }

    private static Shape chw(long c, long h, long w) {
        return Shape.chw(c, h, w);
    }

    private static List<Case> cases() {
        Shape img = chw(64, 56, 56);
        List<Case> all = new ArrayList<>();
        all.add(c(new Input(3, 227, 200)));
        all.add(c(Conv2d.of(96, 11, 4, 0, true), chw(3, 227, 227)));
        all.add(c(Conv2d.of(64, 7, 2, 3, false), chw(3, 224, 224)));
        all.add(c(Conv2d.of(256, 5, 1, 2, true).withGroups(2), chw(96, 27, 27)));
        all.add(c(Conv2d.of(32, 3, 2, 2, true).withDilation(new Hw(2, 3)), chw(16, 33, 40)));
        all.add(c(new Conv2d(24, new Hw(3, 5), Hw.of(1), Padding.SAME, Hw.of(1), 8, false), chw(16, 9, 10)));
        all.add(c(new Conv2d(8, new Hw(1, 3), new Hw(2, 3), Padding.of(0), Hw.of(1), 1, true), chw(4, 15, 17)));
        all.add(c(MaxPool2d.of(3, 2, 0, false), chw(96, 55, 55)));
        all.add(c(MaxPool2d.of(3, 2, 1, true), chw(64, 112, 112)));
        all.add(c(MaxPool2d.of(2, 2, 1, true), chw(8, 5, 5)));
        all.add(c(MaxPool2d.of(3, 2, 0, true), chw(8, 14, 14)));
        all.add(c(AvgPool2d.of(2, 2, 0), chw(128, 56, 56)));
        all.add(c(new AvgPool2d(new Hw(3, 2), new Hw(1, 2), new Hw(1, 0), true, false), chw(5, 7, 9)));
        all.add(c(new GlobalAvgPool(), chw(2048, 7, 7)));
        all.add(c(new AdaptiveAvgPool(Hw.of(7)), chw(512, 14, 14)));
        all.add(c(new AdaptiveAvgPool(new Hw(6, 4)), chw(256, 13, 15)));
        all.add(c(new Flatten(), chw(256, 6, 6)));
        all.add(c(new Flatten(), Shape.features(10)));
        all.add(c(new Dense(4096, true), Shape.features(9216)));
        all.add(c(new Dense(10, false), chw(16, 5, 5)));
        all.add(c(new ReLU(), img));
        all.add(c(new ReLU(), Shape.features(4096)));
        all.add(c(new LeakyReLU(0.01), img));
        all.add(c(new Tanh(), img));
        all.add(c(new Sigmoid(), chw(64, 1, 1)));
        all.add(c(new ReLU6(), img));
        all.add(c(new SiLU(), img));
        all.add(c(new Hardswish(), img));
        all.add(c(new Hardsigmoid(), img));
        all.add(c(new Softmax(), Shape.features(1000)));
        all.add(c(new Dropout(0.5), Shape.features(4096)));
        all.add(c(BatchNorm.standard(), img));
        all.add(c(BatchNorm.standard(), Shape.features(100)));
        all.add(c(new LocalResponseNorm(5, 1e-4, 0.75, 2), chw(96, 55, 55)));
        all.add(c(new Concat(), chw(64, 28, 28), chw(128, 28, 28), chw(32, 28, 28), chw(32, 28, 28)));
        all.add(c(new Concat(), Shape.features(10), Shape.features(20)));
        all.add(c(new Add(), img, img));
        all.add(c(new Add(), img, img, img));
        all.add(c(new Scale(), img, chw(64, 1, 1)));
        all.add(c(new ChannelShuffle(2), chw(116, 28, 28)));
        all.add(c(new ChannelShuffle(3), Shape.features(12)));
        all.add(c(new ChannelSlice(116, 116), chw(232, 14, 14)));
        all.add(c(new ChannelSlice(7, 3), Shape.features(10)));
        all.add(c(new Output(), Shape.features(1000)));
        all.add(c(new Output(), chw(10, 1, 1)));
        return all;
    }

    @Test
    void everyPrimitiveKindIsCovered() {
        Set<String> covered = new LinkedHashSet<>();
        for (Case k : cases()) {
            covered.add(k.spec().kind());
        }
        Set<String> primitives = new LinkedHashSet<>();
        for (LayerKind k : LayerKinds.ALL) {
            if (!k.composite()) {
                primitives.add(k.name());
            }
        }
        assertEquals(primitives, covered);
    }

    @Test
    void everyExplanationEvaluatesToTheReportedFigure() throws ShapeException {
        for (Case k : cases()) {
            Shape out = k.spec().outputShape(k.inputs());
            Cost cost = k.spec().cost(k.inputs(), out);
            Map<Figure, Long> expected = new EnumMap<>(Figure.class);
            if (out.spatial()) {
                expected.put(Figure.CHANNELS, out.channels());
                expected.put(Figure.HEIGHT, out.height());
                expected.put(Figure.WIDTH, out.width());
            } else {
                expected.put(Figure.FEATURES, out.channels());
            }
            expected.put(Figure.PARAMS, cost.params());
            expected.put(Figure.STATE, cost.state());
            expected.put(Figure.MACS, cost.macs());
            expected.put(Figure.OTHER_OPS, cost.otherOps());
            List<Explained> terms = k.spec().explain(k.inputs(), out);
            String what = k.spec() + " on " + k.inputs();
            assertEquals(expected.keySet(), figures(terms), what);
            for (Explained e : terms) {
                long want = expected.get(e.figure());
                assertEquals(want, e.value(), what + ": " + e.line());
                assertEquals(want, ExprText.eval(e.expr().text()), what + ": " + e.line());
                assertNotNull(e.formula());
            }
        }
    }

    private static Set<Figure> figures(List<Explained> terms) {
        Set<Figure> s = new LinkedHashSet<>();
        for (Explained e : terms) {
            assertEquals(true, s.add(e.figure()), "figure given twice: " + e.figure());
        }
        return s;
    }

    @Test
    void alexNetConv1ReadsAsThePaper() throws ShapeException {
        Conv2d conv1 = Conv2d.of(96, 11, 4, 0, true);
        List<Shape> in = List.of(chw(3, 227, 227));
        List<Explained> terms = conv1.explain(in, conv1.outputShape(in));
        List<String> lines = terms.stream().map(Explained::line).toList();
        assertEquals("H' = floor((H + 2p - k) / s) + 1 = floor((227 + 2 x 0 - 11) / 4) + 1 = 55", lines.get(1));
        assertEquals("params = Cout x (Cin x kh x kw) + Cout = 96 x (3 x 11 x 11) + 96 = 34,944", lines.get(3));
        assertEquals("MACs = Cout x H' x W' x (Cin x kh x kw) = 96 x 55 x 55 x (3 x 11 x 11) = 105,415,200",
                lines.get(5));
    }

    @Test
    void readerEvaluatesFloorCeilAndFractionsExactly() {
        assertEquals(55, ExprText.eval("floor((227 + 2 x 0 - 11) / 4) + 1"));
        assertEquals(56, ExprText.eval("ceil((112 + 2 x 0 - 3) / 2) + 1"));
        assertEquals(-1, ExprText.eval("floor((1 - 3) / 2) + 0"));
        assertEquals(1200, ExprText.eval("96 / 2 x 5 x 5"));
        assertEquals(7, ExprText.eval("max(max(1, 7), 3)"));
    }
}
