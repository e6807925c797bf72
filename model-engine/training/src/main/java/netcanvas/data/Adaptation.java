package netcanvas.data;

/**
 * How images of one shape are made to fit a network input of another, stated so the user sees it: channel repeat
 * (grey to RGB) or luma (RGB to grey), centred zero padding when the input is slightly larger (Fashion-MNIST's 28x28
 * into LeNet-5's 32x32), otherwise a bilinear resize.
 */
public record Adaptation(int fromC, int fromH, int fromW, int toC, int toH, int toW, Spatial spatial) {

    public enum Spatial {
        NONE, PAD, RESIZE
    }

    public static Adaptation plan(ImageData data, int c, int h, int w) throws DataException {
        if (data.channels() != c && !(data.channels() == 1 && c == 3) && !(data.channels() == 3 && c == 1)) {
            throw new DataException(data.name() + " has " + data.channels() + "-channel images but the network input"
                    + " takes " + c + " channels: set the Input layer to 1 or 3 channels");
        }
        Spatial s;
        if (data.height() == h && data.width() == w) {
            s = Spatial.NONE;
        } else if (h >= data.height() && w >= data.width() && (h - data.height()) % 2 == 0
                && (w - data.width()) % 2 == 0 && h - data.height() <= data.height() / 4
                && w - data.width() <= data.width() / 4) {
            s = Spatial.PAD;
        } else {
            s = Spatial.RESIZE;
        }
        return new Adaptation(data.channels(), data.height(), data.width(), c, h, w, s);
    }

    public boolean identity() {
        return spatial == Spatial.NONE && fromC == toC;
    }

    /** A sentence for the log, e.g. "Fashion-MNIST images are 1x28x28; the network takes 1x32x32: ...". */
    public String describe(String dataName) {
        if (identity()) {
            return dataName + " images are " + fromC + "x" + fromH + "x" + fromW + ", as the network's input";
        }
        StringBuilder s = new StringBuilder(dataName).append(" images are ").append(fromC).append('x').append(fromH)
                .append('x').append(fromW).append("; the network takes ").append(toC).append('x').append(toH)
                .append('x').append(toW).append(':');
        if (spatial == Spatial.PAD) {
            s.append(" zero-padding ").append((toH - fromH) / 2).append(" pixels on each side");
        } else if (spatial == Spatial.RESIZE) {
            s.append(" resizing to ").append(toH).append('x').append(toW).append(" (bilinear)");
        }
        if (fromC == 1 && toC == 3) {
            s.append(spatial == Spatial.NONE ? "" : ",").append(" repeating the grey channel three times");
        } else if (fromC == 3 && toC == 1) {
            s.append(spatial == Spatial.NONE ? "" : ",").append(" converting RGB to grey (luma)");
        }
        return s.toString();
    }

    /**
     * The images seen through this adaptation: the stored bytes are kept, and each image is adapted when it is read
     * ({@link ImageData#image}), so the dataset costs its stored size, not its adapted size.
     */
    public ImageData apply(ImageData d) {
        if (identity()) {
            return d;
        }
        if (d.adaptation() != null) {
            throw new IllegalArgumentException(d.name() + " is already adapted");
        }
        return new ImageData(d.name(), toC, toH, toW, d.pixels(), d.labels(), d.classes(), this);
    }

    /** One stored image (fromC x fromH x fromW bytes) as the network takes it. */
    byte[] adaptOne(byte[] one) {
        byte[] a = spatial == Spatial.RESIZE ? resize(one, fromC, fromH, fromW)
                : spatial == Spatial.PAD ? pad(one, fromC, fromH, fromW) : one;
        return channels(a, fromC);
    }

    private byte[] pad(byte[] img, int c, int h, int w) {
        byte[] out = new byte[c * toH * toW];
        int top = (toH - h) / 2;
        int left = (toW - w) / 2;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(img, (ch * h + y) * w, out, (ch * toH + y + top) * toW + left, w);
            }
        }
        return out;
    }

    private byte[] resize(byte[] img, int c, int h, int w) {
        byte[] out = new byte[c * toH * toW];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < toH; y++) {
                // Align pixel centres, as bilinear resizing in PIL and torchvision does.
                double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / toH - 0.5));
                int y0 = (int) sy;
                int y1 = Math.min(h - 1, y0 + 1);
                double fy = sy - y0;
                for (int x = 0; x < toW; x++) {
                    double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / toW - 0.5));
                    int x0 = (int) sx;
                    int x1 = Math.min(w - 1, x0 + 1);
                    double fx = sx - x0;
                    double v = (1 - fy) * ((1 - fx) * at(img, ch, y0, x0, h, w) + fx * at(img, ch, y0, x1, h, w))
                            + fy * ((1 - fx) * at(img, ch, y1, x0, h, w) + fx * at(img, ch, y1, x1, h, w));
                    out[(ch * toH + y) * toW + x] = (byte) Math.round(v);
                }
            }
        }
        return out;
    }

    private static int at(byte[] img, int c, int y, int x, int h, int w) {
        return img[(c * h + y) * w + x] & 0xff;
    }

    private byte[] channels(byte[] img, int c) {
        if (c == toC) {
            return img;
        }
        int plane = toH * toW;
        byte[] out = new byte[toC * plane];
        if (c == 1) {
            for (int k = 0; k < toC; k++) {
                System.arraycopy(img, 0, out, k * plane, plane);
            }
        } else {
            for (int i = 0; i < plane; i++) {
                out[i] = (byte) Math.round(0.299 * (img[i] & 0xff) + 0.587 * (img[plane + i] & 0xff)
                        + 0.114 * (img[2 * plane + i] & 0xff));
            }
        }
        return out;
    }
}
