package netcanvas.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A parameter's bounds are declared once, on its {@link Param}, and refused in the same words however a spec is made:
 * by its constructor, or by name through {@link LayerKind#create} (the JSON reader and the inspector).
 */
class ParamBoundsTest {

    private static String refused(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void constructorsRefuseValuesOutsideTheDeclaredBounds() {
        assertEquals("parameter \"outChannels\" must be from 1 to 2147483647, got 0",
                refused(() -> Conv2d.of(0, 3, 1, 0, true)));
        assertEquals("parameter \"kernel\" must be from 1 to 2147483647, got 0",
                refused(() -> new MaxPool2d(new Hw(2, 0), Hw.of(1), Hw.of(0), false)));
        assertEquals("parameter \"padding\" must be from 0 to 2147483647, got -1",
                refused(() -> new Conv2d(8, Hw.of(3), Hw.of(1), Padding.of(1, -1), Hw.of(1), 1, true)));
        assertEquals("parameter \"repeat\" must be from 1 to 10000, got 10001",
                refused(() -> new Stage(10_001, new ReLU())));
        assertEquals("parameter \"layers\" must be from 1 to 1000, got 1001",
                refused(() -> new DenseBlock(1001, 32, 4)));
        assertEquals("parameter \"compression\" must be from 0.01 to 1, got 0.0", refused(() -> new Transition(0)));
        assertEquals("parameter \"p\" must be from 0 to 1, got NaN", refused(() -> new Dropout(Double.NaN)));
        assertEquals("parameter \"block\" is missing", refused(() -> new Stage(2, null)));
        assertEquals("parameter \"activation\" must be one of relu6, silu, hardswish, relu, got \"gelu\"",
                refused(() -> new InvertedResidual(6, 32, 1, 3, 0, "gelu")));
    }

    @Test
    void creatingByNameRefusesInTheSameWords() {
        assertEquals("parameter \"p\" must be from 0 to 1, got 1.5",
                refused(() -> LayerKinds.of(Dropout.class).create(Map.of("p", 1.5))));
        assertEquals("parameter \"repeat\" must be from 1 to 10000, got 20000",
                refused(() -> LayerKinds.of(Stage.class).create(Map.of("repeat", 20_000, "block", new ReLU()))));
        assertEquals("parameter \"units\" must be an integer",
                refused(() -> LayerKinds.of(Dense.class).create(Map.of("units", 2.5))));
    }

    @Test
    void boundsAreInclusive() {
        assertEquals(10_000, new Stage(10_000, new ReLU()).repeat());
        assertEquals(1.0, new Dropout(1).p());
        assertEquals(0.01, new Transition(0.01).compression());
        assertEquals(Padding.of(0, 0), new Conv2d(8, Hw.of(1), Hw.of(1), Padding.of(0), Hw.of(1), 1, true).padding());
    }
}
