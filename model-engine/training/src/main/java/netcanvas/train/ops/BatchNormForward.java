package netcanvas.train.ops;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** libnd4j's {@code batchnorm} with gamma and beta on the last axis; inputs x, mean, variance, gamma, beta. */
public final class BatchNormForward extends RenamedOp {
    public static final String NAME = "netcanvas_batchnorm";

    public BatchNormForward() {
    }

    public BatchNormForward(SameDiff sd, SDVariable x, SDVariable mean, SDVariable var, SDVariable gamma,
            SDVariable beta, double eps, long rank) {
        super(sd, x, mean, var, gamma, beta);
        addIArgument(1, 1, rank - 1); // apply gamma, apply beta, channel axis (the last)
        addTArgument(eps);
    }

    @Override
    protected String nativeName() {
        return "batchnorm";
    }

    @Override
    public String opName() {
        return NAME;
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        // The integer and float arguments survive SameDiff's FlatBuffers copy; the gradient needs nothing more.
        SDVariable[] in = args();
        return List.of(new BatchNormBackward(sameDiff, in[0], in[1], in[2], in[3], in[4], grads.get(0), iArgs(),
                tArgs()).outputVariables());
    }
}
