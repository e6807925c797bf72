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

    /** Images with more pixels than this (a 16,384 x 16,384 square) are refused unread. */
    public static final long MAX_PIXELS = 1L << 28;
    /**
     * Larger images are decoded subsampled (every 2nd, 3rd... pixel of each row and column, as ImageIO reads them)
     * to at most this many pixels (2,048 x 2,048: 16 MB as RGB), so an image costs a bounded amount of memory
     * whatever its size; a network's input is far smaller.
     */
    public static final long MAX_DECODED_PIXELS = 1L << 22;

    /** The image as unsigned bytes, channels 1 (luma) or 3 (RGB), resized to height x width. */
    public static byte[] read(Path file, int channels, int height, int width) throws DataException {
        return pixels(decode(file), channels, height, width);
    }

    /**
     * Decodes an image file: its header's width and height are read first, an image over {@link #MAX_PIXELS} is
     * refused, and one over {@link #MAX_DECODED_PIXELS} is decoded subsampled.
     */
    static BufferedImage decode(Path file) throws DataException {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + (Files.exists(file) ? ": not a regular file (a folder or device), not an "
                    + "image" : ": no such image file"));
        }
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataException(file + ": not an image this program reads (use PNG, JPEG, GIF or BMP)");
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w < 1 || h < 1 || w * h > MAX_PIXELS) {
                    throw new DataException(file + ": the image declares " + w + " x " + h + " pixels; NetCanvas "
                            + "reads images of up to " + MAX_PIXELS + " pixels (16,384 x 16,384)");
                }
                javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                int step = 1;
                while ((w / step) * (h / step) > MAX_DECODED_PIXELS) {
                    step++;
                }
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage img = reader.read(0, param);
                if (img == null) {
                    throw new DataException(file + ": not an image this program reads (use PNG, JPEG, GIF or BMP)");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": cannot be read as an image: " + e.getMessage());
        }
    }

    /**
     * The image at its own size and with its own channels: 1 for a grey file, 3 for a colour one, so that fitting it
     * to a network's input ({@link Adaptation}) says when colour is converted to grey.
     */
    public static ImageData readSampleAsStored(Path file, List<String> classes) throws DataException {
        BufferedImage img = decode(file);
        int channels = img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY ? 1 : 3;
        byte[] px = pixels(img, channels, img.getHeight(), img.getWidth());
        return new ImageData(file.getFileName().toString(), channels, img.getHeight(), img.getWidth(), px,
                new int[] {0}, classes);
    }

    /** The image at its own size (subsampled when huge) as one unlabelled sample with this channel count. */
    public static ImageData readSample(Path file, int channels, List<String> classes) throws DataException {
        BufferedImage img = decode(file);
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
