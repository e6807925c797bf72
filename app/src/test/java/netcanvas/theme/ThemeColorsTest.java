package netcanvas.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.paint.Color;
import netcanvas.graph.Category;
import netcanvas.theme.ThemeColors.Role;
import org.junit.jupiter.api.Test;

class ThemeColorsTest {
    @Test
    void contrastIsWcagsRatio() {
        // WCAG's own end points and a well-known pair: #777 on white is 4.48:1, just short of AA
        assertEquals(21.0, Contrast.ratio(Color.BLACK, Color.WHITE), 1e-9);
        assertEquals(1.0, Contrast.ratio(Color.web("#123456"), Color.web("#123456")), 1e-9);
        assertEquals(4.48, Contrast.ratio(Color.web("#777777"), Color.WHITE), 0.005);
    }

    @Test
    void theStylesheetNamesEveryRoleAndBoxOfTheTheme() {
        for (ThemeColors t : new ThemeColors[] {ThemeColors.LIGHT, ThemeColors.DARK}) {
            String css = t.css();
            for (Role r : Role.values()) {
                assertTrue(css.contains(r.cssName() + ": " + ThemeColors.web(t.get(r)) + ";"), t + " " + r);
            }
            for (Category c : Category.values()) {
                assertTrue(css.contains(ThemeColors.boxCssName(c) + ": " + ThemeColors.web(t.box(c)) + ";"),
                        t + " " + c);
            }
        }
        assertTrue(ThemeColors.DARK.css().contains("-fx-base:"), "dark sets modena's base colour");
        assertEquals("-nc-box-muted-text", Role.BOX_MUTED_TEXT.cssName());
    }

    @Test
    void inkLeavesLightAloneAndLiftsDarkSeriesToThreeToOne() {
        Color navy = Color.web("#0d47a1");
        assertEquals(navy, ThemeColors.LIGHT.ink(navy));
        Color lifted = ThemeColors.DARK.ink(navy);
        assertTrue(Contrast.ratio(navy, ThemeColors.DARK.get(Role.CHART)) < 3, "navy alone is too dark there");
        assertTrue(Contrast.ratio(lifted, ThemeColors.DARK.get(Role.CHART)) >= 3, lifted.toString());
        assertEquals(navy.getHue(), lifted.getHue(), 2, "the same hue");
    }
}
