package netcanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The option groups train, export, run and bench share keep each command's own defaults and checks. */
class SharedOptionsTest {

    @TempDir
    Path dir;

    @Test
    void helpShowsEachCommandsOwnRecipeDefaults() {
        CliRun trainRun = CliRun.of("train", "--help");
        assertEquals(0, trainRun.code(), trainRun.err());
        CliRun train = new CliRun(0, trainRun.out().replaceAll("\\s+", " "), "");
        // train starts from Adam at 1e-3 with a constant rate for 5 epochs on synthetic data
        assertTrue(train.out().contains("adam or adamw (default: adam)"), train.out());
        assertTrue(train.out().contains("(default: 1e-3)") && train.out().contains("(default: constant)")
                && train.out().contains("(default: 5)"), train.out());
        assertTrue(train.out().contains("train: default synthetic"), train.out());
        CliRun exportRun = CliRun.of("export", "--help");
        assertEquals(0, exportRun.code(), exportRun.err());
        CliRun export = new CliRun(0, exportRun.out().replaceAll("\\s+", " "), "");
        // the exported script's recipe: SGD with momentum at 0.01, cosine decay, 10 epochs
        assertTrue(export.out().contains("adam or adamw (default: momentum)"), export.out());
        assertTrue(export.out().contains("(default: 0.01)") && export.out().contains("(default: cosine)")
                && export.out().contains("(default: 10)"), export.out());
    }

    @Test
    void exportWritesItsOwnDefaultsWhenNoRecipeOptionIsGiven() throws Exception {
        Path py = dir.resolve("model.py");
        CliRun r = CliRun.of("export", "lenet5", "-o", py.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(py).contains("RECIPE = {\"optimizer\": \"momentum\", \"lr\": 0.01, \"schedule\": "
                + "\"cosine\", \"batch\": 64, \"epochs\": 10}"), Files.readString(py));
    }

    @Test
    void benchRunsAreCheckedByTheSharedGroup() {
        CliRun r = CliRun.of("bench", "startup", "--runs", "0");
        assertEquals(ExitCodes.UNREADABLE, r.code());
        assertTrue(r.err().contains("--runs must be between 1 and 100, got 0"), r.err());
    }
}
