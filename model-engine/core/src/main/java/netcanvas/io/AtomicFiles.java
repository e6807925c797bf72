package netcanvas.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes output files so that a crash mid-write never leaves a half-written file where the old one was: the bytes go
 * to a temporary file beside the target ({@code .NAME.netcanvas-PID-RANDOM.tmp}), which is flushed to disk, renamed
 * over the target in one step, and the folder flushed after the rename.
 *
 * <p>What it writes to, and what it refuses:
 * <ul>
 * <li>a regular file or a new path: replaced or created as above; a read-only file (no write permission bit, or not
 * writable by this user) is refused, never replaced, as a shell's {@code >} refuses it;
 * <li>a symbolic link: the file it points to is replaced (created when the link dangles); the link stays a link;
 * <li>a character device ({@code /dev/null}, a terminal, {@code /dev/stdout} on a terminal): written through, as a
 * shell's {@code >} would, without a temporary file; a device has no old content to protect;
 * <li>a folder, a FIFO (named pipe), a socket or a block device: refused with {@link RefusedTarget}, a message
 * that names the path, what it is, and what to give instead. (Replacing them was how {@code -o /dev/null} run as
 * root once replaced the machine's /dev/null with a regular file.)
 * </ul>
 * Temporary files left by an interrupted save (their process is gone, or they are over an hour old) are removed by
 * the next save of the same target.
 */
public final class AtomicFiles {
    /** Temporary files older than this are stale even when their process id is in use again. */
    static final Duration STALE_AFTER = Duration.ofHours(1);
    private static final String TEMP_MARK = ".netcanvas-";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int MAX_LINKS = 40;

    // file type bits of st_mode (POSIX)
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private AtomicFiles() {
    }

    /** An output path that is not a regular file (a folder, FIFO, socket, block device), or is read-only. */
    public static final class RefusedTarget extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedTarget(String message) {
            super(message);
        }
    }

    /** What an output path holds, following symbolic links. */
    enum Kind {
        ABSENT, REGULAR, DIRECTORY, CHARACTER_DEVICE, BLOCK_DEVICE, FIFO, SOCKET, OTHER
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        Path abs = target.toAbsolutePath();
        Kind kind = check(abs);
        if (kind == Kind.CHARACTER_DEVICE) {
            // as a shell's '>': open the device and write; it has nothing to replace
            try (OutputStream out = Files.newOutputStream(abs, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(bytes);
            }
            return;
        }
        Path file = followLinks(abs);
        Path dir = file.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        removeStaleTemporaries(file);
        Path tmp = dir.resolve("." + file.getFileName() + TEMP_MARK + ProcessHandle.current().pid() + "-"
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            keepOrdinaryPermissions(tmp, file);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Marks of a folder being written ({@link #writeFolder}) and of the folder it replaces, kept aside. */
    private static final String TEMP_FOLDER_SUFFIX = ".tmpdir";
    private static final String ASIDE_SUFFIX = ".old";

    /**
     * Replaces a folder with one holding exactly these files, as one unit: the files are written and flushed into a
     * new folder beside it ({@code .NAME.netcanvas-PID-RANDOM.tmpdir}), the old folder is renamed aside
     * ({@code ....old}), the new one renamed into place, the parent folder flushed, and only then the old one
     * deleted. A crash leaves the old folder or the new one whole: between the two renames the old one waits aside,
     * and {@link #recoverFolder} (called by every later write and read of it) puts it back. Folders left by a
     * process that is gone are removed by the next write. Anything else in the old folder is not kept.
     *
     * @throws RefusedTarget when the path is a file, FIFO, device or socket
     */
    public static void writeFolder(Path target, java.util.Map<String, byte[]> files) throws IOException {
        Path dir = followLinks(target.toAbsolutePath());
        Kind kind = kind(dir);
        if (kind != Kind.ABSENT && kind != Kind.DIRECTORY) {
            throw new RefusedTarget(dir + " is not a folder: NetCanvas writes a checkpoint as a folder and will not "
                    + "replace a file with one; give a folder's path");
        }
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        recoverFolder(dir);
        removeStaleFolders(dir);
        String tag = "." + dir.getFileName() + TEMP_MARK + ProcessHandle.current().pid() + "-"
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        Path tmp = parent.resolve(tag + TEMP_FOLDER_SUFFIX);
        Path aside = parent.resolve(tag + ASIDE_SUFFIX);
        Files.createDirectory(tmp);
        try {
            for (var e : files.entrySet()) {
                // created with the umask's permissions, as any new file (not a temporary's owner-only ones)
                try (FileChannel ch = FileChannel.open(tmp.resolve(e.getKey()), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    ByteBuffer b = ByteBuffer.wrap(e.getValue());
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    ch.force(true);
                }
            }
            syncFolder(tmp);
            boolean replacing = Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
            if (replacing) {
                Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (replacing) {
                    Files.move(aside, dir, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            syncFolder(parent);
            if (replacing) {
                deleteTree(aside);
            }
        } finally {
            if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(tmp);
            }
        }
    }

    /**
     * The folder to read: {@code dir} itself, or, when a write of it was cut off between its two renames (the old
     * folder aside, the new one not yet in place), the old folder put back (or, if it cannot be moved, read where it
     * is). Only folders of processes that are gone (or over an hour old) are taken, never a live writer's.
     */
    public static Path recoverFolder(Path folder) {
        Path dir = folder.toAbsolutePath();
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || dir.getParent() == null
                || !Files.isDirectory(dir.getParent())) {
            return folder;
        }
        Path best = null;
        FileTime newest = null;
        for (Path t : temporaries(dir, ASIDE_SUFFIX)) {
            try {
                FileTime m = Files.getLastModifiedTime(t, LinkOption.NOFOLLOW_LINKS);
                if (Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS) && stale(dir, t, ASIDE_SUFFIX)
                        && (newest == null || m.compareTo(newest) > 0)) {
                    best = t;
                    newest = m;
                }
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        if (best == null) {
            return folder;
        }
        try {
            Files.move(best, dir, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(dir.getParent());
            return folder;
        } catch (IOException e) {
            return best;
        }
    }

    /** Folders left beside {@code dir} by writes whose process is gone, or over an hour old. */
    private static void removeStaleFolders(Path dir) {
        for (String suffix : new String[] {TEMP_FOLDER_SUFFIX, ASIDE_SUFFIX}) {
            for (Path t : temporaries(dir, suffix)) {
                try {
                    if (Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS) && stale(dir, t, suffix)) {
                        deleteTree(t);
                    }
                } catch (IOException | RuntimeException e) {
                    // tidying is best effort
                }
            }
        }
    }

    /** The entries beside {@code dir} named like its temporaries with this suffix. */
    private static java.util.List<Path> temporaries(Path dir, String suffix) {
        java.util.List<Path> found = new java.util.ArrayList<>();
        String prefix = "." + dir.getFileName() + TEMP_MARK;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.getParent(), glob(prefix) + "*" + glob(suffix))) {
            s.forEach(found::add);
        } catch (IOException | RuntimeException e) {
            // nothing to list
        }
        return found;
    }

    /** A temporary whose process is gone, or older than {@link #STALE_AFTER}. */
    private static boolean stale(Path dir, Path t, String suffix) throws IOException {
        String prefix = "." + dir.getFileName() + TEMP_MARK;
        String name = t.getFileName().toString();
        String middle = name.substring(prefix.length(), name.length() - suffix.length());
        int dash = middle.indexOf('-');
        boolean alive = false;
        try {
            long pid = Long.parseLong(dash < 0 ? middle : middle.substring(0, dash));
            alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            dash = -1; // not ours: only its age counts
        }
        Instant old = Instant.now().minus(STALE_AFTER);
        return !alive && dash > 0
                || Files.getLastModifiedTime(t, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(old);
    }

    /** Deletes a folder and what it holds, without following links. */
    private static void deleteTree(Path root) throws IOException {
        if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
                for (Path p : s) {
                    deleteTree(p);
                }
            }
        }
        Files.deleteIfExists(root);
    }

    /**
     * Checks an output path before anything is written (commands call it while validating their options).
     *
     * @throws RefusedTarget when the path is a folder, FIFO, socket or block device, or a read-only file
     */
    public static void checkTarget(Path target) throws IOException {
        check(target.toAbsolutePath());
    }

    /**
     * True when the output path is the same file as the input (after symbolic links, or a hard link to it): writing
     * there would destroy the input. False when the output does not exist yet.
     */
    public static boolean sameFile(Path output, Path input) {
        try {
            return Files.exists(output) && Files.exists(input) && Files.isSameFile(output, input);
        } catch (IOException e) {
            return false;
        }
    }

    private static Kind check(Path abs) throws IOException {
        Kind kind = kind(abs);
        switch (kind) {
            case DIRECTORY -> throw new RefusedTarget(abs + " is a folder, not a file: give a file name (e.g. "
                    + abs.resolve("name") + ")");
            case FIFO -> throw refused(abs, "a FIFO (named pipe)");
            case SOCKET -> throw refused(abs, "a socket");
            case BLOCK_DEVICE -> throw refused(abs, "a block device");
            case OTHER -> throw refused(abs, "not a regular file");
            case REGULAR -> {
                if (readOnly(abs)) {
                    throw new RefusedTarget(abs + " is read-only: it is left as it is; make it writable (chmod u+w) "
                            + "or give another file");
                }
            }
            default -> {
                // absent: it will be created, in folders created as needed, so the nearest existing one must be one
                Path file = fileAbove(abs);
                if (file != null) {
                    throw new RefusedTarget("cannot create " + abs + ": " + file + " is a file, not a folder");
                }
            }
        }
        return kind;
    }

    private static RefusedTarget refused(Path abs, String what) {
        return new RefusedTarget(abs + " is " + what + ", not a regular file: NetCanvas writes output by replacing "
                + "a file whole and will not replace it; give a regular file's path");
    }

    /** What is at the path, following symbolic links (ABSENT for a dangling link). */
    static Kind kind(Path p) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Kind.ABSENT;
        } catch (FileSystemException e) {
            if (fileAbove(p) != null) {
                return Kind.ABSENT; // "Not a directory": check() names the file in the way
            }
            throw e;
        }
        if (a.isRegularFile()) {
            return Kind.REGULAR;
        }
        if (a.isDirectory()) {
            return Kind.DIRECTORY;
        }
        int mode;
        try {
            mode = (Integer) Files.getAttribute(p, "unix:mode");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Kind.OTHER;
        }
        return switch (mode & S_IFMT) {
            case S_IFCHR -> Kind.CHARACTER_DEVICE;
            case S_IFBLK -> Kind.BLOCK_DEVICE;
            case S_IFIFO -> Kind.FIFO;
            case S_IFSOCK -> Kind.SOCKET;
            default -> Kind.OTHER;
        };
    }

    /** The nearest existing ancestor of p when it is not a folder (so p cannot be created), else null. */
    private static Path fileAbove(Path p) {
        for (Path up = p.getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up)) {
                return Files.isDirectory(up) ? null : up;
            }
        }
        return null;
    }

    /**
     * Read-only for this user, or with no write permission bit at all: the superuser may write anything, but a file
     * made read-only is still not to be replaced.
     */
    private static boolean readOnly(Path p) throws IOException {
        if (!Files.isWritable(p)) {
            return true;
        }
        if (Files.getFileAttributeView(p, PosixFileAttributeView.class) == null) {
            return false;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        return !perms.contains(PosixFilePermission.OWNER_WRITE) && !perms.contains(PosixFilePermission.GROUP_WRITE)
                && !perms.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /** The file a chain of symbolic links ends at (itself when it is no link); it may not exist yet. */
    static Path followLinks(Path p) throws IOException {
        Path at = p;
        for (int hops = 0; Files.isSymbolicLink(at); hops++) {
            if (hops == MAX_LINKS) {
                throw new RefusedTarget(p + ": too many levels of symbolic links");
            }
            at = at.resolveSibling(Files.readSymbolicLink(at));
        }
        return at;
    }

    /** Removes temporaries of this target whose process is gone, or that are older than {@link #STALE_AFTER}. */
    private static void removeStaleTemporaries(Path file) {
        String prefix = "." + file.getFileName() + TEMP_MARK;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(file.getParent(), glob(prefix) + "*" + TEMP_SUFFIX)) {
            for (Path t : s) {
                if (Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS) && stale(file, t, TEMP_SUFFIX)) {
                    Files.deleteIfExists(t);
                }
            }
        } catch (IOException | RuntimeException e) {
            // tidying is best effort: it must never stop the save itself
        }
    }

    /** A literal for a glob pattern: the file name may hold glob characters. */
    private static String glob(String literal) {
        StringBuilder s = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                s.append('\\');
            }
            s.append(c);
        }
        return s.toString();
    }

    /** Flushes the folder's entry for the renamed file to disk; where a platform cannot, the rename still stands. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // some platforms and file systems cannot open or sync a folder
        }
    }

    /**
     * Temporary files are created owner-only (rw-------); the moved file would keep that, so a saved design or
     * exported script would be unreadable to anyone else. Give it the replaced file's permissions, or rw-r--r--.
     */
    private static void keepOrdinaryPermissions(Path tmp, Path target) throws IOException {
        if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) == null) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }
}
