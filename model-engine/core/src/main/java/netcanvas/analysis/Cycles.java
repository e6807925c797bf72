package netcanvas.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netcanvas.graph.Node;

/**
 * Finds, for every node that lies on a cycle, one cycle through it, in time linear in the graph for the usual cases
 * (a ring of any length, a small cycle with a long chain after it), so a hostile file cannot stall the analysis.
 * Nodes merely downstream of a cycle are not on one and get no cycle.
 */
final class Cycles {

    /** Paths longer than this are shortened in messages. */
    private static final int SHOWN = 12;

    private Cycles() {
    }

    /**
     * @param unplaced nodes that a topological sort could not place (on or downstream of a cycle), in file order
     * @return for each node on a cycle, the cycle in data-flow order from that node back to it ("a -> b -> a"),
     *         in file order
     */
    static Map<String, String> describe(Collection<Node> unplaced) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        unplaced.forEach(n -> nodes.put(n.id(), n));
        Map<String, String> found = new HashMap<>();
        for (Set<String> component : components(nodes)) {
            for (String start : component) {
                if (found.containsKey(start)) {
                    continue;
                }
                List<String> ring = ringThrough(start, nodes, component);
                if (ring == null) {
                    continue;
                }
                // every node of this ring lies on the same cycle, read from its own position
                for (int j = 0; j < ring.size(); j++) {
                    found.putIfAbsent(ring.get(j), text(ring, j));
                }
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String id : nodes.keySet()) {
            if (found.containsKey(id)) {
                ordered.put(id, found.get(id));
            }
        }
        return ordered;
    }

    /**
     * The shortest cycle through start inside its component (breadth-first along input edges), as the ring of
     * distinct nodes in data-flow order starting at start, or null when start is on no cycle.
     */
    private static List<String> ringThrough(String start, Map<String, Node> nodes, Set<String> component) {
        Map<String, String> consumer = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            String v = queue.poll();
            for (String i : nodes.get(v).inputs()) {
                if (i.equals(start)) {
                    // start feeds v, v feeds consumer(v), ... which feeds start
                    List<String> ring = new ArrayList<>();
                    ring.add(start);
                    for (String x = v; !x.equals(start); x = consumer.get(x)) {
                        ring.add(x);
                    }
                    return ring;
                }
                if (component.contains(i) && !consumer.containsKey(i)) {
                    consumer.put(i, v);
                    queue.add(i);
                }
            }
        }
        return null;
    }

    /** "c -> a -> b -> c", starting at ring[from], shortened in the middle when long. */
    private static String text(List<String> ring, int from) {
        int n = ring.size();
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (n > SHOWN && k == SHOWN / 2) {
                int skipped = n - SHOWN;
                s.append(" -> ... (").append(skipped).append(" more)");
                k += skipped - 1;
                continue;
            }
            s.append(k == 0 ? "" : " -> ").append(ring.get((from + k) % n));
        }
        return s.append(" -> ").append(ring.get(from)).toString();
    }

    /** Strongly connected components along input edges (Tarjan's algorithm, without recursion). */
    private static List<Set<String>> components(Map<String, Node> nodes) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> result = new ArrayList<>();
        record Frame(String id, int[] next) {
        }
        for (String root : nodes.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Frame> work = new ArrayDeque<>();
            index.put(root, index.size());
            low.put(root, index.get(root));
            stack.push(root);
            onStack.add(root);
            work.push(new Frame(root, new int[1]));
            while (!work.isEmpty()) {
                Frame f = work.peek();
                List<String> inputs = nodes.get(f.id()).inputs();
                if (f.next()[0] < inputs.size()) {
                    String w = inputs.get(f.next()[0]++);
                    if (!nodes.containsKey(w)) {
                        continue;
                    }
                    if (!index.containsKey(w)) {
                        index.put(w, index.size());
                        low.put(w, index.get(w));
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Frame(w, new int[1]));
                    } else if (onStack.contains(w)) {
                        low.put(f.id(), Math.min(low.get(f.id()), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek().id();
                    low.put(parent, Math.min(low.get(parent), low.get(f.id())));
                }
                if (low.get(f.id()).equals(index.get(f.id()))) {
                    Set<String> component = new LinkedHashSet<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(f.id()));
                    result.add(component);
                }
            }
        }
        return result;
    }
}
