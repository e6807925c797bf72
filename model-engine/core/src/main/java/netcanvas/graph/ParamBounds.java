package netcanvas.graph;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The one check of parameter values against their {@link Param} declarations (type and bounds). The records'
 * constructors, the JSON reader and the inspector (through {@link LayerKind#create}) all ask here, so a bound is
 * written once, on the record component, and worded the same everywhere.
 */
public final class ParamBounds {

    private static final ClassValue<List<LayerKind.ParamInfo>> PARAMS = new ClassValue<>() {
        @Override
        protected List<LayerKind.ParamInfo> computeValue(Class<?> type) {
            return declared(type);
        }
    };

    private ParamBounds() {
    }

    /** The parameters a record declares, in component order; each component must carry {@link Param}. */
    static List<LayerKind.ParamInfo> declared(Class<?> type) {
        List<LayerKind.ParamInfo> list = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Param meta = c.getAnnotation(Param.class);
            if (meta == null) {
                throw new IllegalStateException(type.getSimpleName() + "." + c.getName() + " lacks @Param");
            }
            list.add(new LayerKind.ParamInfo(c.getName(), c.getType(), meta));
        }
        return List.copyOf(list);
    }

    /**
     * Checks the values of a record being constructed, given in component order (a compact constructor passes its
     * parameters: {@code ParamBounds.check(Conv2d.class, outChannels, kernel, ...)}).
     *
     * @throws IllegalArgumentException naming the first parameter whose value is missing, of the wrong type or out of
     *                                  its bounds
     */
    public static void check(Class<? extends LayerSpec> type, Object... values) {
        List<LayerKind.ParamInfo> params = PARAMS.get(type);
        if (values.length != params.size()) {
            throw new IllegalStateException(type.getSimpleName() + " has " + params.size() + " parameters, "
                    + values.length + " were checked");
        }
        for (int i = 0; i < values.length; i++) {
            check(params.get(i), values[i]);
        }
    }

    /**
     * Checks one value; returns it unchanged.
     *
     * @throws IllegalArgumentException {@code parameter "name" } followed by {@link #problem}'s words
     */
    public static Object check(LayerKind.ParamInfo p, Object value) {
        String problem = problem(p, value);
        if (problem != null) {
            throw new IllegalArgumentException("parameter \"" + p.name() + "\" " + problem);
        }
        return value;
    }

    /**
     * What is wrong with this value for this parameter ("is missing", "must be an integer", "must be from 1 to
     * 2147483647, got 0"), or null when it is allowed. Pairs are checked component by component.
     */
    public static String problem(LayerKind.ParamInfo p, Object v) {
        Class<?> t = p.type();
        if (v == null) {
            return "is missing";
        }
        if (t == int.class) {
            return v instanceof Integer i ? outside(p.meta(), i) : "must be an integer";
        }
        if (t == double.class) {
            return v instanceof Double d ? outside(p.meta(), d) : "must be a number";
        }
        if (t == boolean.class) {
            return v instanceof Boolean ? null : "must be true or false";
        }
        if (t == String.class) {
            if (!(v instanceof String s)) {
                return "must be a name";
            }
            List<String> choices = List.of(p.meta().choices());
            return choices.isEmpty() || choices.contains(s) ? null
                    : "must be one of " + String.join(", ", choices) + ", got \"" + s + "\"";
        }
        if (t == Hw.class) {
            if (!(v instanceof Hw hw)) {
                return "must be a pair [h, w]";
            }
            String h = outside(p.meta(), hw.h());
            return h != null ? h : outside(p.meta(), hw.w());
        }
        if (t == Padding.class) {
            if (!(v instanceof Padding pad)) {
                return "must be a pair [h, w] or \"same\"";
            }
            if (pad.same()) {
                return null;
            }
            String h = outside(p.meta(), pad.h());
            return h != null ? h : outside(p.meta(), pad.w());
        }
        if (t == LayerSpec.class) {
            return v instanceof LayerSpec ? null : "must be a layer or block";
        }
        throw new IllegalStateException("no check for parameters of type " + t.getSimpleName());
    }

    /** Null when min <= value <= max (NaN never is), else the words saying so. */
    private static String outside(Param m, Number value) {
        double d = value.doubleValue();
        if (d >= m.min() && d <= m.max()) {
            return null;
        }
        return "must be from " + number(m.min()) + " to " + number(m.max()) + ", got " + value;
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
