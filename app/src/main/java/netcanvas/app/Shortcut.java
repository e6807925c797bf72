package netcanvas.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;

/**
 * One menu command and its key. The menus and the Help list of shortcuts are both built from one list of these, so
 * they cannot disagree.
 *
 * @param key null for commands without a shortcut; a label of "-" is a separator
 */
record Shortcut(String menu, String label, KeyCombination key, Runnable action) {

    static Shortcut of(String menu, String label, String key, Runnable action) {
        return new Shortcut(menu, label, key == null ? null : KeyCombination.keyCombination(key), action);
    }

    static Shortcut separator(String menu) {
        return new Shortcut(menu, "-", null, null);
    }

    /** Menus in first-mention order, each with its items (and extra items, such as submenus, where given). */
    static List<Menu> menus(List<Shortcut> all, Map<String, List<MenuItem>> extra) {
        Map<String, Menu> menus = new LinkedHashMap<>();
        for (Shortcut s : all) {
            Menu m = menus.computeIfAbsent(s.menu(), name -> {
                Menu created = new Menu(name);
                created.setId("menu-" + name.toLowerCase(java.util.Locale.ROOT));
                return created;
            });
            if (s.label().equals("-")) {
                m.getItems().add(new SeparatorMenuItem());
                continue;
            }
            if (s.label().startsWith("@")) {
                m.getItems().addAll(extra.getOrDefault(s.label(), List.of()));
                continue;
            }
            MenuItem item = new MenuItem(s.label());
            item.setId("item-" + s.label().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            if (s.key() != null) {
                item.setAccelerator(s.key());
            }
            item.setOnAction(e -> s.action().run());
            m.getItems().add(item);
        }
        return new ArrayList<>(menus.values());
    }

    /** "Ctrl+Z    Undo" lines for the Help menu. */
    static String table(List<Shortcut> all) {
        StringBuilder s = new StringBuilder();
        for (Shortcut c : all) {
            if (c.key() != null) {
                s.append(String.format("%-16s %s%n", c.key().getDisplayText(), c.menu() + " \u203a " + c.label()));
            }
        }
        return s.toString();
    }
}
