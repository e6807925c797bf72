package netcanvas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import netcanvas.analysis.Analysis;
import netcanvas.analysis.Optimizer;
import netcanvas.analysis.Analyzer;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
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

    /** 1x1x1 -> four dense layers of 2e9 units: three of 2e9 x 2e9 weights (4e18 each) sum past 2^63 - 1. */
    private static Analysis capped() {
        Analysis a = Analyzer.analyze(new NetBuilder("huge").input(1, 1, 1).then("fc1", new Dense(2_000_000_000, true))
                .then("fc2", new Dense(2_000_000_000, true)).then("fc3", new Dense(2_000_000_000, true))
                .then("fc4", new Dense(2_000_000_000, true)).then("out", new Output()).build());
        assertEquals(Long.MAX_VALUE, a.totals().params(), "the sum saturates");
        assertTrue(a.totals().capped());
        // activation memory is small and exact: 1 + 4 x 2e9 (+ 2e9 for the Output) elements, 4 bytes each
        assertEquals(4L * (1 + 5 * 2_000_000_000L), a.totals().activationBytes());
        return a;
    }

    private static final String CAP = "9,223,372,036,854,775,807";

    @Test
    void cappedTotalsReadAsMoreThanTheCapInTheTable() {
        String table = SummaryReport.of(capped()).withTraining(32, Optimizer.ADAM).render(ReportFormat.TABLE);
        assertTrue(table.contains("\nTotal params:         more than " + CAP + "\n"), table);
        assertTrue(table.contains("\nTrainable params:     more than " + CAP + "\n"), table);
        assertTrue(table.contains("\nMACs:                 more than " + CAP + "\n"), table);
        assertTrue(table.contains("Training memory:      more than 9,223,372.04 TB at the peak (batch 32, adam:"
                + " weights more than "
                + "9,223,372.04 TB"), table);
        assertTrue(table.contains("Activation memory:    40,000.00 MB per sample"), table); // exact: 4.0e10 B
        assertTrue(table.contains("passed 2^63 - 1 and were capped"), table);
        // no total reads as the exact cap
        for (String line : table.split("\n")) {
            int at = line.indexOf(CAP);
            assertTrue(at < 0 || line.startsWith("more than ", at - "more than ".length()), line);
            int tb = line.indexOf("9,223,372.04 T");
            assertTrue(tb < 0 || line.startsWith("more than ", tb - "more than ".length()), line);
        }
    }

    @Test
    void cappedTotalsReadAsMoreThanTheCapInCsvAndMarkdown() {
        String[] csv = SummaryReport.of(capped()).render(ReportFormat.CSV).split("\n");
        assertEquals("total,,,more than 9223372036854775807,more than 9223372036854775807,40000000004,",
                csv[csv.length - 1]);
        String[] md = SummaryReport.of(capped()).render(ReportFormat.MARKDOWN).split("\n");
        assertEquals("| **Total** |  |  | more than " + CAP + " | more than " + CAP + " | 40.00 GB |  |",
                md[md.length - 1]);
    }

    @Test
    void cappedTotalsAreNullAndFlaggedInJson() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var totals = mapper.readTree(SummaryReport.of(capped()).render(ReportFormat.JSON)).get("totals");
        assertTrue(totals.get("params").isNull(), totals.toString());
        assertTrue(totals.get("trainableParams").isNull(), totals.toString());
        assertTrue(totals.get("macs").isNull(), totals.toString());
        assertEquals(40_000_000_004L, totals.get("activationBytes").longValue());
        assertTrue(totals.get("capped").booleanValue());

        Analysis small = Analyzer.analyze(new NetBuilder("n").input(1, 4, 4).then("fc", new Dense(3, true))
                .then("out", new Output()).build());
        var exact = mapper.readTree(SummaryReport.of(small).render(ReportFormat.JSON)).get("totals");
        assertEquals(51, exact.get("params").longValue()); // 16 x 3 + 3
        assertTrue(exact.get("capped").isBoolean() && !exact.get("capped").booleanValue());
        assertTrue(!SummaryReport.of(small).render(ReportFormat.TABLE).contains("more than"));
    }

    @Test
    void trainingNeedsAPositiveBatch() {
        Analysis a = Analyzer.analyze(new NetBuilder("n").input(1, 4, 4).then("out", new Output()).build());
        assertThrows(IllegalArgumentException.class, () -> SummaryReport.of(a).withTraining(0, Optimizer.ADAM));
        assertTrue(!SummaryReport.of(a).render(ReportFormat.TABLE).contains("Training memory"));
    }
}
