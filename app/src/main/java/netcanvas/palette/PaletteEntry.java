package netcanvas.palette;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.LayerSpec;

/**
 * One thing the palette offers: a layer kind with its defaults, or a named variant of a kind with other defaults
 * (ResNeXt is a bottleneck block with grouped convolutions; the record declares its variants with
 * {@link netcanvas.graph.Kind}). Variants are built through {@link LayerKind#create},
 * so the kind stays the only declaration of its parameters.
 *
 * @param name      palette id ("conv2d", "resnext")
 * @param title     what the palette shows
 * @param overrides parameter values that differ from the kind's defaults
 */
public record PaletteEntry(String name, String title, LayerKind kind, Map<String, Object> overrides,
        String note) {

    /** Every kind, with the variants placed right after the kind they vary. */
    public static List<PaletteEntry> all() {
        List<PaletteEntry> out = new ArrayList<>();
        for (LayerKind k : LayerKinds.ALL) {
            out.add(new PaletteEntry(k.name(), k.title(), k, Map.of(), ""));
            for (LayerKind.Variant v : k.variants()) {
                out.add(new PaletteEntry(v.name(), v.title(), k, v.values(), v.note()));
            }
        }
        return out;
    }

    /** A new spec for this entry. */
    public LayerSpec create() {
        return overrides.isEmpty() ? kind.createDefault() : kind.create(overrides);
    }
}
