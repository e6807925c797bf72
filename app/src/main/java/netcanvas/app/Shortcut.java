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
 * @param key         null for commands without a shortcut; a label of "-" is a separator
 * @param alternative a second key for the same command (Ctrl+Y for Redo), or null; a menu item shows one key only,
 *                    so the scene listens for this one ({@link #installAlternatives})
 */
record Shortcut(String menu, String label, KeyCombination key, Runnable action, KeyCombination alternative) {

    static Shortcut of(String menu, String label, String key, Runnable action) {
        return new Shortcut(menu, label, key == null ? null : KeyCombination.keyCombination(key), action, null);
    }

    static Shortcut separator(String menu) {
        return new Shortcut(menu, "-", null, null, null);
    }

    /** The same command, also on this key. */
    Shortcut or(String key) {
        return new Shortcut(menu, label, this.key, action, KeyCombination.keyCombination(key));
    }

    /** Makes the scene run each command with a second key on that key too. */
    static void installAlternatives(List<Shortcut> all, javafx.scene.Scene scene) {
        for (Shortcut s : all) {
            if (s.alternative() != null) {
                scene.getAccelerators().put(s.alternative(), s.action());
            }
        }
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
                String keys = c.key().getDisplayText()
                        + (c.alternative() == null ? "" : " or " + c.alternative().getDisplayText());
                s.append(String.format("%-24s %s%n", keys, c.menu() + " \u203a " + c.label()));
            }
        }
        return s.toString();
    }
}
