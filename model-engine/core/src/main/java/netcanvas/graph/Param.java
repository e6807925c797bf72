package netcanvas.graph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one parameter of a layer kind on the record component that holds it. The JSON reader, the inspector and
 * the palette all read parameters from here, so a kind's parameters are declared exactly once; {@link ParamBounds}
 * checks values against these bounds wherever a spec is made.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {
    /** Human label, e.g. "Out channels". */
    String label();

    /** Default when the JSON omits the field, in the JSON's textual form ("1", "3x3", "same", "true", "1e-5"). */
    String defaultValue() default "";

    /**
     * For a parameter files must give (no default): the value the palette and tests start from, in the same textual
     * form; a nested block is named by its kind ("residual_basic"), made at its defaults.
     */
    String example() default "";

    /** Smallest allowed value (each component of a pair), inclusive. */
    double min() default 0;

    /** Largest allowed value (each component of a pair), inclusive. */
    double max() default Integer.MAX_VALUE;

    /** The allowed values of a name (String) parameter, when only some are; empty for any. */
    String[] choices() default {};

    /** One sentence for tooltips. */
    String help() default "";
}
