package netcanvas.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import netcanvas.export.ModuleTree.Body;
import netcanvas.export.ModuleTree.Seq;
import netcanvas.export.ModuleTree.Stmt;

/** The Python lines of an __init__ (module attributes) and a forward() (calls in topological order). */
final class ClassSource {
    private ClassSource() {
    }

    /**
     * One assignment per module, after nn.ModuleDict containers for inner names with dots (DenseBlock's
     * "denselayer1.norm1" becomes self.denselayer1["norm1"], so module paths equal NetCanvas ids).
     *
     * @param slotText the text of integer slot n (a constructor parameter), or null to write the value
     * @param keyMode  write blocks as their class name only (for telling configurations apart)
     */
    static List<String> initLines(Body body, IntFunction<String> slotText, boolean keyMode) {
        List<String> lines = new ArrayList<>();
        Set<String> containers = new HashSet<>();
        int[] counter = {0};
        for (Stmt s : body.stmts()) {
            for (int k = 1; k < s.attr().size(); k++) {
                List<String> prefix = s.attr().subList(0, k);
                if (containers.add(String.join(".", prefix))) {
                    lines.add("self." + attrExpr(prefix) + " = nn.ModuleDict()");
                }
            }
            String target = "self." + attrExpr(s.attr()) + " = ";
            if (keyMode) {
                lines.add(target + ModuleTree.key(s.module()));
            } else if (s.module() instanceof Seq seq && seq.items().size() > 1) {
                lines.add(target + "nn.Sequential(");
                for (Object item : seq.items()) {
                    lines.add("    " + ModuleTree.call(item).render(counter, slotText) + ",");
                }
                lines.add(")");
            } else {
                lines.add(target + ModuleTree.call(s.module()).render(counter, slotText));
            }
        }
        return lines;
    }

    /**
     * The calls in order. A value used once by the next layer of a chain keeps its variable, so a plain chain reads
     * x = self.conv1(x); x = self.bn1(x). A branch's variable is named after its first layer, the chain that ends in
     * the result "out".
     */
    static List<String> forwardLines(Body body, List<String> inputVars) {
        Map<String, Integer> uses = new HashMap<>();
        for (Stmt s : body.stmts()) {
            for (String i : s.inputs()) {
                uses.merge(i, 1, Integer::sum);
            }
        }
        for (String o : body.outputs()) {
            uses.merge(o, 1, Integer::sum);
        }
        // joins[k]: statement k continues the chain of its only input
        Map<String, Stmt> continuation = new HashMap<>();
        Set<String> joins = new HashSet<>();
        for (Stmt s : body.stmts()) {
            if (s.inputs().size() == 1 && uses.getOrDefault(s.inputs().get(0), 0) == 1) {
                joins.add(s.id());
                continuation.put(s.inputs().get(0), s);
            }
        }
        ModuleTree.Names names = new ModuleTree.Names();
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < inputVars.size(); i++) {
            names.reserve(inputVars.get(i));
            vars.put(body.inputs().get(i), inputVars.get(i));
        }
        List<String> lines = new ArrayList<>();
        for (Stmt s : body.stmts()) {
            String var;
            if (joins.contains(s.id())) {
                var = vars.get(s.inputs().get(0));
            } else {
                Stmt end = s;
                while (continuation.containsKey(end.id())) {
                    end = continuation.get(end.id());
                }
                var = names.unique(body.outputs().contains(end.id()) ? "out"
                        : PyText.identifier(String.join("_", s.attr())));
            }
            List<String> args = new ArrayList<>();
            for (String i : s.inputs()) {
                args.add(s.flatten() ? "torch.flatten(" + vars.get(i) + ", 1)" : vars.get(i));
            }
            lines.add(var + " = self." + attrExpr(s.attr()) + "(" + String.join(", ", args) + ")");
            vars.put(s.id(), var);
        }
        List<String> out = new ArrayList<>();
        for (String o : body.outputs()) {
            out.add(vars.get(o));
        }
        lines.add("return " + String.join(", ", out));
        return lines;
    }

    /** ["denselayer1", "norm1"] -> denselayer1["norm1"]. */
    static String attrExpr(List<String> attr) {
        StringBuilder s = new StringBuilder(attr.get(0));
        for (int k = 1; k < attr.size(); k++) {
            s.append('[').append(PyText.string(attr.get(k))).append(']');
        }
        return s.toString();
    }
}
