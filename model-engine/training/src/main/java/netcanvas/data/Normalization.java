package netcanvas.data;

/**
 * Per-channel standardisation of pixel values scaled to [0, 1]: (v/255 - mean) / std, with the mean and standard
 * deviation of the training images (as torchvision's Normalize with the dataset's statistics), or the identity.
 */
public record Normalization(double[] mean, double[] std) {

    public static Normalization none(int channels) {
        double[] m = new double[channels];
        double[] s = new double[channels];
        java.util.Arrays.fill(s, 1.0);
        return new Normalization(m, s);
    }

    public static Normalization of(ImageData d) {
        int c = d.channels();
        int plane = d.height() * d.width();
        double[] sum = new double[c];
        double[] sq = new double[c];
        for (int i = 0; i < d.size(); i++) {
            byte[] p = d.image(i); // as the network sees it: adapted, padding included
            for (int ch = 0; ch < c; ch++) {
                int off = ch * plane;
                for (int k = 0; k < plane; k++) {
                    double v = (p[off + k] & 0xff) / 255.0;
                    sum[ch] += v;
                    sq[ch] += v * v;
                }
            }
        }
        double n = (double) d.size() * plane;
        double[] mean = new double[c];
        double[] std = new double[c];
        for (int ch = 0; ch < c; ch++) {
            mean[ch] = sum[ch] / n;
            std[ch] = Math.max(1e-6, Math.sqrt(Math.max(0, sq[ch] / n - mean[ch] * mean[ch])));
        }
        return new Normalization(mean, std);
    }

    public float apply(int channel, int value) {
        return (float) ((value / 255.0 - mean[channel]) / std[channel]);
    }
}
