package dev.patkit.core.rotation;

/**
 * The forge issued a new token but the caller's store refused it. The new token was NOT revoked:
 * it is the only working credential now. Its id (never its secret) is here; running the plan again
 * in the same process retries the store with the secret it still holds.
 */
public class TokenDeliveryFailedException extends RotationException {

    private static final long serialVersionUID = 1L;

    private final String newTokenId;

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
    }

    /** @return the new token's id */
    public String newTokenId() {
        return newTokenId;
    }
}
