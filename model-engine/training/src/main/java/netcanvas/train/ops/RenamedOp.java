package netcanvas.train.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * An op that runs a native libnd4j op under its own name, so that SameDiff, which copies every op through FlatBuffers
 * before differentiating and looks the class up again by op name, finds this class (and its gradient) instead of
 * nd4j's standard one ({@link OpRegistry} registers the names). Properties travel as integer and float arguments.
 */
public abstract class RenamedOp extends DynamicCustomOp {
    protected RenamedOp() {
    }

    protected RenamedOp(SameDiff sd, SDVariable... inputs) {
        super(null, sd, inputs);
    }

    /** The libnd4j op that runs under this class's own name. */
    protected abstract String nativeName();

    @Override
    public long opHash() {
        return OpRegistry.hash(nativeName());
    }

    @Override
    public CustomOpDescriptor getDescriptor() {
        return OpRegistry.descriptor(nativeName());
    }

    /** One output of the first input's type, unless a subclass says otherwise. */
    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> in) {
        return List.of(in.get(0));
    }

    @Override
    public Map<String, Object> propertiesForFunction() {
        return new HashMap<>();
    }

    @Override
    public void setPropertiesForFunction(Map<String, Object> properties) {
        // Nothing beyond the integer and float arguments, which FlatBuffers restores itself.
    }
}
