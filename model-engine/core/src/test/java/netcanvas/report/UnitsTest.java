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
    void briefCountsKeepThreeFigures() {
        assertEquals("70.4 k", Units.brief(70_400)); // a ResNet-50 bottleneck's params
        assertEquals("218 M", Units.brief(218_365_952)); // its MACs
        assertEquals("4.09 G", Units.brief(4_089_184_256L));
        assertEquals("999", Units.brief(999));
        assertEquals("1.00 k", Units.brief(1_000));
        assertEquals("10.0 k", Units.brief(9_996)); // 9.996 k rounds to 10.0, not "10.00"
        assertEquals("100 k", Units.brief(99_960));
        assertEquals("1.00 M", Units.brief(999_600)); // not "1,000 k"
        assertEquals("9,223,372 T", Units.brief(Long.MAX_VALUE)); // past the largest unit: whole units
    }

    @Test
    void operationCountsAreScaledWithTwoDecimals() {
        assertEquals("4.09 G", Units.scaled(4_089_184_256L)); // ResNet-50's MACs at 224x224
        assertEquals("999", Units.scaled(999));
        assertEquals("1.00 k", Units.scaled(1000));
    }
}
