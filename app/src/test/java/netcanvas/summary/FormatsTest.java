package netcanvas.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void formatsCountsAndSizes() {
        assertEquals("25,557,032", Formats.count(25_557_032));
        assertEquals("4.09 G", Formats.si(4_089_184_256L));
        assertEquals("999", Formats.si(999));
        assertEquals("1.00 k", Formats.si(1000));
        assertEquals("98.0 MiB", Formats.bytes(98L << 20));
        assertEquals("588 KiB", Formats.bytes(3 * 224 * 224 * 4)); // 602,112 bytes / 1024 = 588
    }
}
