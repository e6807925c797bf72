package netcanvas.palette;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import org.junit.jupiter.api.Test;

/** Every layer kind ships its own icon (icons/KIND.svg), in the palette's style: a 24x24 outline of stroked paths. */
class IconsTest {

    @Test
    void everyKindHasAnOutlineIcon() throws Exception {
        for (LayerKind k : LayerKinds.ALL) {
            assertTrue(Icons.exists(k), "icons/" + k.name() + ".svg is missing");
            try (InputStream in = Icons.class.getResourceAsStream("/netcanvas/icons/" + k.name() + ".svg")) {
                assertNotNull(in, k.name());
                String svg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(svg.contains("viewBox=\"0 0 24 24\"") && svg.contains("fill=\"none\"")
                        && svg.contains("stroke=\"currentColor\""), k.name() + ": " + svg);
                assertTrue(svg.matches("(?s).*\\sd=\"M[^\"]+\".*"), k.name() + " has no path: " + svg);
            }
        }
    }
}
