package netcanvas.train;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Stochastic gradient descent exactly as torch.optim.SGD (dampening 0): buf = momentum*buf + g; the step is
 * lr*buf, or lr*(g + momentum*buf) with Nesterov. ND4J has no classic-momentum updater and its Nesterov variant is
 * formulated differently, hence this one.
 */
final class TorchSgd implements IUpdater {
    private final ISchedule lr;
    private final double momentum;
    private final boolean nesterov;

    TorchSgd(ISchedule lr, double momentum, boolean nesterov) {
        this.lr = lr;
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public long stateSize(long numParams) {
        return momentum > 0 ? numParams : 0;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initialize) {
        Updater u = new Updater();
        if (momentum > 0) {
            u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initialize);
        }
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
        Updater u = new Updater();
        u.setState(state, initialize);
        return u;
    }

    @Override
    public IUpdater clone() {
        return new TorchSgd(lr, momentum, nesterov);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return lr.valueAt(iteration, epoch);
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule schedule) {
        throw new UnsupportedOperationException("the learning rate is set through the trainer's schedule");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TorchSgd t && t.lr == lr && t.momentum == momentum && t.nesterov == nesterov;
    }

    @Override
    public int hashCode() {
        return Objects.hash(momentum, nesterov);
    }

    private final class Updater implements GradientUpdater<TorchSgd> {
        private INDArray buf;

        @Override
        public TorchSgd getConfig() {
            return TorchSgd.this;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            buf = state.get("buf");
            if (buf != null && initialize) {
                buf.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return buf == null ? Map.of() : Map.of("buf", buf);
        }

        @Override
        public void setStateViewArray(INDArray view, long[] shape, char order, boolean initialize) {
            if (view == null || momentum == 0) {
                return; // plain SGD keeps no state
            }
            buf = view.reshape(order, shape);
            if (initialize) {
                buf.assign(0);
            }
        }

        /** Turns the gradient (in place) into the step that ND4J subtracts from the weights. */
        @Override
        public void applyUpdater(INDArray g, int iteration, int epoch) {
            double rate = lr.valueAt(iteration, epoch);
            if (momentum > 0) {
                if (buf.length() != g.length()) {
                    throw new IllegalStateException("momentum buffer of " + buf.length() + " for " + g.length());
                }
                INDArray b = buf.reshape(g.shape());
                b.muli(momentum).addi(g);
                if (nesterov) {
                    g.addi(b.mul(momentum));
                } else {
                    g.assign(b);
                }
            }
            g.muli(rate);
        }
    }
}
