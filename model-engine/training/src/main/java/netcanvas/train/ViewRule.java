package netcanvas.train;

import org.nd4j.autodiff.samediff.internal.SameDiffOp;

/**
 * Which operations a plan does not run but replaces by a view of one of their inputs ({@link AliasRules} for a
 * training step, {@link ForwardPass}'s own rules for inference), for {@link Liveness} to follow views to the array
 * they share.
 */
@FunctionalInterface
interface ViewRule {
    /** The input whose array all of the operation's outputs are views of, or null when the operation runs. */
    String viewSourceOf(SameDiffOp op);
}
