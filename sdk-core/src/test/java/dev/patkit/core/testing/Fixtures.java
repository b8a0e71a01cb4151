package dev.patkit.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures: JSON answers kept beside the tests, under {@code src/test/resources/<package>/}. */
public final class Fixtures {

    private Fixtures() {}

    /**
     * Reads a fixture.
     *
     * @param anchor a class of the fixture's package
     * @param name the file name, relative to that package
     * @return its text (UTF-8)
     * @throws IllegalArgumentException if there is no such fixture
     */
    public static String read(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name + " beside " + anchor.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
