package netcanvas.train.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.Properties;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.junit.jupiter.api.Test;

/**
 * OpRegistry writes into private fields of nd4j's class holder. This pins the nd4j version it was written for, so an
 * upgrade fails here first (re-read the holder's fields, then update WRITTEN_FOR), and checks what the registration
 * promises: nd4j's lookup by native hash and name finds NetCanvas's classes under their names and still finds its
 * own classes under the native names.
 */
class OpRegistryTest {

    @Test
    void writtenForTheNd4jOnTheClassPath() throws Exception {
        Properties p = new Properties();
        try (InputStream in = DifferentialFunctionClassHolder.class.getResourceAsStream(
                "/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            p.load(in);
        }
        assertEquals(OpRegistry.WRITTEN_FOR, p.getProperty("version"),
                "OpRegistry reads private fields of this nd4j's DifferentialFunctionClassHolder: check them, then"
                        + " update WRITTEN_FOR");
    }

    @Test
    void lookupsFindTheRenamedClassesAndKeepTheStandardOnes() {
        OpRegistry.ensureRegistered();
        DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
        assertEquals(BatchNormForward.class, holder.customOpClassForHashAndName(OpRegistry.hash("batchnorm"),
                BatchNormForward.NAME));
        assertEquals(BatchNormBackward.class, holder.customOpClassForHashAndName(OpRegistry.hash("batchnorm_bp"),
                BatchNormBackward.NAME));
        assertEquals(BatchMoments.class, holder.customOpClassForHashAndName(OpRegistry.hash("moments"),
                BatchMoments.NAME));
        assertEquals(FastRelu.class, holder.customOpClassForHashAndName(OpRegistry.hash("relu"), FastRelu.NAME));
        // FlatBuffers writes hash 0 for a name libnd4j does not know: the name alone must find the class.
        assertEquals(BatchNormBackward.class, holder.customOpClassForHashAndName(0, BatchNormBackward.NAME));
        // nd4j's own ops are still found under the native names.
        assertEquals(org.nd4j.linalg.api.ops.impl.layers.convolution.BatchNorm.class,
                holder.customOpClassForHashAndName(OpRegistry.hash("batchnorm"), "batchnorm"));
    }
}
