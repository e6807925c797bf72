package netcanvas.train;

import java.util.Random;

/**
 * Weight initialisation as PyTorch does it. Convolution and dense weights feeding a ReLU use He (Kaiming) normal
 * initialisation, those feeding tanh or sigmoid Xavier (Glorot) uniform, and the rest PyTorch's default
 * kaiming_uniform(a=sqrt(5)), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)). Biases always use PyTorch's default
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
 */
enum Init {
    HE, XAVIER, TORCH_DEFAULT;

    /** Fills a weight of fanIn inputs and fanOut outputs per unit. */
    float[] weights(int count, long fanIn, long fanOut, Random rnd) {
        float[] w = new float[count];
        switch (this) {
            case HE -> {
                double std = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < count; i++) {
                    w[i] = (float) (rnd.nextGaussian() * std);
                }
            }
            case XAVIER -> fillUniform(w, Math.sqrt(6.0 / (fanIn + fanOut)), rnd);
            case TORCH_DEFAULT -> fillUniform(w, 1.0 / Math.sqrt(fanIn), rnd);
        }
        return w;
    }

    static float[] bias(int count, long fanIn, Random rnd) {
        float[] b = new float[count];
        fillUniform(b, 1.0 / Math.sqrt(fanIn), rnd);
        return b;
    }

    private static void fillUniform(float[] a, double bound, Random rnd) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
    }
}
