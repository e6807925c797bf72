package netcanvas.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The closed registry of layer kinds: what can appear in a network file or on the palette. It is derived from the
 * sealed {@link LayerSpec} hierarchy (every record reached through the {@code permits} clauses, in their order, is a
 * kind, described by its {@link Kind} annotation), so it cannot fall out of step with the records.
 */
public final class LayerKinds {

    /** Every kind, in the order of the permits clauses (the palette's order within a category). */
    public static final List<LayerKind> ALL = derive();

    private static final Map<String, LayerKind> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, LayerKind> BY_TYPE = new LinkedHashMap<>();

    static {
        for (LayerKind k : ALL) {
            if (BY_NAME.put(k.name(), k) != null) {
                throw new IllegalStateException("two layer kinds are named \"" + k.name() + "\"");
            }
            BY_TYPE.put(k.type(), k);
        }
    }

    private LayerKinds() {
    }

    private static List<LayerKind> derive() {
        List<LayerKind> kinds = new ArrayList<>();
        collect(LayerSpec.class, kinds);
        return List.copyOf(kinds);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Class<?> type, List<LayerKind> into) {
        if (type.isRecord()) {
            Kind k = type.getAnnotation(Kind.class);
            if (k == null) {
                throw new IllegalStateException(type.getSimpleName() + " is a layer record without @Kind: give it"
                        + " its file name, title, category and formula");
            }
            into.add(new LayerKind(k, (Class<? extends LayerSpec>) type));
            return;
        }
        Class<?>[] subs = type.getPermittedSubclasses();
        if (subs == null) {
            throw new IllegalStateException(type.getName() + " is neither a record nor sealed: a layer kind must be"
                    + " a record reached through the permits clauses of LayerSpec");
        }
        for (Class<?> s : subs) {
            collect(s, into);
        }
    }

    /** The kind with this file name, or null. */
    public static LayerKind named(String name) {
        return BY_NAME.get(name);
    }

    public static LayerKind of(Class<?> type) {
        LayerKind k = BY_TYPE.get(type);
        if (k == null) {
            throw new IllegalStateException(type.getName() + " is not a layer kind (a record permitted by LayerSpec)");
        }
        return k;
    }

    public static LayerKind of(LayerSpec spec) {
        return of(spec.getClass());
    }

    /** All kind names, for messages that list what is allowed. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
