package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/** Averages each channel over its whole plane: C x H x W to C x 1 x 1 (torch.nn.AdaptiveAvgPool2d(1)). */
@Kind(json = "global_avgpool", title = "GlobalAvgPool", category = Category.POOLING,
        formula = "C x H x W -> C x 1 x 1; ops = C*H*W")
public record GlobalAvgPool() implements PrimitiveSpec {

    @Override
    public Shape outputShape(List<Shape> inputs) throws ShapeException {
        Shape in = inputs.get(0);
        ShapeRules.requireSpatial("GlobalAvgPool", in);
        return Shape.chw(in.channels(), 1, 1);
    }

    @Override
    public Cost cost(List<Shape> inputs, Shape out) {
        return Cost.ops(inputs.get(0).elements());
    }

    @Override
    public Window window(List<Shape> inputs) {
        long h = inputs.get(0).height();
        return new Window(h, Math.max(1, h));
    }

    @Override
    public List<Explained> explain(List<Shape> inputs, Shape out) {
        Shape in = inputs.get(0);
        return Explain.terms().add(Figure.CHANNELS, "C", n(in.channels())).add(Figure.HEIGHT, "1", n(1))
                .add(Figure.WIDTH, "1", n(1)).add(Figure.OTHER_OPS, "C x H x W", Explain.elements(in)).done();
    }

    @Override
    public String keyParams() {
        return "global";
    }

    @Override
    public <R> R accept(PrimitiveVisitor<R> v) {
        return v.visit(this);
    }
}
