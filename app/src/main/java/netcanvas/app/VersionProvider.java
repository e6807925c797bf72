package netcanvas.app;

import picocli.CommandLine.IVersionProvider;

/** The version Maven writes into the jar's manifest; a build from the IDE or test classes has none. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"NetCanvas " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
