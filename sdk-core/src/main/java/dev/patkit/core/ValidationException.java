package dev.patkit.core;

import java.util.List;

/**
 * The request is invalid: refused by Patkit before it was sent, or by the provider (HTTP 400/422).
 */
public class ValidationException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     * @param context what it was about
     * @param problems individual problems, for example per field; may be empty
     */
    public ValidationException(String message, ErrorContext context, List<String> problems) {
        super(message, context);
        this.problems = List.copyOf(problems);
    }

    /**
     * Creates the exception for one problem found before any request.
     *
     * @param provider the provider id
     * @param operation what was being done
     * @param message what is wrong and how to fix it
     * @return the exception
     */
    public static ValidationException badInput(String provider, String operation, String message) {
        return new ValidationException(message, ErrorContext.of(provider, operation), List.of(message));
    }

    /** @return individual problems; may be empty */
    public List<String> problems() {
        return problems == null ? List.of() : problems;
    }
}
