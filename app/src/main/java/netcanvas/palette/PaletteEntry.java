package netcanvas.palette;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.LayerSpec;

/**
 * One thing the palette offers: a layer kind with its defaults, or a named variant of a kind with other defaults
 * (ResNeXt is a bottleneck block with grouped convolutions). Variants are built through {@link LayerKind#create},
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
            if (k.name().equals("residual_bottleneck")) {
                // ResNeXt-50 (32x4d)'s first block: 32 groups of 4 channels in a 128-wide 3x3, out 256
                out.add(new PaletteEntry("resnext", "ResNeXt block", k, Map.of("width", 128, "groups", 32),
                        "a bottleneck whose 3x3 convolution is split into 32 groups (cardinality)"));
            }
        }
        return out;
    }

    /** A new spec for this entry. */
    public LayerSpec create() {
        return overrides.isEmpty() ? kind.createDefault() : kind.create(overrides);
    }
}
