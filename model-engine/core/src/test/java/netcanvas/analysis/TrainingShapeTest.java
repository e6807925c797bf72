package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import netcanvas.graph.Dense;
import netcanvas.graph.Input;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import org.junit.jupiter.api.Test;

class TrainingShapeTest {

    @Test
    void aClassifierGivesItsInputAndOneClassPerOutputUnit() {
        TrainingShape t = TrainingShape.of(Analyzer.analyze(new NetBuilder("t").input(1, 28, 28)
                .then("fc", new Dense(10, true)).then("out", new Output()).build()));
        assertTrue(t.trainable());
        assertNull(t.problem());
        assertArrayEquals(new int[] {1, 28, 28}, t.inputChw());
        assertEquals(10, t.classes());
    }

    @Test
    void eachMissingOrDoubledEndIsNamed() {
        TrainingShape noOutput = TrainingShape.of(Analyzer.analyze(new NetBuilder("t").input(1, 8, 8)
                .then("r", new ReLU()).build()));
        assertFalse(noOutput.trainable());
        assertTrue(noOutput.problem().contains("no Output layer"), noOutput.problem());

        TrainingShape noInput = TrainingShape.of(Analyzer.analyze(new NetBuilder("t").add("r", new ReLU()).build()));
        assertTrue(noInput.problem().contains("no Input layer"), noInput.problem());

        TrainingShape twoInputs = TrainingShape.of(Analyzer.analyze(new NetBuilder("t").input(1, 8, 8)
                .add("second", new Input(1, 8, 8)).then("fc", new Dense(3, true)).then("out", new Output())
                .build()));
        assertTrue(twoInputs.problem().contains("is a second Input"), twoInputs.problem());

        TrainingShape twoOutputs = TrainingShape.of(Analyzer.analyze(new NetBuilder("t").input(1, 8, 8)
                .then("fc", new Dense(3, true)).add("a", new Output(), "fc").add("b", new Output(), "fc").build()));
        assertTrue(twoOutputs.problem().contains("2 Output layers"), twoOutputs.problem());
    }
}
