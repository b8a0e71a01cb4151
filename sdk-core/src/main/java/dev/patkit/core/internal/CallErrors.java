package dev.patkit.core.internal;

import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.DeadlineExceededException;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;
import dev.patkit.core.RedirectRefusedException;
import dev.patkit.core.Token;
import dev.patkit.core.spi.RequestAuthenticator;
import java.time.Duration;
import java.util.List;

/**
 * The exceptions a {@link Call} ends with that the pipeline itself words (the provider's error
 * mapper words the rest), and the redaction of server text those exceptions may quote. Messages
 * name the provider and the operation, never a URL's query, a header value or a secret. Stateless.
 */
final class CallErrors {

    private CallErrors() {}

    /** The outcome of a change is unknown: it may have taken effect, and Patkit did not send it again. */
    static AmbiguousOutcomeException ambiguous(String provider, String operation, ErrorContext context, String why,
            Throwable cause) {
        ErrorContext ctx = cause instanceof PatkitException p && p.httpStatus() > 0 ? p.context() : context;
        return new AmbiguousOutcomeException(provider + ": the outcome of '" + operation
                + "' is unknown: " + why + ". Patkit did not send it again. Check the current state (for example"
                + " list the tokens) before retrying.", ctx, cause);
    }

    /** The call's deadline passed. */
    static DeadlineExceededException deadline(String provider, String operation, ErrorContext context, Duration callTimeout) {
        return new DeadlineExceededException(provider + ": '" + operation + "' did not finish within its deadline of "
                + callTimeout.toMillis() + " ms", context);
    }

    /** The deadline passed after the request may have been sent: ambiguous for a change, else a plain deadline. */
    static PatkitException deadlineAfterSending(String provider, String operation, ErrorContext context,
            Duration callTimeout, boolean idempotent) {
        DeadlineExceededException deadline = deadline(provider, operation, context, callTimeout);
        return idempotent ? deadline : ambiguous(provider, operation, context,
                "the deadline passed after the request may have reached the server", deadline);
    }

    /** An answer with a body too large to read: for a change answered 2xx or 5xx, the outcome is unknown. */
    static PatkitException tooLarge(String provider, String operation, ErrorContext context, LimitedBodyHandler handler,
            boolean idempotent) {
        int status = handler.status();
        return AnswerClassifier.unreadableIsAmbiguous(status, idempotent) ? ambiguous(provider, operation, context,
                "the server answered HTTP " + status + " with a body too large to read", handler.failure())
                : handler.failure();
    }

    /** A redirect was not followed; {@code what} says why, never quoting the Location value. */
    static RedirectRefusedException redirectRefused(String provider, String operation, ErrorContext context, String what) {
        return new RedirectRefusedException(provider + ": '" + operation + "' " + what, context);
    }

    /** Removes the client's credentials and the secrets the request carries from server text. */
    static String redact(RequestAuthenticator authenticator, List<Token> carried, String text) {
        String out = authenticator.redact(text);
        for (Token t : carried) {
            if (out != null) {
                out = out.replace(t.reveal(), "***");
            }
        }
        return out;
    }
}
