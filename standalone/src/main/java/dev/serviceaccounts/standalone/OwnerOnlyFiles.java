package dev.serviceaccounts.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only permissions for the embedded default's data: directories {@code 0700}, files {@code 0600}, set
 * explicitly (not left to the umask) on every start, so that data written by an earlier version with wider
 * modes is narrowed too. On a file system without POSIX permissions nothing is changed.
 */
final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code directory} (and its parents) if needed, then makes it {@code 0700}. */
    static void directory(Path directory) {
        try {
            Files.createDirectories(directory);
            restrict(directory, DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + directory, e);
        }
    }

    /**
     * Creates {@code file} empty with mode {@code 0600} if it does not exist (no moment with wider modes),
     * then makes it {@code 0600}.
     *
     * @return true when this call created it
     */
    static boolean file(Path file) {
        boolean created;
        try {
            Files.createFile(file, attributes());
            created = true;
        } catch (FileAlreadyExistsException e) {
            created = false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
        try {
            restrict(file, FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + file + " owner-only", e);
        }
        return created;
    }

    private static FileAttribute<?>[] attributes() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
