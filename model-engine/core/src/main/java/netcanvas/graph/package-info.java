/**
 * The network graph and its layer kinds. Each kind is one immutable record, and the record is the kind's one home:
 * its identity ({@link netcanvas.graph.Kind}: file name, title, palette category, formula tooltip, palette
 * variants), its parameters with their labels, defaults and bounds ({@link netcanvas.graph.Param}, checked by
 * {@link netcanvas.graph.ParamBounds} in the constructor, the JSON reader and the inspector alike), its arity,
 * shape, cost, explanation and receptive-field window, and the hints its lowerings ask of it
 * ({@link netcanvas.graph.PrimitiveSpec#initHint}, {@link netcanvas.graph.PrimitiveSpec#flattensInput}).
 * {@link netcanvas.graph.LayerKinds} is derived from the sealed hierarchy, never edited.
 *
 * <h2>Adding a primitive layer kind</h2>
 * <ol>
 *   <li>The record in this package: {@code @Kind(json = "...", title = "...", category = ..., formula = "...")},
 *       each component {@code @Param(label, defaultValue, min, max, help)} (a parameter files must give has an
 *       {@code example} instead of a default; a name has its {@code choices}), a compact constructor that starts with
 *       {@code ParamBounds.check(TheKind.class, a, b, ...)} (then only checks bounds cannot say), and
 *       {@code outputShape}, {@code cost}, {@code explain}, {@code keyParams}, {@code accept}; override
 *       {@code minInputs}/{@code maxInputs}, {@code window}, {@code initHint} or {@code flattensInput} where the
 *       defaults (one input, pointwise, no init hint, no flatten) do not hold.</li>
 *   <li>Its name in the {@code permits} clause of {@link netcanvas.graph.PrimitiveSpec} (or of
 *       {@link netcanvas.graph.Elementwise} / {@link netcanvas.graph.Pooling}); the clause's order is the palette's
 *       order within a category.</li>
 *   <li>A {@code visit} method in {@link netcanvas.graph.PrimitiveVisitor}: the compiler then names every lowering
 *       still missing: {@code train/SameDiffCompiler}, {@code export/TorchModules}, {@code onnx/OnnxExporter} (and
 *       the ONNX importer where an ONNX op maps onto the kind).</li>
 *   <li>Its icon, {@code icons/JSON-NAME.svg}: a 24x24 outline of stroked paths.</li>
 *   <li>A test of its rules against independently known values in {@code PrimitiveRulesTest}. Everything else is
 *       tested by the kind existing: {@code EveryKindTest} (icon, formula, explanation, SameDiff lowering with the
 *       analysis's parameter count, PyTorch and ONNX export), the gradient check and the random networks of the
 *       differential test iterate the registry, using the kind's defaults (made small for finite differences) or
 *       random values within its bounds. Where a test needs other values than the defaults, it says why.</li>
 * </ol>
 * A block is the same with {@link netcanvas.graph.CompositeSpec} and {@code expand} instead of the rules and the
 * visitor: it has no lowering of its own, only its expansion.
 */
package netcanvas.graph;
