package dev.patkit.core;

import java.net.URI;
import java.util.Optional;

/**
 * The provider cannot do this over its API. The exception says what a person can do instead,
 * for example open a pre-filled link to create the token in the web UI.
 */
public class UnsupportedCapabilityException extends PatkitException {

    private static final long serialVersionUID = 1L;

    private final Capability capability;
    private final String hint;
    private final URI link;

    /**
     * Creates the exception.
     *
     * @param provider the provider id
     * @param capability what was asked for
     * @param hint what a person can do instead
     * @param link a web page where it can be done
     */
    public UnsupportedCapabilityException(String provider, Capability capability, String hint, URI link) {
        super(provider + " cannot " + capability.describe() + " through its API. " + hint + " "
                + link, ErrorContext.of(provider, capability.describe()));
        this.capability = capability;
        this.hint = hint;
        this.link = link;
    }

    /**
     * Creates the exception when no web page does it either.
     *
     * @param provider the provider id
     * @param capability what was asked for
     * @param hint what a person can do instead
     */
    public UnsupportedCapabilityException(String provider, Capability capability, String hint) {
        super(provider + " cannot " + capability.describe() + " through its API. " + hint,
                ErrorContext.of(provider, capability.describe()));
        this.capability = capability;
        this.hint = hint;
        this.link = null;
    }

    /** @return what was asked for */
    public Capability capability() {
        return capability;
    }

    /** @return what a person can do instead */
    public String hint() {
        return hint;
    }

    /** @return a web page where it can be done, if there is one */
    public Optional<URI> link() {
        return Optional.ofNullable(link);
    }
}
