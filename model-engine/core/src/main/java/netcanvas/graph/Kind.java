package netcanvas.graph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A layer kind's identity, on the record that is the kind: its name in files, its name for people, its palette group
 * and its formula tooltip. {@link LayerKinds} finds every record of the sealed {@link LayerSpec} hierarchy and reads
 * this, so a kind is registered by existing; a record without it fails the registry's start-up (and every test).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Kind {
    /** Name in files ("conv2d"); also the icon's file name (icons/conv2d.svg). */
    String json();

    /** Name for people ("Conv2d"). */
    String title();

    Category category();

    /** The shape and cost formula, for tooltips. */
    String formula();

    /**
     * Named variants the palette offers right after the kind: the same record with other defaults (ResNeXt is a
     * bottleneck block with grouped convolutions).
     */
    Variant[] variants() default {};

    /** A palette variant of a kind. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Variant {
        /** Palette id ("resnext"). */
        String name();

        String title();

        /** Parameter values that differ from the kind's defaults, as "name=text" in the JSON's textual form. */
        String[] values();

        /** One sentence for the palette's tooltip. */
        String note();
    }
}
