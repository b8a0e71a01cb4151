package dev.patkit.core.rotation;

import dev.patkit.core.Token;

/**
 * A place that holds a copy of a token and must get the new one after a rotation, such as a
 * ServiceStage git authorization. Provider modules supply implementations.
 *
 * <p>Replacement is check, create-new, verify, retire-old, then settle (for example back under the
 * original name), so a holder never loses a working credential half-way.
 */
public interface TokenHolder {

    /** @return a stable id for journals and reports, for example {@code servicestage:ci-gitlab} */
    String id();

    /**
     * Installs the new token as a new record beside the old one.
     *
     * <p>May be called again for the same plan when an earlier call's outcome is unknown: it must
     * then adopt the record it already created (derive the record's name from {@code planId}).
     *
     * @param token the new token
     * @param planId the rotation plan's id
     * @return the new record's handle, for example its name
     */
    String install(Token token, String planId);

    /**
     * Checks that the new record works.
     *
     * @param handle what {@link #install} returned
     */
    void verify(String handle);

    /** Removes the old record; succeeds when it is already gone. Called only after every holder verified. */
    void retire();

    /**
     * Checks, changing nothing, that this holder can take part in a rotation (the old record exists,
     * the credentials to change it work), before the forge is asked for a new token. The default
     * checks nothing.
     *
     * @throws dev.patkit.core.PatkitException naming what is wrong
     */
    default void check() {}

    /**
     * Moves the new record to its final place once the old one is retired; for holders whose records
     * are addressed by a name that users and schedules rely on (ServiceStage re-creates the new
     * token under the original name, verifies it and deletes the temporary record). Called after
     * {@link #retire()} succeeded, and again when a plan resumes, so it must be idempotent. The
     * default keeps the record where {@link #install} put it.
     *
     * @param token the new token
     * @param planId the rotation plan's id
     * @param handle what {@link #install} returned
     * @return the final record's handle
     */
    default String settle(Token token, String planId, String handle) {
        return handle;
    }
}
