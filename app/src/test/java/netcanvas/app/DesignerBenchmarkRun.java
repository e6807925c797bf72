package netcanvas.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link DesignerBenchmark} under the build's headless JavaFX set-up, only when asked:
 * {@code mvn -q -pl app -am test -Dtest=DesignerBenchmarkRun -Dnetcanvas.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 * It prints figures and checks nothing: speed is judged from the numbers, not by a timed test.
 */
class DesignerBenchmarkRun {
    @Test
    @EnabledIfSystemProperty(named = "netcanvas.bench", matches = "true")
    void printFigures() throws Exception {
        DesignerBenchmark.main(new String[0]);
    }
}
