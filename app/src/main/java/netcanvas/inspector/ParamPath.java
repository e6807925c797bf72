package netcanvas.inspector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.LayerSpec;
import netcanvas.graph.ParamText;

/**
 * One editable parameter of a spec, reached through nested blocks ("block.width" inside a Stage). Everything is read
 * from {@link LayerKind}, so the inspector needs no per-kind code.
 *
 * @param path     parameter names from the outer spec inwards
 * @param info     the parameter's declaration
 * @param category the sheet section it belongs to ("Parameters", "Block: Residual bottleneck")
 */
public record ParamPath(List<String> path, LayerKind.ParamInfo info, String category) {

    /** Every text- or checkbox-editable parameter of a spec, nested blocks flattened after the outer ones. */
    public static List<ParamPath> of(LayerSpec spec) {
        List<ParamPath> out = new ArrayList<>();
        collect(spec, List.of(), "Parameters", out);
        return out;
    }

    private static void collect(LayerSpec spec, List<String> prefix, String category, List<ParamPath> out) {
        LayerKind kind = LayerKinds.of(spec);
        Map<String, Object> values = kind.values(spec);
        for (LayerKind.ParamInfo p : kind.params()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(p.name());
            if (p.type() == LayerSpec.class) {
                LayerSpec inner = (LayerSpec) values.get(p.name());
                collect(inner, path, p.meta().label() + ": " + LayerKinds.of(inner).title(), out);
            } else {
                out.add(new ParamPath(List.copyOf(path), p, category));
            }
        }
    }

    public String key() {
        return String.join(".", path);
    }

    /** The current value, as text ("3x3", "same", "true"). */
    public String text(LayerSpec spec) {
        return ParamText.format(value(spec, path));
    }

    private static Object value(LayerSpec spec, List<String> path) {
        Object v = LayerKinds.of(spec).values(spec).get(path.get(0));
        return path.size() == 1 ? v : value((LayerSpec) v, path.subList(1, path.size()));
    }

    /**
     * The spec with this parameter typed as {@code text}.
     *
     * @throws IllegalArgumentException with a message for people when the text is not a valid value
     */
    public LayerSpec with(LayerSpec spec, String text) {
        return with(spec, path, ParamText.parse(info.type(), text));
    }

    private static LayerSpec with(LayerSpec spec, List<String> path, Object value) {
        LayerKind kind = LayerKinds.of(spec);
        Map<String, Object> values = new LinkedHashMap<>(kind.values(spec));
        String head = path.get(0);
        values.put(head, path.size() == 1 ? value
                : with((LayerSpec) values.get(head), path.subList(1, path.size()), value));
        return kind.create(values);
    }
}
