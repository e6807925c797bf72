package netcanvas.theme;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.PopupWindow;
import javafx.stage.Window;

/**
 * The theme the app shows now, for every window at once: the main window, the zoo chart and comparison windows and
 * every dialog. Each window's scene gets two stylesheets: {@code netcanvas.css} (the rules, written with looked-up
 * colours) and the theme's looked-up colours themselves ({@link ThemeColors#css()}, as a data: URL); switching the
 * theme swaps the second. Popups (menus, tooltips) take their owner's stylesheets. Drawing code listens to
 * {@link #colors()}. FX thread only. Until {@link #install()} nothing is styled and {@link #current()} is light,
 * which is also what the command line's headless pictures use.
 */
public final class Themes {
    private static final String RULES = Themes.class.getResource("netcanvas.css").toExternalForm();
    private static final ReadOnlyObjectWrapper<ThemeColors> COLORS = new ReadOnlyObjectWrapper<>(ThemeColors.LIGHT);
    private static final String LIGHT_URL = dataUrl(ThemeColors.LIGHT);
    private static final String DARK_URL = dataUrl(ThemeColors.DARK);
    private static boolean installed;

    private Themes() {
    }

    public static ReadOnlyObjectProperty<ThemeColors> colors() {
        return COLORS.getReadOnlyProperty();
    }

    public static ThemeColors current() {
        return COLORS.get();
    }

    /** Styles every window from now on (idempotent). */
    public static void install() {
        if (installed) {
            return;
        }
        installed = true;
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                for (Window w : c.getAddedSubList()) {
                    watch(w);
                }
            }
        });
        for (Window w : List.copyOf(Window.getWindows())) {
            watch(w);
        }
    }

    /** Shows these colours in every window and in the drawing code. */
    public static void apply(ThemeColors colors) {
        install();
        COLORS.set(colors);
        for (Window w : List.copyOf(Window.getWindows())) {
            if (w.getScene() != null && !(w instanceof PopupWindow)) {
                restyle(w.getScene());
            }
        }
    }

    private static void watch(Window w) {
        if (w instanceof PopupWindow) {
            return; // a popup's scene follows its owner's stylesheets
        }
        if (w.getScene() != null) {
            restyle(w.getScene());
        }
        w.sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                restyle(now);
            }
        });
    }

    /** Puts the rules and the current colours on a scene, in place of another theme's colours. */
    private static void restyle(Scene scene) {
        var sheets = scene.getStylesheets();
        sheets.remove(url(ThemeColors.LIGHT));
        sheets.remove(url(ThemeColors.DARK));
        if (!sheets.contains(RULES)) {
            sheets.add(0, RULES);
        }
        sheets.add(sheets.indexOf(RULES), url(COLORS.get()));
    }

    /** The theme's looked-up colours as a stylesheet URL (JavaFX reads data: URLs since 17). */
    static String url(ThemeColors t) {
        return t == ThemeColors.DARK ? DARK_URL : LIGHT_URL;
    }

    private static String dataUrl(ThemeColors t) {
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(t.css().getBytes(StandardCharsets.UTF_8));
    }
}
