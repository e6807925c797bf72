package netcanvas.graph;

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
    default String keyParams() {
        return "";
    }
}
