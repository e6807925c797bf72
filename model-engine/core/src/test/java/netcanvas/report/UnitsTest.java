package netcanvas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertEquals("12.3s", Units.duration(12.34));
        assertEquals("0.0s", Units.duration(0));
        assertEquals("4m05s", Units.duration(245)); // 4 x 60 + 5
        assertEquals("1h02m", Units.duration(3725)); // 3600 + 2 x 60 + 5
        assertEquals("1m00s", Units.duration(59.6)); // rounds to a whole minute, not "59.6s" nor "60.0s"
    }

    @Test
    void anUnknownDurationIsADash() {
        assertEquals("-", Units.duration(Double.NaN));
        assertEquals("-", Units.duration(Double.POSITIVE_INFINITY));
        assertEquals("-", Units.duration(-1));
    }

    @Test
    void operationCountsAreScaledWithTwoDecimals() {
        assertEquals("4.09 G", Units.scaled(4_089_184_256L)); // ResNet-50's MACs at 224x224
        assertEquals("999", Units.scaled(999));
        assertEquals("1.00 k", Units.scaled(1000));
    }
}
