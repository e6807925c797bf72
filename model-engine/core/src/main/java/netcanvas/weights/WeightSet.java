package netcanvas.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The trained (or imported) values of a network, by PyTorch's state-dict names built from NetCanvas ids:
 * {@code <id>.weight}, {@code <id>.bias}, and for batch norm {@code <id>.running_mean} and {@code <id>.running_var}
 * (its scale and shift are {@code weight} and {@code bias}, as in torch.nn.BatchNorm2d). Layouts are PyTorch's, so the
 * same set feeds the ONNX exporter, the PyTorch exporter and the trainer.
 */
public final class WeightSet {

    public static final WeightSet EMPTY = new WeightSet(Map.of());

    private final Map<String, Tensor> tensors;

    public WeightSet(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public static String weight(String id) {
        return id + ".weight";
    }

    public static String bias(String id) {
        return id + ".bias";
    }

    public static String runningMean(String id) {
        return id + ".running_mean";
    }

    public static String runningVar(String id) {
        return id + ".running_var";
    }

    /** The tensor of this name, or null. */
    public Tensor get(String name) {
        return tensors.get(name);
    }

    public boolean isEmpty() {
        return tensors.isEmpty();
    }

    public int size() {
        return tensors.size();
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    public Map<String, Tensor> asMap() {
        return tensors;
    }

    /** The number of values over all tensors. */
    public long values() {
        long n = 0;
        for (Tensor t : tensors.values()) {
            n = Math.addExact(n, t.length());
        }
        return n;
    }
}
