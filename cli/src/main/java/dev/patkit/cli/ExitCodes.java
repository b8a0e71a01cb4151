package dev.patkit.cli;

import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.DeadlineExceededException;
import dev.patkit.core.InvalidTokenException;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.PermissionException;
import dev.patkit.core.ProviderLookupException;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.ServerException;
import dev.patkit.core.TransportException;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.rotation.RotationEvent;
import dev.patkit.core.rotation.RotationException;

/** The documented exit codes of the {@code patkit} command ({@code patkit help exit-codes}). */
final class ExitCodes {

    /** Success. */
    static final int OK = 0;
    /** The command ran, and found problems (audit findings, no credentials for a git host). */
    static final int FINDINGS = 1;
    /** Bad usage or input: unknown command or provider, missing token, malformed value. */
    static final int USAGE = 2;
    /** The provider rejected the credentials. */
    static final int AUTHENTICATION = 3;
    /** The credentials may not do this (scopes, role). */
    static final int PERMISSION = 4;
    /** Not found. */
    static final int NOT_FOUND = 5;
    /** Rate limited. */
    static final int RATE_LIMITED = 6;
    /** Network, server or deadline failure. */
    static final int UNAVAILABLE = 7;
    /** The provider cannot do this over its API. */
    static final int UNSUPPORTED = 8;
    /** A change may or may not have happened at the forge (lost answer to a create, rotate or revoke). */
    static final int UNCERTAIN = 9;
    /** Any other error, including a new secret that could not be delivered (the message says where it was kept). */
    static final int OTHER = 10;

    private ExitCodes() {}

    static int of(PatkitException e) {
        if (e instanceof AmbiguousOutcomeException) {
            return UNCERTAIN;
        }
        if (e instanceof RotationException r) {
            if (!r.resumable() && r.step() == RotationEvent.Step.ROTATE) {
                return UNCERTAIN;
            }
            // Stopped half-way in a known state: the cause's code, but never "a mistake" (2), since
            // the forge already changed; running the same command again resumes.
            int code = r.getCause() instanceof PatkitException cause && !(cause instanceof RotationException)
                    ? of(cause) : OTHER;
            return code == USAGE ? OTHER : code;
        }
        if (e instanceof ValidationException || e instanceof InvalidTokenException || e instanceof ProviderLookupException) {
            return USAGE;
        }
        if (e instanceof AuthenticationException) {
            return AUTHENTICATION;
        }
        if (e instanceof PermissionException) {
            return PERMISSION;
        }
        if (e instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof RateLimitedException) {
            return RATE_LIMITED;
        }
        if (e instanceof ServerException || e instanceof TransportException || e instanceof DeadlineExceededException) {
            return UNAVAILABLE;
        }
        if (e instanceof UnsupportedCapabilityException) {
            return UNSUPPORTED;
        }
        return OTHER;
    }

    static String table() {
        return """
                Exit codes (the same for every command):
                  0  success
                  1  the command ran and found something to act on (status: a token failed or is not active;
                     audit: actionable findings; git-credential: no token for the host)
                  2  a mistake in the command or its configuration: unknown command, option or provider,
                     missing token, malformed value, a destination that fails its check before a change
                  3  the forge rejected the credentials
                  4  the credentials may not do this (scopes, role)
                  5  not found (a token id or name, an authorization)
                  6  rate limited
                  7  network, server or deadline failure
                  8  the forge cannot do this over its API (the message gives the web page)
                  9  the outcome is unknown: a change was sent and its answer was lost; check before retrying
                 10  any other error, including a new secret that could not be delivered (the message names
                     the file that keeps it and the token id) and a rotation stopped half-way by a refusal
                     (run the same command again to resume)
                A rotation stopped half-way by a network, server or forge error exits with that error's code.""";
    }
}
