package netcanvas.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netcanvas.graph.Conv2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesTest {

    @Test
    void autosaveLeavesARecoveryFileUntilAcleanExit(@TempDir Path dir) throws Exception {
        Autosave a = new Autosave(dir.resolve("sub/recovery.json"));
        assertNull(a.pending(), "nothing to recover at first");
        Network n = new NetBuilder("wip").input(1, 8, 8).then("c", Conv2d.of(2, 3, 1, 0, true)).build();
        a.write(n);
        assertEquals(n, a.pending(), "the next start finds the unsaved network");
        a.clear();
        assertNull(a.pending());
    }

    @Test
    void aBrokenRecoveryFileIsIgnored(@TempDir Path dir) throws Exception {
        Autosave a = new Autosave(dir.resolve("recovery.json"));
        Files.writeString(a.file(), "{ not json");
        assertNull(a.pending());
    }

    @Test
    void recentFilesKeepTheNewestFirstWithoutRepeats(@TempDir Path dir) {
        RecentFiles r = new RecentFiles(dir.resolve("recent.txt"));
        assertEquals(List.of(), r.list());
        for (int i = 0; i < 12; i++) {
            r.touch(dir.resolve("n" + i + ".json"));
        }
        r.touch(dir.resolve("n5.json"));
        List<Path> l = r.list();
        assertEquals(RecentFiles.LIMIT, l.size());
        assertEquals(dir.resolve("n5.json").toAbsolutePath(), l.get(0));
        assertEquals(dir.resolve("n11.json").toAbsolutePath(), l.get(1));
        assertFalse(l.contains(dir.resolve("n0.json").toAbsolutePath()), "the oldest fell off");
        assertTrue(l.stream().distinct().count() == l.size());
    }
}
