package dev.patkit.atomgit;

import dev.patkit.core.Credential;
import dev.patkit.core.Token;
import java.util.Objects;

/**
 * An AtomGit token together with what the caller recorded about it, for creating a client that
 * knows the token's name, scopes, expiry and owner from the start.
 *
 * <p>{@code toString()} shows the token's redacted form only. Immutable and thread-safe; not
 * serialisable.
 */
public final class AtomGitCredential implements Credential {

    private final Token token;
    private final RecordedToken recorded;

    private AtomGitCredential(Token token, RecordedToken recorded) {
        this.token = Objects.requireNonNull(token, "token");
        this.recorded = Objects.requireNonNull(recorded, "recorded");
    }

    /**
     * Pairs a token with its record.
     *
     * @param token the token
     * @param recorded what the caller recorded about it
     * @return the credential
     */
    public static AtomGitCredential of(Token token, RecordedToken recorded) {
        return new AtomGitCredential(token, recorded);
    }

    /** @return the token */
    public Token token() {
        return token;
    }

    /** @return what the caller recorded about the token */
    public RecordedToken recorded() {
        return recorded;
    }

    @Override
    public String fingerprint() {
        return token.fingerprint();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AtomGitCredential c && token.equals(c.token) && recorded.equals(c.recorded);
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, recorded);
    }

    @Override
    public String toString() {
        return "AtomGitCredential[" + token + ", " + recorded + "]";
    }
}
