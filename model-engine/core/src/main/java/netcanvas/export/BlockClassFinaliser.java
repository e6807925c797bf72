package netcanvas.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netcanvas.export.ModuleTree.BlockClass;
import netcanvas.export.ModuleTree.Instance;
import netcanvas.export.ModuleTree.Stmt;
import netcanvas.graph.LayerKinds;

/**
 * Chooses each block class's constructor parameters from the integer arguments of its modules ("slots"). A slot
 * becomes a parameter when it holds the block's input channels or one of the block's own integer settings under
 * the same name (out_channels, stride, groups; a constant 1 stays literal, being PyTorch's default), or when its
 * value differs between the blocks sharing the class; it is then named after the block setting with the same values
 * across all blocks, or else after its module and role. Other slots stay literal.
 */
final class BlockClassFinaliser {
    private BlockClassFinaliser() {
    }

    /** Classes in creation order: a block's inner block classes come first, so their parameters are known. */
    static void finalise(List<BlockClass> classes) {
        for (BlockClass c : classes) {
            finalise(c);
        }
    }

    private static void finalise(BlockClass c) {
        List<Instance> all = c.instances;
        List<List<Integer>> slots = new ArrayList<>();
        for (Instance i : all) {
            slots.add(i.slots());
        }
        List<String> roles = roles(all.get(0));
        Map<String, List<Long>> candidates = candidates(all);
        Map<String, List<Long>> extras = new LinkedHashMap<>();
        List<String> used = new ArrayList<>();
        for (int s = 0; s < roles.size(); s++) {
            List<Long> vector = new ArrayList<>();
            for (List<Integer> inst : slots) {
                vector.add((long) inst.get(s));
            }
            String role = roles.get(s);
            String bare = role.substring(role.indexOf('.') + 1);
            String param = null;
            boolean varies = vector.stream().distinct().count() > 1;
            if (vector.equals(candidates.get(bare)) && (varies || vector.get(0) != 1)) {
                param = bare;
            } else if (varies) {
                // The block's own settings first: in_channels equals out_channels in an identity block, and
                // a batch norm after the last convolution reads better as out_channels.
                for (Map.Entry<String, List<Long>> e : candidates.entrySet()) {
                    if (!e.getKey().equals("in_channels") && e.getValue().equals(vector)) {
                        param = e.getKey();
                        break;
                    }
                }
                if (param == null && vector.equals(candidates.get("in_channels"))) {
                    param = "in_channels";
                }
                if (param == null) {
                    for (Map.Entry<String, List<Long>> e : extras.entrySet()) {
                        if (e.getValue().equals(vector)) {
                            param = e.getKey();
                            break;
                        }
                    }
                }
                if (param == null) {
                    param = PyText.identifier(role.replace('.', '_'));
                    while (candidates.containsKey(param) || extras.containsKey(param)) {
                        param = param + "_";
                    }
                    extras.put(param, vector);
                }
            }
            c.slotParam.add(param);
            if (param != null && !used.contains(param)) {
                used.add(param);
            }
        }
        // A channel count that stays literal but equals a parameter in every block is that parameter.
        for (int s = 0; s < roles.size(); s++) {
            String role = roles.get(s);
            if (c.slotParam.get(s) == null && (role.endsWith("channels") || role.endsWith("features"))) {
                int slot = s;
                List<Long> vector = slots.stream().map(inst -> (long) inst.get(slot)).toList();
                for (String p : used) {
                    List<Long> v = candidates.containsKey(p) ? candidates.get(p) : extras.get(p);
                    if (v.equals(vector)) {
                        c.slotParam.set(s, p);
                        break;
                    }
                }
            }
        }
        List<String> order = new ArrayList<>(candidates.keySet());
        order.addAll(extras.keySet());
        for (String p : order) {
            if (used.contains(p)) {
                c.params.add(p);
                c.firstSlot.add(c.slotParam.indexOf(p));
            }
        }
    }

    /** "conv1.in_channels" for each slot of the block's modules, in rendering order. */
    private static List<String> roles(Instance inst) {
        List<String> roles = new ArrayList<>();
        for (Stmt s : inst.body.stmts()) {
            String attr = String.join("_", s.attr());
            for (String r : ModuleTree.call(s.module()).slotRoles()) {
                roles.add(attr + "." + r);
            }
        }
        return roles;
    }

    /** in_channels, then the block kind's integer settings in declaration order, each across all instances. */
    private static Map<String, List<Long>> candidates(List<Instance> all) {
        Map<String, List<Long>> m = new LinkedHashMap<>();
        m.put("in_channels", new ArrayList<>());
        for (Instance i : all) {
            m.get("in_channels").add(i.inChannels);
            for (Map.Entry<String, Object> e : LayerKinds.of(i.spec).values(i.spec).entrySet()) {
                if (e.getValue() instanceof Integer v) {
                    m.computeIfAbsent(PyText.snake(e.getKey()), k -> new ArrayList<>()).add((long) v);
                }
            }
        }
        return m;
    }
}
