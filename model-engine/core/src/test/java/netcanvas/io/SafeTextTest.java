package netcanvas.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Text from files made safe for terminals and spreadsheets. */
class SafeTextTest {
    @Test
    void controlAndBidiCharactersBecomeVisibleEscapes() {
        // OSC "set title", BEL, "clear screen", a forged line, DEL, C1 CSI, right-to-left override, isolate
        assertEquals("\\x1b]0;owned\\x07\\x1b[2J\\nnetcanvas: ok\\x7f\\x9b\\u202eabc\\u2066",
                SafeText.of("\u001b]0;owned\u0007\u001b[2J\nnetcanvas: ok\u007f\u009b\u202eabc\u2066"));
        assertEquals("a\\tb\\rc", SafeText.of("a\tb\rc"));
        String plain = "conv1 (résumé, 畳み込み) \\ | ,";
        assertSame(plain, SafeText.of(plain)); // ordinary text, non-ASCII included, is kept as it is
        assertEquals("x\n\\x1by", SafeText.lines("x\n\u001by"));
    }

    @Test
    void csvCellsCannotStartAFormula() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", SafeText.csvCell("=HYPERLINK(\"http://x\")"));
        assertEquals("'+1", SafeText.csvCell("+1"));
        assertEquals("'-2", SafeText.csvCell("-2"));
        assertEquals("'@SUM(A1)", SafeText.csvCell("@SUM(A1)"));
        assertEquals("'\\tx", SafeText.csvCell("\tx"));
        assertEquals("'\\rx", SafeText.csvCell("\rx"));
        assertEquals("\"a,b\"", SafeText.csvCell("a,b"));
        assertEquals("conv1", SafeText.csvCell("conv1"));
        assertEquals("a-b=c", SafeText.csvCell("a-b=c")); // only the first character starts a formula
    }
}
