package netcanvas.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netcanvas.train.ops.Workspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Workspace} that owns what it lends until closed: for an {@link InferencePlan}'s kernels and for
 * measurements of kernels outside a training step.
 */
final class KernelArrays implements Workspace, AutoCloseable {
    private final DataType type;
    private final Map<String, INDArray> scratch = new HashMap<>();
    private final Map<String, INDArray> rows = new HashMap<>();
    private final List<INDArray> owned = new ArrayList<>();
    private final List<BoundOp> bound = new ArrayList<>();

    /** @param type the data's type, of the arrays it lends */
    KernelArrays(DataType type) {
        this.type = type;
    }

    @Override
    public INDArray scratch(long[] shape) {
        return scratch.computeIfAbsent(java.util.Arrays.toString(shape), k -> own(Nd4j.create(type, shape)));
    }

    @Override
    public INDArray zeros(long[] shape) {
        return own(Nd4j.zeros(type, shape));
    }

    @Override
    public INDArray row(long m, double value) {
        return rows.computeIfAbsent(m + " " + value, k -> own(Nd4j.valueArrayOf(new long[] {1, m}, value, type)));
    }

    @Override
    public Runnable prepared(DynamicCustomOp op) {
        BoundOp b = BoundOp.of(op);
        bound.add(b);
        return b;
    }

    private INDArray own(INDArray a) {
        owned.add(a);
        return a;
    }

    @Override
    public void close() {
        closeAll(bound, owned);
    }

    /** Frees a plan's bound calls and then the arrays it made (the training step's, the inference plan's, these). */
    static void closeAll(Iterable<BoundOp> bound, Iterable<INDArray> owned) {
        bound.forEach(BoundOp::close);
        for (INDArray a : owned) {
            if (a.closeable()) {
                a.close();
            }
        }
    }
}
