package dev.patkit.atomgit.internal;

import dev.patkit.atomgit.AtomGitClientFactory;
import dev.patkit.atomgit.AtomGitScopes;
import dev.patkit.core.Capability;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.ValidationException;
import java.util.Objects;

/** Checks of the caller's input, made before anything else: a mistake is named before the web page is. */
final class AtomGitChecks {

    private AtomGitChecks() {}

    /**
     * A create request as a person would type it on AtomGit's token page.
     *
     * @param spec the request
     * @throws ValidationException if the name is blank, an owner is named or a scope is unknown
     */
    static void create(TokenSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.name().isBlank()) {
            throw ValidationException.badInput(AtomGitClientFactory.ID, Capability.CREATE.describe(),
                    "The token name must not be blank");
        }
        if (spec.ownerId().isPresent()) {
            throw ValidationException.badInput(AtomGitClientFactory.ID, Capability.CREATE.describe(),
                    "AtomGit tokens can only be created by their owner; leave ownerId empty");
        }
        AtomGitScopes.CATALOGUE.requireKnown(spec.scopes());
    }
}
