package netcanvas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import netcanvas.analysis.Optimizer;
import org.junit.jupiter.api.Test;

class ExportRecipeTest {

    @Test
    void theCommandLineSpellingsAreKept() {
        ExportRecipe r = ExportRecipe.parse("AdamW", 0.003, "Step", 128, 3);
        assertEquals(Optimizer.ADAMW, r.optimizer());
        assertEquals(RecipeSchedule.STEP_DECAY, r.schedule());
        assertEquals("step", r.schedule().spelling());
        assertEquals(java.util.List.of("step", "cosine", "constant"), ExportRecipe.SCHEDULES);
    }

    @Test
    void anOptimizerTheScriptDoesNotOfferIsRefusedNamingTheOnesItDoes() {
        // The exported script builds torch.optim.SGD without nesterov=True, so Nesterov is not offered.
        String nesterov = assertThrows(IllegalArgumentException.class,
                () -> ExportRecipe.parse("nesterov", 0.01, "cosine", 64, 10)).getMessage();
        assertEquals("unknown optimizer 'nesterov': use one of sgd, momentum, adam, adamw", nesterov);
        assertThrows(IllegalArgumentException.class,
                () -> ExportRecipe.defaults().withOptimizer(Optimizer.NESTEROV));
        String schedule = assertThrows(IllegalArgumentException.class,
                () -> ExportRecipe.parse("sgd", 0.01, "plateau", 64, 10)).getMessage();
        assertEquals("unknown schedule 'plateau': use one of step, cosine, constant", schedule);
    }
}
