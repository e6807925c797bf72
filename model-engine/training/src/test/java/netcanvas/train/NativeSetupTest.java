package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The desktop window's background set-up: whoever waits for it finds ND4J's memory cap set. */
class NativeSetupTest {
    @Test
    void awaitReturnsOnceTheBackgroundThreadHasSetTheMemoryCap() {
        String before = System.clearProperty(NativeMemory.PROPERTY);
        try {
            NativeSetup.inBackground();
            NativeSetup.await();
            String cap = System.getProperty(NativeMemory.PROPERTY);
            long total = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getTotalMemorySize();
            assertTrue(cap != null, "the cap is set when await returns");
            assertEquals((long) (total * 0.7), Long.parseLong(cap), "70 % of this machine's memory");
            NativeSetup.await(); // a second wait returns at once
        } finally {
            if (before != null) {
                System.setProperty(NativeMemory.PROPERTY, before);
            } else {
                System.clearProperty(NativeMemory.PROPERTY);
            }
        }
    }
}
