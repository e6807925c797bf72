package netcanvas.theme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Whether the desktop asks for dark windows. JavaFX 21 cannot tell (Platform.Preferences came in JavaFX 22), so on
 * Linux this reads what GTK applications read: the environment variable GTK_THEME ending in ":dark" (e.g.
 * "Adwaita:dark"), else GNOME's {@code gsettings get org.gnome.desktop.interface color-scheme} ('prefer-dark'),
 * else the GTK theme's name ({@code gtk-theme}, e.g. 'Adwaita-dark', 'Yaru-dark'). Anything that fails, is missing
 * or takes longer than {@link #TIMEOUT_MS} means light: a wrong guess costs one menu click, a hang would cost the
 * start-up.
 */
public final class SystemTheme {
    /** How long gsettings may take (it answers in milliseconds when it works; a stuck D-Bus must not hold us). */
    static final long TIMEOUT_MS = 1500;

    private SystemTheme() {
    }

    /** What this desktop asks for now. */
    public static boolean prefersDark() {
        return prefersDark(System.getenv(), SystemTheme::gsettings);
    }

    /**
     * @param env      the environment variables
     * @param gsettings runs {@code gsettings get org.gnome.desktop.interface KEY} for a key and gives its output, or
     *                 empty when it could not
     */
    static boolean prefersDark(Map<String, String> env, Function<String, Optional<String>> gsettings) {
        String gtkTheme = env.get("GTK_THEME");
        if (gtkTheme != null && !gtkTheme.isBlank()) {
            // GTK_THEME overrides the desktop's setting for GTK applications: "Adwaita:dark" is dark, "Adwaita" is not
            return gtkTheme.strip().toLowerCase(Locale.ROOT).endsWith(":dark");
        }
        Optional<String> scheme = gsettings.apply("color-scheme");
        if (scheme.isPresent() && scheme.get().toLowerCase(Locale.ROOT).contains("dark")) {
            return true;
        }
        if (scheme.isPresent() && scheme.get().toLowerCase(Locale.ROOT).contains("light")) {
            return false;
        }
        return gsettings.apply("gtk-theme").map(t -> t.toLowerCase(Locale.ROOT).contains("dark")).orElse(false);
    }

    private static Optional<String> gsettings(String key) {
        return run(List.of("gsettings", "get", "org.gnome.desktop.interface", key), TIMEOUT_MS);
    }

    /** A command's standard output when it ends with status 0 within the time; empty otherwise. */
    static Optional<String> run(List<String> command, long timeoutMs) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no gsettings: not a GNOME-like desktop
        }
        try {
            p.getOutputStream().close();
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                return Optional.empty();
            }
            try (InputStream in = p.getInputStream()) {
                // a setting's value is one short line; reading at most this much keeps a strange program harmless
                return Optional.of(new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Optional.empty();
        }
    }
}
