package dev.patkit.core.rotation;

import dev.patkit.core.Token;

/**
 * A place that holds a copy of a token and must get the new one after a rotation, such as a
 * ServiceStage git authorization. Provider modules supply implementations.
 *
 * <p>Replacement is create-new, verify, then retire-old, so a holder never loses a working
 * credential half-way.
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
}
