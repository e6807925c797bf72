package netcanvas.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A desktop start that fails for a reason the user can fix says what to do (issue #18). */
class DesktopFailureMessageTest {

    @Test
    void missingGtkSaysWhatToInstallAndThatTheCommandLineWorks() {
        // The exception JavaFX throws on a Debian machine without GTK 3 (libgtk-3-0).
        String m = Main.desktopFailureMessage(
                new UnsupportedOperationException("Unable to load glass GTK library"));
        assertTrue(m.contains("apt-get install libgtk-3-0"), m);
        assertTrue(m.contains("command line works without it"), m);
        assertTrue(m.contains("Unable to load glass GTK library"), m);
    }

    @Test
    void missingGtkIsFoundAmongTheCauses() {
        Throwable t = new RuntimeException("Exception in Application start method",
                new UnsupportedOperationException("Unable to load glass GTK library"));
        assertTrue(Main.desktopFailureMessage(t).contains("apt-get install libgtk-3-0"));
    }

    @Test
    void noDisplaySaysSo() {
        String m = Main.desktopFailureMessage(new UnsupportedOperationException("Unable to open DISPLAY"));
        assertTrue(m.contains("no display"), m);
        assertTrue(m.contains("command line works without it"), m);
    }

    @Test
    void otherFailuresAreReportedAsTheyAre() {
        assertEquals("netcanvas: the desktop app could not start: java.lang.IllegalStateException: boom",
                Main.desktopFailureMessage(new IllegalStateException("boom")));
    }
}
