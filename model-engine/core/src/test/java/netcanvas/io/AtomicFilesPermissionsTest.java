package netcanvas.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes go through an owner-only temporary file; the result must still be an ordinary file. */
class AtomicFilesPermissionsTest {

    @Test
    void newFileIsReadableByOthers(@TempDir Path dir) throws Exception {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "POSIX file system");
        Path f = dir.resolve("net.json");
        AtomicFiles.writeString(f, "{}");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("{}", Files.readString(f));
    }

    @Test
    void replacedFileKeepsItsPermissions(@TempDir Path dir) throws Exception {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "POSIX file system");
        Path f = dir.resolve("train.py");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
        AtomicFiles.writeString(f, "new");
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("new", Files.readString(f));
    }
}
