/**
 * Where the canvas draws its edges and their shape labels, as pure geometry (no JavaFX): every edge runs
 * orthogonally from its source's bottom port to its slot on the target's top, never through a box it does not join,
 * and every label sits where it covers no box and no other label. After Auto-layout the routes are ELK's own
 * ({@link netcanvas.canvas.routing.RouteMemory}); edges whose boxes were moved by hand since are routed around the
 * boxes by {@link netcanvas.canvas.routing.OrthogonalRouter}.
 */
package netcanvas.canvas.routing;
