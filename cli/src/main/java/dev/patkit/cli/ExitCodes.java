package dev.patkit.examples.cli;

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
import dev.patkit.core.rotation.RotationException;

/** The documented exit codes of the {@code patkit} command. */
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
    /** A change may or may not have happened (lost response, rotation stopped half-way). */
    static final int UNCERTAIN = 9;
    /** Any other error. */
    static final int OTHER = 10;

    private ExitCodes() {}

    static int of(PatkitException e) {
        if (e instanceof RotationException || e instanceof AmbiguousOutcomeException) {
            return UNCERTAIN;
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
                Exit codes:
                  0  success
                  1  the command ran and found problems (audit findings; git-credential: no token for the host)
                  2  bad usage or input (unknown command or provider, missing token, malformed value)
                  3  the provider rejected the credentials
                  4  the credentials may not do this (scopes, role)
                  5  not found
                  6  rate limited
                  7  network, server or deadline failure
                  8  the provider cannot do this over its API
                  9  outcome uncertain (lost response, rotation stopped half-way; see the message)
                 10  any other error""";
    }
}
