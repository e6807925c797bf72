package netcanvas.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;

/** The operations a training step runs, in an order that respects their inputs (a topological order). */
final class ExecutionOrder {
    private ExecutionOrder() {
    }

    /**
     * The operations that produce {@code needed}, directly or not, each after every operation it reads from: Kahn's
     * algorithm, ties in the graph's own order.
     *
     * @throws IllegalStateException when the wanted operations form a cycle
     */
    static List<SameDiffOp> of(SameDiff g, Set<String> needed) {
        Map<String, Variable> vars = g.getVariables();
        Map<String, SameDiffOp> ops = g.getOps();
        Set<String> wanted = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(needed);
        while (!todo.isEmpty()) {
            Variable v = vars.get(todo.pop());
            String producer = v == null ? null : v.getOutputOfOp();
            if (producer != null && wanted.add(producer)) {
                todo.addAll(inputs(ops.get(producer)));
            }
        }
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> consumers = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        for (String name : ops.keySet()) {
            if (!wanted.contains(name)) {
                continue;
            }
            int count = 0;
            for (String in : inputs(ops.get(name))) {
                String producer = vars.get(in).getOutputOfOp();
                if (producer != null && wanted.contains(producer)) {
                    consumers.computeIfAbsent(producer, k -> new ArrayList<>()).add(name);
                    count++;
                }
            }
            waiting.put(name, count);
            if (count == 0) {
                ready.add(name);
            }
        }
        List<SameDiffOp> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String name = ready.poll();
            order.add(ops.get(name));
            for (String c : consumers.getOrDefault(name, List.of())) {
                if (waiting.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != wanted.size()) {
            throw new IllegalStateException("the gradient graph has a cycle: " + (wanted.size() - order.size())
                    + " operations never become ready");
        }
        return order;
    }

    /** An operation's inputs and control dependencies, each counted once per occurrence. */
    static List<String> inputs(SameDiffOp op) {
        List<String> in = new ArrayList<>(op.getInputsToOp() == null ? List.of() : op.getInputsToOp());
        if (op.getControlDeps() != null) {
            in.addAll(op.getControlDeps());
        }
        return in;
    }
}
