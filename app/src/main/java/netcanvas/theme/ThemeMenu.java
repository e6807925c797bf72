package netcanvas.theme;

import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

/** View › Theme: System, Light, Dark, one of them checked, following and setting the window's choice. */
public final class ThemeMenu {
    private ThemeMenu() {
    }

    public static Menu of(ObjectProperty<Theme> choice) {
        Menu menu = new Menu("Theme");
        menu.setId("menu-theme");
        ToggleGroup group = new ToggleGroup();
        for (Theme t : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t == Theme.SYSTEM ? "System (light or dark as the desktop)"
                    : t.title());
            item.setId("theme-" + t.spelling());
            item.setToggleGroup(group);
            item.setSelected(choice.get() == t);
            item.setOnAction(e -> choice.set(t));
            choice.addListener((o, was, now) -> item.setSelected(now == t));
            menu.getItems().add(item);
        }
        return menu;
    }
}
