package netcanvas.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Reads PNG, JPEG, GIF and BMP files as C x H x W bytes at a requested size (bilinear resize when it differs). */
public final class ImageFiles {
    private ImageFiles() {
    }

    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".gif")
                || n.endsWith(".bmp");
    }

    /** The image as unsigned bytes, channels 1 (luma) or 3 (RGB), resized to height x width. */
    public static byte[] read(Path file, int channels, int height, int width) throws DataException {
        BufferedImage img;
        try {
            if (!Files.isRegularFile(file)) {
                throw new DataException(file + ": no such image file");
            }
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read: " + e.getMessage());
        }
        if (img == null) {
            throw new DataException(file + ": not an image this program reads (use PNG, JPEG, GIF or BMP)");
        }
        return pixels(img, channels, height, width);
    }

    /** The image at its own size as one unlabelled sample with the given channel count (1 grey or 3 RGB). */
    public static ImageData readSample(Path file, int channels, List<String> classes) throws DataException {
        BufferedImage img;
        try {
            img = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read: " + e.getMessage());
        }
        if (img == null) {
            throw new DataException(file + (Files.isRegularFile(file)
                    ? ": not an image this program reads (use PNG, JPEG, GIF or BMP)" : ": no such image file"));
        }
        byte[] px = pixels(img, channels, img.getHeight(), img.getWidth());
        return new ImageData(file.getFileName().toString(), channels, img.getHeight(), img.getWidth(), px,
                new int[] {0}, classes);
    }

    /** The image redrawn at height x width (bilinear), as RGB. */
    public static BufferedImage resized(BufferedImage img, int height, int width) {
        if (img.getHeight() == height && img.getWidth() == width && img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    static byte[] pixels(BufferedImage src, int channels, int height, int width) {
        BufferedImage img = resized(src, height, width);
        byte[] out = new byte[channels * height * width];
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int i = y * width + x;
                if (channels == 1) {
                    out[i] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    out[i] = (byte) r;
                    out[plane + i] = (byte) g;
                    out[2 * plane + i] = (byte) b;
                }
            }
        }
        return out;
    }
}
