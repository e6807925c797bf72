package netcanvas.theme;

import java.util.Locale;

/** The user's choice in View › Theme: follow the system's light or dark setting, or always one of them. */
public enum Theme {
    SYSTEM("System"), LIGHT("Light"), DARK("Dark");

    private final String title;

    Theme(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** How it is written in settings.properties: "system", "light", "dark". */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice spelled so, or SYSTEM for anything else (an older or hand-edited settings file). */
    public static Theme parse(String s) {
        for (Theme t : values()) {
            if (t.spelling().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return t;
            }
        }
        return SYSTEM;
    }

    /** The colours this choice means now; SYSTEM asks the desktop ({@link SystemTheme}). */
    public ThemeColors colors() {
        return switch (this) {
            case LIGHT -> ThemeColors.LIGHT;
            case DARK -> ThemeColors.DARK;
            case SYSTEM -> SystemTheme.prefersDark() ? ThemeColors.DARK : ThemeColors.LIGHT;
        };
    }
}
