package netcanvas.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link TrainingChartBenchmark} under the build's headless JavaFX set-up, only when asked:
 * {@code mvn -q -o -pl app -am test -Dtest=TrainingChartBenchmarkRun -Dnetcanvas.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. It prints figures and checks nothing.
 */
class TrainingChartBenchmarkRun {
    @Test
    @EnabledIfSystemProperty(named = "netcanvas.bench", matches = "true")
    void printFigures() throws Exception {
        try {
            javafx.application.Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another test in this JVM started the toolkit
        }
        TrainingChartBenchmark.run();
    }
}
