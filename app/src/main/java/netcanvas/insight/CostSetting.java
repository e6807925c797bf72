package netcanvas.insight;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import netcanvas.report.CostConvention;

/**
 * The cost convention the window counts arithmetic in (View › Cost Convention): MACs, FLOPs or the lecture tables'
 * operations. Every view that shows a count, and every exported summary, names the one chosen.
 */
public final class CostSetting {
    private final ObjectProperty<CostConvention> convention = new SimpleObjectProperty<>(CostConvention.MACS);

    public ObjectProperty<CostConvention> convention() {
        return convention;
    }

    public CostConvention get() {
        return convention.get();
    }

    /** "MACs (multiply-accumulates of convolutions and dense layers)": the convention as menus and legends name it. */
    public static String describe(CostConvention c) {
        return c.column() + " (" + c.description() + ")";
    }

    /** View › Cost Convention: one radio item per convention, ids item-cost-macs, item-cost-flops, item-cost-lecture. */
    public Menu menu() {
        Menu m = new Menu("Cost Convention");
        m.setId("menu-cost");
        ToggleGroup group = new ToggleGroup();
        for (CostConvention c : CostConvention.values()) {
            RadioMenuItem item = new RadioMenuItem(describe(c));
            item.setId("item-cost-" + c.label());
            item.setToggleGroup(group);
            item.setSelected(c == convention.get());
            item.setOnAction(e -> convention.set(c));
            m.getItems().add(item);
        }
        convention.addListener((o, was, now) -> {
            for (var i : m.getItems()) {
                ((RadioMenuItem) i).setSelected(i.getId().equals("item-cost-" + now.label()));
            }
        });
        return m;
    }
}
