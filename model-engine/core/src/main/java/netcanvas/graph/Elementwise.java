package netcanvas.graph;

import static netcanvas.graph.Expr.*;

import netcanvas.graph.Explained.Figure;

import java.util.List;

/** Layers that map each element on its own: the shape passes through and each element costs one operation. */
public sealed interface Elementwise extends PrimitiveSpec permits ReLU, LeakyReLU, Tanh, Sigmoid, ReLU6, SiLU,
        Hardswish, Hardsigmoid, Softmax, Dropout {
    @Override
    default Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    @Override
    default Cost cost(List<Shape> inputs, Shape output) {
        return Cost.ops(output.elements());
    }

    @Override
    default List<Explained> explain(List<Shape> inputs, Shape output) {
        return Explain.terms().sameShape(inputs.get(0))
                .add(Figure.OTHER_OPS, Explain.outElements(output) + " (one per element)", Explain.elements(output))
                .done();
    }

    @Override
    default String keyParams() {
        return "";
    }
}
