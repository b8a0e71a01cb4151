package dev.patkit.core.rotation;

/**
 * The forge issued a new token but the caller's store refused it. The new token was NOT revoked:
 * it is the only working credential now. Its id (never its secret) is here, and where the secret
 * was kept when the plan has a rescue store ({@link RotationPlan.Builder#rescueIn}); running the
 * plan again retries the store with the secret this process or the rescue store still holds.
 */
public class TokenDeliveryFailedException extends RotationException {

    private static final long serialVersionUID = 1L;

    private final String newTokenId;
    private final String keptAt;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param newTokenId the new token's id
     * @param cause the store's failure
     */
    public TokenDeliveryFailedException(String message, String newTokenId, Throwable cause) {
        super(message, RotationEvent.Step.STORE, true, cause);
        this.newTokenId = newTokenId;
        this.keptAt = null;
    }

    /**
     * Creates the exception for a secret that was kept in a rescue store.
     *
     * @param message what happened and what to do next
     * @param newTokenId the new token's id
     * @param keptAt where the secret was kept (for example a file's path)
     * @param cause the store's failure
     */
    public TokenDeliveryFailedException(String message, String newTokenId, String keptAt, Throwable cause) {
        super(message, RotationEvent.Step.STORE, true, cause);
        this.newTokenId = newTokenId;
        this.keptAt = keptAt;
    }

    /** @return the new token's id */
    public String newTokenId() {
        return newTokenId;
    }

    /** @return where the secret was kept when the store refused it (a rescue file), if anywhere */
    public java.util.Optional<String> keptAt() {
        return java.util.Optional.ofNullable(keptAt);
    }
}
