package netcanvas.graph;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything generic code needs to know about one layer kind: its file name, palette entry, formula tooltip and
 * parameters. Parameters are read from the record's components, so the record is their only declaration.
 */
public final class LayerKind {

    /** One parameter: its record component name, value type and annotation. */
    public record ParamInfo(String name, Class<?> type, Param meta) {
        /**
         * The default value in the type's Java form, or null when there is none (nested block) or it is another
         * parameter's value ({@link #sameAs}).
         */
        public Object defaultValue() {
            return meta.defaultValue().isEmpty() || sameAs() != null ? null
                    : ParamText.parse(type, meta.defaultValue());
        }

        /**
         * The earlier parameter whose value is this one's default ({@code defaultValue = "=kernel"}: a pool's stride
         * is its kernel size unless given, as in PyTorch), or null.
         */
        public String sameAs() {
            return meta.defaultValue().startsWith("=") ? meta.defaultValue().substring(1) : null;
        }
    }

    private final String name;
    private final String title;
    private final Category category;
    private final String formula;
    private final Class<? extends LayerSpec> type;
    private final List<ParamInfo> params;
    private final Constructor<? extends LayerSpec> constructor;
    private final Kind.Variant[] variants;

    LayerKind(Kind kind, Class<? extends LayerSpec> type) {
        this.name = kind.json();
        this.title = kind.title();
        this.category = kind.category();
        this.formula = kind.formula();
        this.type = type;
        this.variants = kind.variants();
        this.params = ParamBounds.declared(type);
        Class<?>[] types = params.stream().map(ParamInfo::type).toArray(Class<?>[]::new);
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Name in files ("conv2d"). */
    public String name() {
        return name;
    }

    /** Name for people ("Conv2d"). */
    public String title() {
        return title;
    }

    public Category category() {
        return category;
    }

    /** The shape and cost formula, for tooltips. */
    public String formula() {
        return formula;
    }

    public Class<? extends LayerSpec> type() {
        return type;
    }

    public boolean composite() {
        return CompositeSpec.class.isAssignableFrom(type);
    }

    public List<ParamInfo> params() {
        return params;
    }

    /**
     * The palette's variants of this kind ({@link Kind#variants}): each a palette id, title, note and the parameter
     * values that differ from the defaults.
     */
    public List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        for (Kind.Variant v : variants) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String nameValue : v.values()) {
                int eq = nameValue.indexOf('=');
                ParamInfo p = params.get(index(nameValue.substring(0, eq)));
                values.put(p.name(), ParamText.parse(p.type(), nameValue.substring(eq + 1)));
            }
            out.add(new Variant(v.name(), v.title(), Map.copyOf(values), v.note()));
        }
        return out;
    }

    /** A named palette variant: this kind with {@code values} instead of their defaults. */
    public record Variant(String name, String title, Map<String, Object> values, String note) {
    }

    /** The parameter values of a spec of this kind, in declaration order. */
    public Map<String, Object> values(LayerSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        RecordComponent[] components = type.getRecordComponents();
        for (RecordComponent c : components) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(spec));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    /**
     * Builds a spec from values by parameter name; missing values take their defaults.
     *
     * @throws IllegalArgumentException naming the parameter when a value is missing, of the wrong type or out of
     *                                  range
     */
    public LayerSpec create(Map<String, ?> values) {
        Object[] args = new Object[params.size()];
        for (int i = 0; i < params.size(); i++) {
            ParamInfo p = params.get(i);
            Object v = values.containsKey(p.name()) ? values.get(p.name())
                    : p.sameAs() != null ? args[index(p.sameAs())] : p.defaultValue();
            if (v == null) {
                throw new IllegalArgumentException("parameter \"" + p.name() + "\" is missing");
            }
            args[i] = ParamBounds.check(p, v);
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException(cause.getMessage(), cause);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private int index(String param) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(param)) {
                return i;
            }
        }
        throw new IllegalStateException(type.getSimpleName() + " defaults to the unknown parameter " + param);
    }

    /**
     * A spec of this kind with every parameter at its default, and a parameter files must give at its
     * {@link Param#example} (for the palette and for tests that iterate the kinds).
     */
    public LayerSpec createDefault() {
        return createDefault(Map.of());
    }

    /** {@link #createDefault()} with some values given. */
    public LayerSpec createDefault(Map<String, ?> values) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        for (ParamInfo p : params) {
            String example = p.meta().example();
            if (!example.isEmpty() && !m.containsKey(p.name())) {
                m.put(p.name(), p.type() == LayerSpec.class ? LayerKinds.named(example).createDefault()
                        : ParamText.parse(p.type(), example));
            }
        }
        return create(m);
    }

    @Override
    public String toString() {
        return name;
    }
}
