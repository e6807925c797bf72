package netcanvas.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Follows the system setting": GTK_THEME, then GNOME's color-scheme, then the GTK theme's name; light otherwise. */
class SystemThemeTest {
    /** gsettings as a desktop would answer it (the values are GNOME's, quoted as gsettings prints strings). */
    private static Function<String, Optional<String>> gnome(String colorScheme, String gtkTheme) {
        return key -> Optional.ofNullable(key.equals("color-scheme") ? colorScheme
                : key.equals("gtk-theme") ? gtkTheme : null);
    }

    @Test
    void gtkThemeEndingInDarkIsDarkAndOverridesTheDesktop() {
        assertTrue(SystemTheme.prefersDark(Map.of("GTK_THEME", "Adwaita:dark"), gnome("'prefer-light'", "'Adwaita'")));
        assertFalse(SystemTheme.prefersDark(Map.of("GTK_THEME", "Adwaita"), gnome("'prefer-dark'", "'Adwaita'")));
    }

    @Test
    void gnomesColorSchemeDecidesWhenSet() {
        assertTrue(SystemTheme.prefersDark(Map.of(), gnome("'prefer-dark'", "'Adwaita'")));
        assertFalse(SystemTheme.prefersDark(Map.of(), gnome("'prefer-light'", "'Yaru-dark'")));
    }

    @Test
    void withTheDefaultSchemeADarkGtkThemeNameIsDark() {
        assertTrue(SystemTheme.prefersDark(Map.of(), gnome("'default'", "'Yaru-dark'")));
        assertTrue(SystemTheme.prefersDark(Map.of(), gnome(null, "'Adwaita-dark'")));
        assertFalse(SystemTheme.prefersDark(Map.of(), gnome("'default'", "'Adwaita'")));
    }

    @Test
    void nothingToAskMeansLight() {
        assertFalse(SystemTheme.prefersDark(Map.of(), gnome(null, null)));
    }

    @Test
    void aCommandsOutputIsReadAndAMissingOrFailingOneGivesNothing(@TempDir Path tmp) throws Exception {
        Path answers = script(tmp.resolve("answers"), "echo \"'prefer-dark'\"");
        assertEquals(Optional.of("'prefer-dark'"), SystemTheme.run(List.of(answers.toString()), 5000));
        Path fails = script(tmp.resolve("fails"), "echo \"'prefer-dark'\"; exit 1");
        assertEquals(Optional.empty(), SystemTheme.run(List.of(fails.toString()), 5000));
        assertEquals(Optional.empty(), SystemTheme.run(List.of(tmp.resolve("no-such-command").toString()), 5000));
    }

    @Test
    void aCommandThatHangsIsGivenUpAfterTheTimeout(@TempDir Path tmp) throws Exception {
        Path hangs = script(tmp.resolve("hangs"), "sleep 30; echo \"'prefer-dark'\"");
        long t0 = System.nanoTime();
        assertEquals(Optional.empty(), SystemTheme.run(List.of(hangs.toString()), 300));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 5, "gave up after " + seconds + " s, not the script's 30 s");
    }

    private static Path script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
