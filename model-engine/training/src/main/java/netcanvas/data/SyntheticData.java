package netcanvas.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A dataset generated at run time, so training works with no files: each class is a sinusoidal grating with its own
 * orientation and frequency, drawn at a random phase with added noise. A small convolutional network learns it in an
 * epoch or two; a linear model on raw pixels cannot (the random phase cancels any fixed template).
 */
public final class SyntheticData {
    private SyntheticData() {
    }

    public static ImageData generate(String name, int classes, int channels, int height, int width, int count,
            long seed) {
        Random rnd = new Random(seed);
        int n = channels * height * width;
        byte[] pixels = new byte[count * n];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int k = i % classes;
            labels[i] = k;
            double angle = Math.PI * k / classes;
            double freq = 2 * Math.PI * (2.0 + (k % 3)) / Math.max(height, width);
            double phase = rnd.nextDouble() * 2 * Math.PI;
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        double v = Math.sin(freq * (x * cos + y * sin) + phase + c);
                        double value = 128 + 90 * v + 25 * rnd.nextGaussian();
                        pixels[i * n + (c * height + y) * width + x] = (byte) Math.max(0, Math.min(255,
                                Math.round(value)));
                    }
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("pattern " + k);
        }
        return new ImageData(name, channels, height, width, pixels, labels, names);
    }
}
