package netcanvas.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import netcanvas.data.ImageData;
import netcanvas.io.AtomicFiles;
import netcanvas.train.TestReport;

/**
 * {@code train --report DIR}: the test set's confusion matrix, per-class figures and misclassified images as CSV
 * (confusion.csv, per_class.csv, misclassified.csv) and pictures (confusion.png, misclassified.png), drawn with AWT
 * so the command line needs no JavaFX.
 */
final class TestReportFiles {
    /** The most confident mistakes misclassified.png shows (the CSV lists them all). */
    static final int GALLERY = 32;
    private static final int TILE = 96;
    private static final int COLUMNS = 8;

    private TestReportFiles() {
    }

    static void write(Path dir, TestReport r, ImageData test) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("confusion.csv"), r.confusionCsv());
        AtomicFiles.writeString(dir.resolve("per_class.csv"), r.perClassCsv());
        AtomicFiles.writeString(dir.resolve("misclassified.csv"), r.misclassifiedCsv());
        AtomicFiles.write(dir.resolve("confusion.png"), png(confusion(r)));
        AtomicFiles.write(dir.resolve("misclassified.png"), png(misclassified(r, test)));
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /**
     * Rows are the true classes (named), columns the predicted ones (numbered as the rows); each cell is shaded by
     * its share of the row and shows its count when there is room.
     */
    static BufferedImage confusion(TestReport r) {
        int k = r.classes().size();
        int cell = k <= 12 ? 44 : k <= 30 ? 24 : 10;
        int labelW = 140;
        int top = 40;
        int w = labelW + k * cell + 10;
        int h = top + k * cell + 30;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("rows: true class; columns: predicted class (same numbers)", 4, 14);
        for (int t = 0; t < k; t++) {
            g.setColor(Color.DARK_GRAY);
            if (cell >= 12) {
                g.drawString(fit(t + ". " + r.classes().get(t), 22), 4, top + t * cell + cell / 2 + 4);
                g.drawString(Integer.toString(t), labelW + t * cell + 3, top - 4);
            }
            for (int p = 0; p < k; p++) {
                double share = r.normalised(t, p);
                int shade = Double.isNaN(share) ? 255 : (int) Math.round(255 - 200 * share);
                g.setColor(t == p ? new Color(shade, 255 - (255 - shade) / 3, shade)
                        : new Color(255, shade, shade));
                g.fillRect(labelW + p * cell, top + t * cell, cell - 1, cell - 1);
                if (cell >= 24 && r.count(t, p) > 0) {
                    g.setColor(share > 0.6 ? Color.WHITE : Color.BLACK);
                    g.drawString(Long.toString(r.count(t, p)), labelW + p * cell + 3, top + t * cell + cell / 2 + 4);
                }
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "test accuracy %.2f%% on %,d images", 100 * r.accuracy(), r.size()),
                4, h - 10);
        g.dispose();
        return img;
    }

    /** The most confident mistakes, each with "true -> predicted (probability)". */
    static BufferedImage misclassified(TestReport r, ImageData test) {
        List<TestReport.Miss> misses = r.misclassified(GALLERY);
        int rows = Math.max(1, (misses.size() + COLUMNS - 1) / COLUMNS);
        int tileH = TILE + 30;
        BufferedImage img = new BufferedImage(COLUMNS * TILE, 20 + rows * tileH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.setColor(Color.DARK_GRAY);
        g.drawString(misses.isEmpty() ? "no test image was misclassified"
                : "most confidently misclassified test images: true -> predicted (probability)", 4, 14);
        for (int m = 0; m < misses.size(); m++) {
            TestReport.Miss miss = misses.get(m);
            int x = (m % COLUMNS) * TILE;
            int y = 20 + (m / COLUMNS) * tileH;
            int side = TILE - 16;
            g.drawImage(image(test, miss.index()), x + 8, y, side, side, null);
            g.setColor(Color.DARK_GRAY);
            g.drawString(fit(r.classes().get(miss.label()), 14), x + 4, y + side + 11);
            g.setColor(new Color(0xc6, 0x28, 0x28));
            g.drawString(fit("-> " + r.classes().get(miss.predicted()), 11)
                    + String.format(Locale.ROOT, " %.0f%%", 100 * miss.confidence()), x + 4, y + side + 23);
        }
        g.dispose();
        return img;
    }

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        return g;
    }

    /** Test image i as the network saw it: grey for one channel, RGB for three, the first channel otherwise. */
    private static BufferedImage image(ImageData d, int i) {
        BufferedImage img = new BufferedImage(d.width(), d.height(), BufferedImage.TYPE_INT_RGB);
        byte[] px = d.image(i);
        int plane = d.height() * d.width();
        boolean rgb = d.channels() == 3;
        for (int y = 0; y < d.height(); y++) {
            for (int x = 0; x < d.width(); x++) {
                int r = px[y * d.width() + x] & 0xff;
                int g = rgb ? px[plane + y * d.width() + x] & 0xff : r;
                int b = rgb ? px[2 * plane + y * d.width() + x] & 0xff : r;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    private static String fit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    static String describe(Path dir) {
        return "report: confusion.csv, per_class.csv, misclassified.csv, confusion.png, misclassified.png in " + dir;
    }
}
