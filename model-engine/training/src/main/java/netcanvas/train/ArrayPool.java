package netcanvas.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Arrays whose values have been read for the last time, by type and shape, for a later output of the same type and
 * shape to reuse, as PyTorch's allocator reuses freed blocks. Used while planning only: a step itself allocates
 * nothing.
 */
final class ArrayPool {
    private final Map<String, Deque<INDArray>> free = new HashMap<>();
    private final Set<String> released = new HashSet<>();

    /** A free array of this type and shape, now taken, or null when there is none. */
    INDArray take(ArraySpec spec) {
        Deque<INDArray> d = free.get(spec.key());
        return d == null || d.isEmpty() ? null : d.pop();
    }

    /** Gives back the array of the value of this name; a name is given back once, later calls do nothing. */
    void release(String name, INDArray array) {
        if (released.add(name)) {
            free.computeIfAbsent(new ArraySpec(array.dataType(), array.shape()).key(), k -> new ArrayDeque<>())
                    .push(array);
        }
    }

    /** Whether the value of this name has been given back. */
    boolean released(String name) {
        return released.contains(name);
    }
}
