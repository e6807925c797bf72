package netcanvas.app;

import netcanvas.export.TestNetworks;
import netcanvas.graph.Network;
import netcanvas.io.NetworkFormatException;
import netcanvas.presets.Presets;

/** Networks the UI tests open. */
final class Nets {
    private Nets() {
    }

    /** torchvision's resnet50, the engine's shared test network (the core's test-jar). */
    static Network resnet50() {
        return TestNetworks.resnet50();
    }

    /** The shipped preset when this build has it, else the same network built here. */
    static Network resnet50PresetOrBuilt() {
        try {
            return Presets.load("resnet50");
        } catch (NetworkFormatException e) {
            return resnet50();
        }
    }

    static boolean presetShipped(String name) {
        return Presets.class.getResource("/netcanvas/presets/" + name + ".json") != null;
    }
}
