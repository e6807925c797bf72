package netcanvas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Conv2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;
import org.junit.jupiter.api.Test;

/** The renderers' own rules: number formats, escaping, and how unknown layers read. */
class SummaryReportTest {

    @Test
    void countsAndSizes() {
        assertEquals("61,706", Units.count(61_706));
        assertEquals("0", Units.count(0));
        assertEquals("999 B", Units.bytes(999));
        assertEquals("18.8 kB", Units.bytes(18_816));
        assertEquals("3.21 MB", Units.bytes(3_211_264));
        assertEquals("10.06 GB", Units.bytes(10_063_220_000L));
        assertEquals("150.85 MB", Units.megabytes(150_845_248));
        assertEquals("4.09 G", Units.scaled(4_089_184_256L));
        assertEquals("840", Units.scaled(840));
        assertEquals("1.00 MB", Units.bytes(999_995)); // 999.995 kB rounds up into the next unit's whole
        assertEquals("0.00 MB", Units.megabytes(4_999));
        assertEquals("0.01 MB", Units.megabytes(5_000)); // half rounds up
        assertEquals("9,223,372.04 T", Units.scaled(Long.MAX_VALUE)); // 9,223,372,036,854,775,807
        assertEquals("-1,234", Units.count(-1_234));
        assertEquals("999.9 kB", Units.bytes(999_949));
        assertEquals("1.00 T", Units.scaled(999_999_999_999L)); // 1,000.00 G rounds into the next unit
        assertEquals("1.00 T", Units.scaled(1_000_000_000_000L));
        assertEquals("1.00 M", Units.scaled(999_995));
    }

    @Test
    void formatsParseByLabel() {
        assertEquals(ReportFormat.MARKDOWN, ReportFormat.parse("Markdown"));
        assertEquals("csv", ReportFormat.CSV.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse("xml"));
        assertTrue(e.getMessage().contains("table, json, csv or markdown"));
    }

    @Test
    void idsWithSeparatorsAreEscaped() {
        Analysis a = Analyzer.analyze(new NetBuilder("odd").input(1, 4, 4)
                .then("a,\"b\"", new ReLU()).then("c|d", new ReLU()).then("out", new Output()).build());
        String csv = SummaryReport.of(a).render(ReportFormat.CSV);
        assertTrue(csv.contains("\n\"a,\"\"b\"\"\",relu,1x4x4,0,0,64,1\n"), csv); // 16 elements * 4 bytes
        String md = SummaryReport.of(a).render(ReportFormat.MARKDOWN);
        assertTrue(md.contains("\n| c\\|d | relu |"), md);
    }

    @Test
    void unknownLayersReadAsUnknown() {
        // a 5x5 kernel on a 4x4 input: (4 - 5)/1 + 1 = 0 rows, an error; the ReLU after it is unknown too
        Analysis a = Analyzer.analyze(new NetBuilder("small").input(1, 4, 4)
                .then("conv", Conv2d.of(2, 5, 1, 0, true)).then("relu", new ReLU()).build());
        String json = SummaryReport.of(a).render(ReportFormat.JSON);
        assertTrue(json.contains("{\"id\":\"relu\",\"kind\":\"relu\",\"output\":null,"), json);
        assertTrue(json.contains("\"severity\":\"error\""), json);
        String table = SummaryReport.of(a).render(ReportFormat.TABLE);
        assertTrue(table.contains("Totals are lower bounds"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("relu ") && l.contains(" ? ")), table);
        assertEquals("relu,relu,,0,0,0,", SummaryReport.of(a).render(ReportFormat.CSV).split("\n")[3]);
    }

    @Test
    void trainingNeedsAPositiveBatch() {
        Analysis a = Analyzer.analyze(new NetBuilder("n").input(1, 4, 4).then("out", new Output()).build());
        assertThrows(IllegalArgumentException.class, () -> SummaryReport.of(a).withTraining(0, "adam"));
        assertTrue(!SummaryReport.of(a).render(ReportFormat.TABLE).contains("Training memory"));
    }
}
