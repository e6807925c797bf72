package netcanvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The model engine is a pure library: no JavaFX, so the command line and tests run headless. The engine's three
 * modules (core, onnx, training) are checked together from here: the core's tests run in model-engine/core, beside
 * its siblings. (Their poms also ban JavaFX with maven-enforcer, so a dependency fails the build.)
 */
class ArchitectureTest {

    /** An import of javafx, or a fully qualified use such as javafx.scene.Node, outside comments. */
    private static final Pattern JAVAFX = Pattern.compile("\\bjavafx\\s*\\.");

    /** The engine's modules, as model-engine/pom.xml lists them. */
    private static final List<String> MODULES = List.of("core", "onnx", "training");

    @Test
    void noEngineSourceUsesJavaFx() throws IOException {
        List<String> offenders = new ArrayList<>();
        int files = 0;
        for (String module : MODULES) {
            Path sources = Path.of("..", module, "src", "main", "java");
            assertTrue(Files.isDirectory(sources), "run from model-engine/core, beside " + module + ": "
                    + Path.of("").toAbsolutePath());
            try (Stream<Path> s = Files.walk(sources)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                    files++;
                    Matcher m = JAVAFX.matcher(withoutComments(Files.readString(p, StandardCharsets.UTF_8)));
                    if (m.find()) {
                        offenders.add(p.toString());
                    }
                }
            }
        }
        assertTrue(files > 150, "found only " + files + " sources");
        assertEquals(List.of(), offenders);
    }

    @Test
    void theEngineBuildHasNoJavaFxDependency() throws IOException {
        for (String module : MODULES) {
            String pom = Files.readString(Path.of("..", module, "pom.xml"), StandardCharsets.UTF_8);
            assertFalse(pom.replaceAll("(?s)<bannedDependencies>.*?</bannedDependencies>", "").contains("org.openjfx"),
                    "model-engine/" + module + "/pom.xml must not depend on JavaFX");
        }
    }

    @Test
    void theCheckNoticesAnImport() {
        String source = "package x;\n/* javafx. in a comment is fine */\nimport javafx.scene.Node;\nclass A {}\n";
        assertTrue(JAVAFX.matcher(withoutComments(source)).find());
        assertFalse(JAVAFX.matcher(withoutComments("// uses no javafx.scene\nclass A {}\n")).find());
    }

    /** Drops block and line comments (string literals mentioning javafx are rare enough to flag anyway). */
    private static String withoutComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
