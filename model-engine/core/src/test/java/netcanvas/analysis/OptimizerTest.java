package netcanvas.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    @Test
    void statesPerWeightMatchPyTorchsOptimizerState() {
        // torch.optim.SGD keeps no state without momentum and a momentum_buffer with it; Adam and AdamW keep
        // exp_avg and exp_avg_sq per weight.
        assertEquals(0, Optimizer.SGD.statesPerWeight());
        assertEquals(1, Optimizer.MOMENTUM.statesPerWeight());
        assertEquals(1, Optimizer.NESTEROV.statesPerWeight());
        assertEquals(2, Optimizer.ADAM.statesPerWeight());
        assertEquals(2, Optimizer.ADAMW.statesPerWeight());
    }

    @Test
    void parsesEverySpellingIgnoringCaseAndSpaces() {
        assertEquals(Optimizer.ADAMW, Optimizer.parse(" AdamW "));
        assertEquals(Optimizer.NESTEROV, Optimizer.parse("nesterov"));
        assertEquals(List.of("sgd", "momentum", "nesterov", "adam", "adamw"), Optimizer.spellings());
        assertEquals(List.of("sgd", "momentum", "adam", "adamw"), Optimizer.exportedSpellings());
        assertEquals("torch.optim.AdamW", Optimizer.ADAMW.pytorchClass());
    }

    @Test
    void aTypoIsRefusedNamingTheValidValues() {
        // Before the enum, the memory estimate treated any unknown name as Adam ("default -> 2").
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.parse("adma"));
        assertEquals("unknown optimizer 'adma': use one of sgd, momentum, nesterov, adam, adamw", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizer.parse(null));
    }
}
