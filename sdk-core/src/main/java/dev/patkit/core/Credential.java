package dev.patkit.core;

/**
 * Something that proves who the caller is to a provider: a {@link Token}, or a provider's own
 * credential type (for example an IAM password or an access key pair).
 *
 * <p>Implementations hold secrets and must never reveal them through {@code toString()},
 * serialisation or exception messages. They are immutable and thread-safe.
 */
public interface Credential {

    /**
     * A short, non-reversible fingerprint of the secret, safe to log and to store in journals.
     *
     * @return the first 8 hex digits of a SHA-256 digest of the secret
     */
    String fingerprint();
}
