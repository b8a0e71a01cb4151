package dev.patkit.core;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.patkit.core.internal.TokenFormats;
import dev.patkit.core.spi.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A secret token, such as a personal access token.
 *
 * <p>The value is only readable through {@link #reveal()}, which is meant for the HTTP layer.
 * {@code toString()} shows the recognised format and a short SHA-256 fingerprint; Jackson writes
 * the same redacted text; the class is not {@link java.io.Serializable}. {@link #equals(Object)}
 * compares in constant time.
 *
 * <p>Input is checked when the token is created: empty values, line breaks, white space and
 * characters outside printable ASCII are refused with an {@link InvalidTokenException} whose
 * message contains none of the input. Instances are immutable and thread-safe.
 */
public final class Token implements Credential {

    /** Longest accepted token; IAM tokens run to several kilobytes. */
    static final int MAX_LENGTH = 32_768;

    private final String value;
    private final String fingerprint;
    private final TokenFormat format;

    private Token(String value) {
        this.value = value;
        this.fingerprint = Secrets.fingerprint(value);
        this.format = TokenFormats.recognise(value);
    }

    /**
     * Creates a token from its text.
     *
     * @param value the token text
     * @return the token
     * @throws InvalidTokenException if the value is null, empty, too long, or holds white space,
     *     line breaks or characters outside printable ASCII
     */
    public static Token of(String value) {
        return new Token(validate(value, "token"));
    }

    /**
     * Holds a password — a secret people choose, which may hold spaces and any script — with the
     * same care as a token: it never shows in {@code toString()}, messages or serialized forms, and
     * a request body that carries it declares it. Only control characters (line breaks included)
     * are refused, besides empty and over-long values.
     *
     * @param value the password
     * @return the secret
     * @throws InvalidTokenException if the value is null, empty, too long or holds a control character
     */
    public static Token password(String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidTokenException("The password is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidTokenException("The password is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidTokenException("The password contains a control character at position " + i);
            }
        }
        return new Token(value);
    }

    /**
     * Creates a token from an environment variable.
     *
     * @param name the variable's name, for example {@code GITLAB_TOKEN}
     * @return the token
     * @throws InvalidTokenException if the variable is unset or its value is not a valid token
     */
    public static Token fromEnvironment(String name) {
        Objects.requireNonNull(name, "name");
        String value = System.getenv(name);
        if (value == null) {
            throw new InvalidTokenException("Environment variable " + name + " is not set");
        }
        return new Token(validate(value, "token in environment variable " + name));
    }

    /**
     * Creates a token from a file that holds it, trimming one trailing line break.
     *
     * @param file the file
     * @return the token
     * @throws InvalidTokenException if the file cannot be read or does not hold a valid token
     */
    public static Token fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // The exception is not attached: a decoding error may quote the file's bytes.
            throw new InvalidTokenException("Cannot read a token from " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Token(validate(text, "token in " + file));
    }

    private static String validate(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new InvalidTokenException("The " + what + " is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidTokenException("The " + what + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new InvalidTokenException("The " + what + " contains a line break at position " + i);
            }
            if (c == ' ' || c == '\t') {
                throw new InvalidTokenException("The " + what + " contains white space at position " + i);
            }
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidTokenException(
                        "The " + what + " contains a character outside printable ASCII at position " + i);
            }
        }
        return value;
    }

    /**
     * Reveals the secret. Meant for the code that puts it on the wire; never log the result.
     *
     * @return the token's text
     */
    public String reveal() {
        return value;
    }

    /**
     * What offline recognition found for this token.
     *
     * @return the format, never null
     */
    public TokenFormat format() {
        return format;
    }

    /**
     * The recognised kind; shorthand for {@code format().kind()}.
     *
     * @return the kind
     */
    public TokenKind kind() {
        return format.kind();
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Compares two tokens in constant time.
     *
     * @param other the other object
     * @return true when both are tokens with the same value
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Token t && Secrets.same(value, t.value);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    /**
     * The redacted form, for example {@code Token[GITHUB_CLASSIC_PAT sha256:1a2b3c4d]}. Jackson
     * writes this text too.
     *
     * @return the redacted form
     */
    @JsonValue
    @Override
    public String toString() {
        return "Token[" + format.kind() + " sha256:" + fingerprint + "]";
    }
}
