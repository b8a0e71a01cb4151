package dev.patkit.core;

/** A token's text is not acceptable (empty, white space, line breaks, non-ASCII). The message never quotes it. */
public class InvalidTokenException extends PatkitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, without the token's text
     */
    public InvalidTokenException(String message) {
        super(message, ErrorContext.NONE);
    }
}
