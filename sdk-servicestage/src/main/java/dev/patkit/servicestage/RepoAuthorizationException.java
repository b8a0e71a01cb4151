package dev.patkit.servicestage;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;

/**
 * ServiceStage could not use a stored repository authorization: the name in {@code X-Repo-Auth}
 * is missing or unknown ({@code SVCSTG.REPO.0450}), or the stored forge credential no longer works
 * and must be registered again ({@code SVCSTG.REPO.0451}). The ServiceStage credentials themselves
 * were accepted.
 */
public class RepoAuthorizationException extends PatkitException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the stored authorization. */
    public enum Reason {
        /** No authorization of that name ({@code SVCSTG.REPO.0450}). */
        MISSING,
        /** The stored forge credential is invalid ({@code SVCSTG.REPO.0451}). */
        INVALID
    }

    private final Reason reason;
    private final String errorCode;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param reason what was wrong
     * @param errorCode ServiceStage's error code, for example {@code SVCSTG.REPO.0451}
     */
    public RepoAuthorizationException(String message, ErrorContext context, Reason reason, String errorCode) {
        super(message, context);
        this.reason = reason;
        this.errorCode = errorCode;
    }

    /** @return what was wrong with the stored authorization */
    public Reason reason() {
        return reason;
    }

    /** @return ServiceStage's error code */
    public String errorCode() {
        return errorCode;
    }
}
