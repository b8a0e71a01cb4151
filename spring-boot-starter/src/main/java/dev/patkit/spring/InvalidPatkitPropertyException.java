package dev.patkit.spring;

/**
 * A {@code patkit.*} property that Patkit cannot use. The message names the property and says what
 * is wrong; it never quotes a token.
 */
public class InvalidPatkitPropertyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The property's name. */
    private final String property;

    /**
     * @param property the property's full name, for example {@code patkit.providers.gitlab.token}
     * @param problem what is wrong, without the property's value
     */
    public InvalidPatkitPropertyException(String property, String problem) {
        super("Invalid property " + property + ": " + problem);
        this.property = property;
    }

    /** @return the property's full name */
    public String property() {
        return property;
    }
}
