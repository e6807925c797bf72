package netcanvas.report;

import java.util.Locale;

/** The ways a network summary can be written: a text table for people, JSON for tools, CSV and Markdown to paste. */
public enum ReportFormat {
    TABLE, JSON, CSV, MARKDOWN;

    /** The lower-case name used on the command line and in messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format with this label, ignoring case.
     *
     * @throws IllegalArgumentException listing the formats when the label is none of them
     */
    public static ReportFormat parse(String label) {
        for (ReportFormat f : values()) {
            if (f.label().equalsIgnoreCase(label.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + label + "'; choose table, json, csv or markdown");
    }
}
