package netcanvas.train.ops;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place that reaches into ND4J's private state: it registers NetCanvas's renamed op classes with nd4j's
 * class holder, whose lookup tables are private fields. Written for, and tested against, nd4j {@value #WRITTEN_FOR}
 * ({@code OpRegistryTest} fails on any other version, so that an upgrade re-checks this code first).
 */
public final class OpRegistry {
    /** The nd4j version whose private fields this class reads. */
    public static final String WRITTEN_FOR = "1.0.0-M2.1";

    static {
        register("batchnorm", BatchNormForward.NAME, BatchNormForward.class);
        register("moments", BatchMoments.NAME, BatchMoments.class);
        register("batchnorm_bp", BatchNormBackward.NAME, BatchNormBackward.class);
        register("relu", FastRelu.NAME, FastRelu.class);
    }

    private OpRegistry() {
    }

    /** Registers the op classes (once; later calls do nothing). */
    public static void ensureRegistered() {
        // The static initialiser has run by the time this returns.
    }

    static long hash(String nativeOp) {
        return descriptor(nativeOp).getHash();
    }

    static CustomOpDescriptor descriptor(String nativeOp) {
        return Nd4j.getExecutioner().getCustomOperations().get(nativeOp);
    }

    /** A native op on fixed arrays, prepared once and run each step. */
    static DynamicCustomOp call(String op, INDArray[] inputs, INDArray output) {
        return DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(output).build();
    }

    static void register(String nativeOp, String name, Class<?> cls) {
        try {
            DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
            Field single = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClass");
            Field byName = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClasses");
            single.setAccessible(true);
            byName.setAccessible(true);
            Map<Long, Class<?>> one = (Map<Long, Class<?>>) single.get(holder);
            Map<Long, Map<String, Class<?>>> many = (Map<Long, Map<String, Class<?>>>) byName.get(holder);
            long h = hash(nativeOp);
            Map<String, Class<?>> names = many.computeIfAbsent(h, k -> new HashMap<>());
            if (one.containsKey(h)) {
                names.putIfAbsent(nativeOp, one.get(h));
            }
            names.put(name, cls);
            many.computeIfAbsent(0L, k -> new HashMap<>()).put(name, cls);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot register the fused batch-norm ops with nd4j " + e, e);
        }
    }
}
