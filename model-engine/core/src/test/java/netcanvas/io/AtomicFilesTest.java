package netcanvas.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The atomic writer writes regular files only: FIFOs, sockets and folders are refused and left as they are,
 * character devices are written through, symbolic links have their target replaced, read-only files are kept.
 * Every special file here is a real one, made with mkfifo, mknod or a bound socket; none of these tests skips.
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    /** A character device of our own (/dev/null's numbers) when we may make one (root), else /dev/null itself. */
    private Path characterDevice() throws Exception {
        Path node = dir.resolve("null-device");
        Process p = new ProcessBuilder("mknod", node.toString(), "c", "1", "3").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() == 0) {
            return node;
        }
        // without root, mknod is refused, and so is replacing anything in /dev: /dev/null is safe to try
        assertTrue(ProcessHandle.current().info().user().map(u -> !u.equals("root")).orElse(true),
                "mknod failed although running as root");
        return Path.of("/dev/null");
    }

    @Test
    void regularFilesAreCreatedAndReplaced() throws Exception {
        Path f = dir.resolve("sub/out.py");
        AtomicFiles.writeString(f, "one");
        assertEquals("one", Files.readString(f));
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        assertEquals(List.of("out.py"), names(f.getParent()), "no temporary file is left behind");
    }

    @Test
    void aFifoIsRefusedNotReplacedAndNotOpened() throws Exception {
        Path fifo = dir.resolve("pipe");
        run("mkfifo", fifo.toString());
        assertEquals(AtomicFiles.Kind.FIFO, AtomicFiles.kind(fifo));
        // opening a FIFO to write would block until a reader comes: the refusal must come at once
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(AtomicFiles.RefusedTarget.class, () -> AtomicFiles.writeString(fifo, "x")));
        assertTrue(e.getMessage().startsWith(fifo + " is a FIFO (named pipe), not a regular file"), e.getMessage());
        assertTrue(e.getMessage().contains("give a regular file's path"), e.getMessage());
        assertEquals(AtomicFiles.Kind.FIFO, AtomicFiles.kind(fifo), "still a FIFO");
        assertThrows(AtomicFiles.RefusedTarget.class, () -> AtomicFiles.checkTarget(fifo));
        // through a symbolic link too
        Path link = Files.createSymbolicLink(dir.resolve("to-pipe"), fifo);
        assertThrows(AtomicFiles.RefusedTarget.class, () -> AtomicFiles.writeString(link, "x"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of("pipe", "to-pipe"), names(dir));
    }

    @Test
    void aSocketIsRefused() throws Exception {
        Path socket = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertEquals(AtomicFiles.Kind.SOCKET, AtomicFiles.kind(socket));
            IOException e = assertThrows(AtomicFiles.RefusedTarget.class, () -> AtomicFiles.writeString(socket, "x"));
            assertTrue(e.getMessage().startsWith(socket + " is a socket, not a regular file"), e.getMessage());
            assertEquals(AtomicFiles.Kind.SOCKET, AtomicFiles.kind(socket));
        }
    }

    @Test
    void aCharacterDeviceIsWrittenThroughAndStaysADevice() throws Exception {
        Path device = characterDevice();
        assertEquals(AtomicFiles.Kind.CHARACTER_DEVICE, AtomicFiles.kind(device));
        AtomicFiles.writeString(device, "discarded");
        assertEquals(AtomicFiles.Kind.CHARACTER_DEVICE, AtomicFiles.kind(device), "not replaced by a regular file");
        assertEquals(0, Files.readAllBytes(device).length, "a null device reads empty");
        // as /dev/stdout is a link to the terminal's device: the link and the device both stay
        Path link = Files.createSymbolicLink(dir.resolve("stdout"), device);
        AtomicFiles.writeString(link, "discarded");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(AtomicFiles.Kind.CHARACTER_DEVICE, AtomicFiles.kind(device));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void aFolderIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("out"));
        Files.writeString(folder.resolve("keep.txt"), "kept");
        IOException e = assertThrows(AtomicFiles.RefusedTarget.class, () -> AtomicFiles.writeString(folder, "x"));
        assertTrue(e.getMessage().startsWith(folder + " is a folder, not a file"), e.getMessage());
        assertTrue(Files.isDirectory(folder));
        assertEquals("kept", Files.readString(folder.resolve("keep.txt")));
        Path link = Files.createSymbolicLink(dir.resolve("to-out"), folder);
        assertThrows(AtomicFiles.RefusedTarget.class, () -> AtomicFiles.writeString(link, "x"));
        // a file where a folder of the path should be
        Path file = Files.writeString(dir.resolve("plain"), "plain");
        IOException under = assertThrows(AtomicFiles.RefusedTarget.class,
                () -> AtomicFiles.writeString(file.resolve("a/b.py"), "x"));
        assertTrue(under.getMessage().contains(file + " is a file, not a folder"), under.getMessage());
        assertEquals("plain", Files.readString(file));
    }

    @Test
    void aSymbolicLinkHasItsTargetReplacedAndStaysALink() throws Exception {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("model.py"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("model.py"), Path.of("real/model.py")); // relative
        AtomicFiles.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
        assertEquals(Path.of("real/model.py"), Files.readSymbolicLink(link));
        assertEquals("new", Files.readString(real));
        assertEquals(List.of("model.py"), names(real.getParent()), "the temporary file was made beside the target");

        // a chain of two links
        Path second = Files.createSymbolicLink(dir.resolve("alias.py"), link);
        AtomicFiles.writeString(second, "newer");
        assertTrue(Files.isSymbolicLink(second) && Files.isSymbolicLink(link));
        assertEquals("newer", Files.readString(real));

        // a dangling link: its target is created, as a shell's '>' would
        Path dangling = Files.createSymbolicLink(dir.resolve("later.py"), dir.resolve("made/later.py"));
        AtomicFiles.writeString(dangling, "made");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(dir.resolve("made/later.py")));
    }

    @Test
    void aReadOnlyFileIsKept() throws Exception {
        Path f = Files.writeString(dir.resolve("frozen.json"), "precious");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        // refused even for root, who may write anything
        IOException e = assertThrows(AtomicFiles.RefusedTarget.class, () -> AtomicFiles.writeString(f, "x"));
        assertTrue(e.getMessage().startsWith(f + " is read-only"), e.getMessage());
        assertEquals("precious", Files.readString(f));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertThrows(AtomicFiles.RefusedTarget.class, () -> AtomicFiles.checkTarget(f));
        // and through a link to it
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), f);
        assertThrows(AtomicFiles.RefusedTarget.class, () -> AtomicFiles.writeString(link, "x"));
        assertEquals("precious", Files.readString(f));
    }

    @Test
    void staleTemporariesOfTheTargetAreRemovedOnTheNextSave() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        assertFalse(ProcessHandle.of(dead).map(ProcessHandle::isAlive).orElse(false));
        long self = ProcessHandle.current().pid();
        Path deadTemp = Files.writeString(dir.resolve(".out.txt.netcanvas-" + dead + "-k3j.tmp"), "half");
        Path oldTemp = Files.writeString(dir.resolve(".out.txt.netcanvas-" + self + "-old.tmp"), "half");
        Files.setLastModifiedTime(oldTemp, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path liveTemp = Files.writeString(dir.resolve(".out.txt.netcanvas-" + self + "-busy.tmp"), "being written");
        Path otherTarget = Files.writeString(dir.resolve(".other.txt.netcanvas-" + dead + "-x.tmp"), "not ours");
        Path unrelated = Files.writeString(dir.resolve("out.txt.bak"), "backup");

        AtomicFiles.writeString(dir.resolve("out.txt"), "done");
        assertEquals("done", Files.readString(dir.resolve("out.txt")));
        assertFalse(Files.exists(deadTemp), "left by a process that is gone");
        assertFalse(Files.exists(oldTemp), "over an hour old");
        assertTrue(Files.exists(liveTemp), "a save in progress in a live process is left alone");
        assertTrue(Files.exists(otherTarget), "another target's temporary is that target's business");
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void sameFileSeesThroughLinksAndNames() throws Exception {
        Path design = Files.writeString(dir.resolve("d.json"), "{}");
        assertTrue(AtomicFiles.sameFile(design, design));
        Files.createDirectories(dir.resolve("x"));
        assertTrue(AtomicFiles.sameFile(dir.resolve("x/../d.json"), design));
        assertTrue(AtomicFiles.sameFile(Files.createSymbolicLink(dir.resolve("l.json"), design), design));
        assertTrue(AtomicFiles.sameFile(Files.createLink(dir.resolve("hard.json"), design), design));
        assertFalse(AtomicFiles.sameFile(dir.resolve("new.json"), design));
        assertFalse(AtomicFiles.sameFile(Files.writeString(dir.resolve("other.json"), "{}"), design));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
