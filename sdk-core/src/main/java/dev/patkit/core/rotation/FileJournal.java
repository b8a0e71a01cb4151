package dev.patkit.core.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;
import dev.patkit.core.ValidationException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link RotationJournal} that keeps one JSON-lines file per plan in a directory, forcing each
 * entry to disk before returning. Thread-safe within one process.
 */
public final class FileJournal implements RotationJournal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    /**
     * Creates a journal in a directory, creating it if needed.
     *
     * @param directory the directory
     */
    public FileJournal(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public synchronized List<JournalEntry> entries(String planId) {
        Path file = file(planId);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<JournalEntry> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                Map<String, String> data = new LinkedHashMap<>();
                n.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
                out.add(new JournalEntry(Instant.parse(n.path("at").asText()), n.path("event").asText(), data));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new PatkitException("Could not read the rotation journal " + file + " (" + e.getClass().getSimpleName()
                    + ")", ErrorContext.NONE);
        }
    }

    @Override
    public synchronized void append(String planId, JournalEntry entry) {
        Path file = file(planId);
        try {
            Files.createDirectories(directory);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("at", entry.at().toString());
            line.put("event", entry.event());
            line.put("data", entry.data());
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
        } catch (IOException e) {
            throw new PatkitException("Could not write the rotation journal " + file + " (" + e.getClass().getSimpleName()
                    + ")", ErrorContext.NONE, e);
        }
    }

    /** Checks that the directory exists or can be created, and takes a new file. */
    @Override
    public synchronized void check(String planId) {
        file(planId);
        try {
            Files.createDirectories(directory);
            Files.delete(Files.createTempFile(directory, ".check", ".tmp"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new ValidationException("Cannot write the rotation journal in " + directory + " ("
                    + e.getClass().getSimpleName() + "); choose a writable directory.",
                    ErrorContext.of("patkit", "check journal"), List.of());
        }
    }

    /**
     * The plans this journal holds, for finding one to resume.
     *
     * @return the plan ids, sorted
     */
    public synchronized List<String> planIds() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                    .map(n -> n.substring(0, n.length() - ".jsonl".length())).sorted().toList();
        } catch (IOException e) {
            throw new PatkitException("Could not list the rotation journal " + directory + " ("
                    + e.getClass().getSimpleName() + ")", ErrorContext.NONE, e);
        }
    }

    /** @return the directory */
    public Path directory() {
        return directory;
    }

    private Path file(String planId) {
        if (!planId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("A plan id must be letters, digits, '.', '_' or '-'");
        }
        return directory.resolve(planId + ".jsonl");
    }
}
