package netcanvas.train;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;

/**
 * How long each array of a training step holds a value that is still to be read: the index of the last operation
 * that reads it, where a view's readers count as readers of the array it views. An array whose last reader has run
 * goes back to the {@link ArrayPool}, except what the step needs at its end (weight gradients, watched values).
 */
final class Liveness {
    /** The last use of a value no operation reads: it is free as soon as its producer has run. */
    static final int NEVER_READ = -1;

    /** A view's name to the name of the array it is a view of (followed to the end: views of views). */
    private final Map<String, String> root = new HashMap<>();
    /** A view operation's name to the input its outputs are views of. */
    private final Map<String, String> views = new HashMap<>();
    /** An array's name to the index of the last operation that reads it or a view of it. */
    private final Map<String, Integer> lastUse = new HashMap<>();
    /** The arrays that must live to the end of the step. */
    private final Set<String> pinned = new HashSet<>();

    /**
     * @param order  the operations in execution order
     * @param rules  which operations become views of an input
     * @param needed what the step needs at its end: every weight's gradient and the watched activations
     */
    Liveness(List<SameDiffOp> order, ViewRule rules, Set<String> needed) {
        for (int i = 0; i < order.size(); i++) {
            SameDiffOp op = order.get(i);
            for (String in : ExecutionOrder.inputs(op)) {
                lastUse.put(root(in), i);
            }
            String source = rules.viewSourceOf(op);
            if (source != null) {
                views.put(op.getName(), source);
                for (String out : op.getOutputsOfOp()) {
                    root.put(out, root(source));
                }
            }
        }
        // What a step needs at its end pins its own array, or the array it is a view of (a dilated kernel's
        // gradient comes out of a reshape).
        for (String n : needed) {
            pinned.add(root(n));
        }
    }

    /** The array a value lives in: its own name, or for a view, the name of the array it views. */
    String root(String name) {
        return root.getOrDefault(name, name);
    }

    /** The input whose array this operation's outputs are views of, or null when it runs. */
    String viewSource(SameDiffOp op) {
        return views.get(op.getName());
    }

    /** The index of the last operation reading this array (by its {@link #root}), or {@link #NEVER_READ}. */
    int lastUse(String rootName) {
        return lastUse.getOrDefault(rootName, NEVER_READ);
    }

    /** Whether the step needs this array at its end. */
    boolean pinned(String rootName) {
        return pinned.contains(rootName);
    }

    /** Whether nothing reads this value, in the step or after it (the first convolution's input gradient). */
    boolean unread(String name) {
        return !lastUse.containsKey(name) && !pinned.contains(name);
    }
}
