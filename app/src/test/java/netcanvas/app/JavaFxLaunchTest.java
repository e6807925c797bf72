package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JavaFX warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" when it starts from the
 * class path. The tests launch it the supported way, from the module path (app/pom.xml's surefire argLine), and
 * JavaFX prints nothing; the app, which runs from the class path as {@code java -jar} and the app image run it
 * (Monocle, which draws the command line's pictures, can only load from there), drops that one message. Each is
 * checked on what a fresh process prints.
 */
class JavaFxLaunchTest {
    private static final String WARNING = "Unsupported JavaFX configuration";
    private static final List<String> HEADLESS = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Djava.awt.headless=true");

    @TempDir
    Path dir;

    @Test
    void theTestsRunJavaFxFromTheModulePath() {
        Module javafx = Platform.class.getModule();
        assertTrue(javafx.isNamed(), "JavaFX came from " + javafx);
        assertEquals("javafx.graphics", javafx.getName());
        assertEquals(ModuleLayer.boot(), javafx.getLayer(), "the boot layer, as JavaFX requires");
    }

    @Test
    void javaFxStartedAsTheTestsStartItPrintsNoWarningAndFromTheClassPathItWould() throws Exception {
        String supported = run(FxStartInFreshJvm.class.getName(), moduleOptions(), Map.of());
        assertTrue(supported.contains("javafx started from module javafx.graphics"), supported);
        assertFalse(supported.contains(WARNING), supported);
        // the same start from the class path, as the tests ran before: JavaFX warns (so the check above can fail)
        String classPath = run(FxStartInFreshJvm.class.getName(), List.of(), Map.of());
        assertTrue(classPath.contains("javafx started from unnamed module"), classPath);
        assertTrue(classPath.contains(WARNING), classPath);
    }

    @Test
    void theDesktopAppStartedFromTheClassPathAsJavaJarStartsItPrintsNoWarning() throws Exception {
        // the desktop window opens (on Monocle here), prints its start-up time and closes again
        String app = run(Main.class.getName(), List.of("-Dnetcanvas.home=" + dir),
                Map.of(DesktopApp.PRINT_STARTUP, "exit"));
        assertTrue(app.contains(DesktopApp.STARTUP_LINE), app);
        assertFalse(app.contains(WARNING), app);
    }

    /**
     * Runs a main class in a fresh JVM on the tests' class path, headless, and returns what it printed (output and
     * errors together); fails unless it ends within two minutes.
     */
    private String run(String main, List<String> options, Map<String, String> env) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(HEADLESS);
        command.addAll(List.of("-cp", StartupClassLoadTest.classPath(), main));
        Path log = Files.createTempFile(dir, "jvm", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean ended = p.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(ended, "did not end: " + command + "\n" + out);
        assertEquals(0, p.exitValue(), command + "\n" + out);
        return out;
    }

    /** This JVM's module options (the module path, Monocle's patch, the exports): how the tests start JavaFX. */
    private static List<String> moduleOptions() {
        List<String> options = new ArrayList<>();
        List<String> given = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < given.size(); i++) {
            String a = given.get(i);
            if (a.startsWith("--")) {
                options.add(a);
                // "--add-modules X" as well as "--add-modules=X"
                if (!a.contains("=") && i + 1 < given.size()) {
                    options.add(given.get(++i));
                }
            }
        }
        assertTrue(options.stream().anyMatch(o -> o.startsWith("--module-path")), "module options: " + options);
        return options;
    }
}
