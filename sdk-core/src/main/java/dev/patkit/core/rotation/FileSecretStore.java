package dev.patkit.core.rotation;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;
import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SecretStore} that keeps each secret in its own file in a directory, readable by the
 * owner only where the file system supports POSIX permissions. Writes are atomic (a temporary file
 * then a move), so a crash leaves the old or the new secret, never half of one. Keys are limited to
 * {@code [A-Za-z0-9._-]} so they cannot escape the directory. Thread-safe.
 */
public final class FileSecretStore implements SecretStore {

    private final Path directory;

    /**
     * Creates a store in a directory, creating the directory if needed.
     *
     * @param directory the directory
     */
    public FileSecretStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public synchronized void put(String key, Token token) {
        Path file = file(key);
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, ".secret", ".tmp");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, token.reveal() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new PatkitException("Could not store the secret '" + key + "' in " + directory + " ("
                    + e.getClass().getSimpleName() + ")", ErrorContext.NONE, e);
        }
    }

    /**
     * Checks that the directory exists and takes a new file (by creating and deleting one), or can be
     * created (its nearest existing ancestor is a writable directory), and that the key's file, if
     * present, is a writable regular file.
     */
    @Override
    public synchronized void check(String key) {
        Path file = file(key);
        ErrorContext ctx = ErrorContext.of("patkit", "check secret store");
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new ValidationException("The secret store directory " + directory + " cannot be created: "
                    + existing + " is not a directory; choose another path.", ctx, List.of());
        }
        if (!existing.equals(directory.toAbsolutePath())) {
            if (!Files.isWritable(existing)) {
                throw new ValidationException("The secret store directory " + directory + " cannot be created in "
                        + existing + " (not writable); choose another path.", ctx, List.of());
            }
            return;
        }
        if (Files.exists(file) && (!Files.isRegularFile(file) || !Files.isWritable(file))) {
            throw new ValidationException("The secret store file " + file + " is " + (Files.isDirectory(file)
                    ? "a directory" : "not a writable file") + "; choose another path.", ctx, List.of());
        }
        try {
            Files.delete(Files.createTempFile(directory, ".check", ".tmp"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new ValidationException("Cannot write in the secret store directory " + directory + " ("
                    + e.getClass().getSimpleName() + "); choose a writable directory.", ctx, List.of());
        }
    }

    @Override
    public synchronized void remove(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new PatkitException("Could not remove the secret '" + key + "' from " + directory + " ("
                    + e.getClass().getSimpleName() + ")", ErrorContext.NONE, e);
        }
    }

    @Override
    public String describe(String key) {
        return file(key).toString();
    }

    @Override
    public synchronized Optional<Token> get(String key) {
        Path file = file(key);
        return Files.isRegularFile(file) ? Optional.of(Token.fromFile(file)) : Optional.empty();
    }

    private Path file(String key) {
        if (key == null || key.isEmpty() || !key.matches("[A-Za-z0-9._-]+") || key.startsWith(".")) {
            throw new IllegalArgumentException("A secret key must be letters, digits, '.', '_' or '-' and not start with '.'");
        }
        return directory.resolve(key);
    }

    @Override
    public String toString() {
        return "FileSecretStore[" + directory + "]";
    }
}
