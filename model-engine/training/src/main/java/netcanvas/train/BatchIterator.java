package netcanvas.train;

import java.util.List;
import java.util.function.BooleanSupplier;
import netcanvas.data.Batches;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One epoch of shuffled training batches for SameDiff's fit. The trainer's controls act here: a stop request ends
 * the epoch early, and a pause blocks before the next batch.
 */
final class BatchIterator implements DataSetIterator {
    private final Batches batches;
    private final int[] order;
    private final int batch;
    private final long[] inputShape;
    private final int classes;
    private final BooleanSupplier proceed;
    private int pos;

    /**
     * @param proceed blocks while paused; false when the run must stop
     */
    BatchIterator(Batches batches, int[] order, int batch, long[] inputShape, int classes, BooleanSupplier proceed) {
        this.batches = batches;
        this.order = order;
        this.batch = batch;
        this.inputShape = inputShape;
        this.classes = classes;
        this.proceed = proceed;
    }

    @Override
    public boolean hasNext() {
        return pos < order.length && proceed.getAsBoolean();
    }

    @Override
    public DataSet next() {
        return next(batch);
    }

    @Override
    public DataSet next(int num) {
        int m = Math.min(num, order.length - pos);
        int[] idx = java.util.Arrays.copyOfRange(order, pos, pos + m);
        pos += m;
        int sample = (int) (inputShape[0] * inputShape[1] * inputShape[2]);
        float[] x = new float[m * sample];
        float[] y = new float[m * classes];
        batches.fill(idx, x, y);
        return new DataSet(Nd4j.create(x, new long[] {m, inputShape[0], inputShape[1], inputShape[2]}, 'c'),
                Nd4j.create(y, new long[] {m, classes}, 'c'));
    }

    @Override
    public int inputColumns() {
        return (int) (inputShape[0] * inputShape[1] * inputShape[2]);
    }

    @Override
    public int totalOutcomes() {
        return classes;
    }

    @Override
    public boolean resetSupported() {
        return false;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("one iterator per epoch");
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("batches are normalised when filled");
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public List<String> getLabels() {
        return batches.data().classes();
    }
}
