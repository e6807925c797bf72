package netcanvas.train;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/** An array's type and shape: what a training step's array pool matches a free array by. */
record ArraySpec(DataType type, long[] shape) {

    /** Equal for arrays of the same type and shape ("FLOAT[64, 8, 16, 16]"). */
    String key() {
        return type + Arrays.toString(shape);
    }
}
