package netcanvas.training;

import java.util.Arrays;

/**
 * A growable list of doubles in one primitive array: a chart series of 100,000 iterations costs 800 KB here, not the
 * 100,000 objects a JavaFX chart series would hold.
 */
public final class SampleBuffer {
    private double[] values = new double[1024];
    private int size;

    public void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = v;
    }

    public double get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return values[i];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** The backing array (valid up to {@link #size()}), for drawing without copying. */
    double[] raw() {
        return values;
    }
}
