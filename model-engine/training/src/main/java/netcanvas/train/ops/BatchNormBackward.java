package netcanvas.train.ops;

import static netcanvas.train.ops.OpRegistry.call;
import static netcanvas.train.ops.Views.allDense;
import static netcanvas.train.ops.Views.view;

import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of {@link BatchNormForward}: libnd4j's {@code batchnorm_bp} (inputs x, mean, variance, gamma, beta
 * and the output gradient; outputs the gradients of x, mean, variance, gamma and beta), whose input gradient runs through
 * the batch mean and variance. SameDiff runs the native op (when it works out shapes, and in {@code fit}); the
 * training step runs {@link #kernel} instead, as that op recomputes the statistics terms with slow broadcasts and
 * reductions (7.4 ms on a 64x16x32x32 tensor here).
 */
public final class BatchNormBackward extends RenamedOp {
    public static final String NAME = "netcanvas_batchnorm_bp";

    public BatchNormBackward() {
    }

    BatchNormBackward(SameDiff sd, SDVariable x, SDVariable mean, SDVariable var, SDVariable gamma, SDVariable beta,
            SDVariable gradient, long[] iArgs, double[] tArgs) {
        super(sd, x, mean, var, gamma, beta, gradient);
        addIArgument(iArgs);
        addTArgument(tArgs);
    }

    @Override
    protected String nativeName() {
        return "batchnorm_bp";
    }

    @Override
    public String opName() {
        return NAME;
    }

    /** The gradients of x, mean, variance, gamma and beta. */
    public static final int OUTPUTS = 5;

    @Override
    public int getNumOutputs() {
        return OUTPUTS;
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> in) {
        return List.of(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4));
    }

    /**
     * The same gradient as prepared native calls for the training step. With M = N*H*W values per channel,
     * s = 1/sqrt(var + eps), k = gamma*s, SG = sum(g) and SGX = sum(g*x) per channel (each a ones x [M, C]
     * product: libnd4j's column reductions took 1.2 ms on 64x32x32x16 here, the product 0.16 ms):
     * dbeta = SG, dgamma = (SGX - mean*SG)*s and dx = k*g - k*dgamma/M * (x - mean)*s - k*SG/M. Both terms of dx
     * are libnd4j's fast per-channel {@code batchnorm}, (v - m)*s'*gamma' + beta': k*g with m = 0 and the real
     * variance and gamma, the rest with the real mean and variance, gamma' = -k*dgamma/M and beta' = -k*SG/M.
     * The per-channel coefficients are worked out here in Java: C values, where a dozen native calls on [C]
     * arrays took longer than their arithmetic.
     *
     * @return the calls, or null when the arrays do not suit them (then the native op runs)
     */
    public Runnable kernel(List<INDArray> in, List<INDArray> out, Workspace work) {
        INDArray x = in.get(0);
        INDArray mean = in.get(1);
        INDArray var = in.get(2);
        INDArray gamma = in.get(3);
        INDArray g = in.get(5);
        INDArray dx = out.get(0);
        INDArray dGamma = out.get(3);
        INDArray dBeta = out.get(4);
        int rank = x.rank();
        long c = mean.length();
        if (!Arrays.equals(iArgs(), new long[] {1, 1, rank - 1}) || (rank != 2 && rank != 4)
                || x.size(rank - 1) != c || !(x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE)
                    || g.dataType() != x.dataType()
                || !Arrays.equals(x.shape(), g.shape()) || !Arrays.equals(x.shape(), dx.shape())
                || gamma.length() != c || dGamma.length() != c || dBeta.length() != c
                || !allDense(x, g, dx, mean, var, gamma, dGamma, dBeta)) {
            return null;
        }
        long m = x.length() / c;
        double eps = tArgs()[0];
        INDArray xRows = view(x, m, c);
        INDArray gRows = view(g, m, c);
        INDArray dxRows = view(dx, m, c);
        INDArray product = work.scratch(new long[] {m, c});
        // Per-channel arrays owned by the plan: the kernel writes sumGX, scaleX and shiftX each step, zero never.
        INDArray sumGX = work.zeros(new long[] {1, c});
        INDArray zero = work.zeros(new long[] {c});
        INDArray scaleX = work.zeros(new long[] {c});
        INDArray shiftX = work.zeros(new long[] {c});
        Runnable sumG = work.sumOfRows(gRows, view(dBeta, 1, c), 1);
        Runnable times = work.prepared(call("multiply", new INDArray[] {gRows, xRows}, product));
        Runnable sumProduct = work.sumOfRows(product, sumGX, 1);
        // batchnorm runs on oneDNN for rank 4 only (on [M, C]: 2.9 ms, on [M, 1, 1, C]: 0.21 ms here).
        long[] planes = {m, 1, 1, c};
        DynamicCustomOp gTerm = call("batchnorm", new INDArray[] {view(g, planes), zero, var, gamma, zero},
                view(dx, planes));
        DynamicCustomOp xTerm = call("batchnorm",
                new INDArray[] {view(x, planes), mean, var, scaleX, shiftX}, view(product, planes));
        for (DynamicCustomOp norm : List.of(gTerm, xTerm)) {
            norm.addIArgument(1, 1, 3); // apply gamma, apply beta, channel axis
            norm.addTArgument(eps);
        }
        Runnable gPart = work.prepared(gTerm);
        Runnable xPart = work.prepared(xTerm);
        Runnable sum = work.prepared(call("add", new INDArray[] {dxRows, product}, dxRows));
        return () -> {
            sumG.run();
            times.run();
            sumProduct.run();
            for (int i = 0; i < c; i++) {
                double s = 1 / Math.sqrt(var.getDouble(i) + eps);
                double sg = dBeta.getDouble(i);
                double dg = (sumGX.getDouble(0, i) - mean.getDouble(i) * sg) * s;
                double k = gamma.getDouble(i) * s;
                dGamma.putScalar(i, dg);
                scaleX.putScalar(i, -k * dg / m);
                shiftX.putScalar(i, -k * sg / m);
            }
            gPart.run();
            xPart.run();
            sum.run();
        };
    }
}
