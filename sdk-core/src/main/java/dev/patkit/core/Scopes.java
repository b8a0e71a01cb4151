package dev.patkit.core;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scopes a token holds, or the honest statement that nobody knows them.
 *
 * <p>Reported names are kept exactly, including ones the provider's catalogue does not know;
 * implications come from the catalogue. Immutable and thread-safe.
 */
public final class Scopes {

    private static final Scopes UNKNOWN = new Scopes(null, null);

    private final Set<String> names;
    private final ScopeCatalogue catalogue;

    private Scopes(Set<String> names, ScopeCatalogue catalogue) {
        this.names = names;
        this.catalogue = catalogue;
    }

    /**
     * Scopes that cannot be known (fine-grained GitHub tokens, AtomGit tokens).
     *
     * @return the unknown scope set
     */
    public static Scopes unknown() {
        return UNKNOWN;
    }

    /**
     * Known scopes.
     *
     * @param names the scope names as reported or recorded
     * @param catalogue the provider's catalogue, for implications
     * @return the scope set
     */
    public static Scopes of(Collection<String> names, ScopeCatalogue catalogue) {
        Objects.requireNonNull(catalogue, "catalogue");
        Set<String> copy = new LinkedHashSet<>();
        for (String n : names) {
            String trimmed = n.trim();
            if (!trimmed.isEmpty()) {
                copy.add(trimmed);
            }
        }
        return new Scopes(Set.copyOf(copy), catalogue);
    }

    /**
     * Whether the scopes are known.
     *
     * @return false for {@link #unknown()}
     */
    public boolean isKnown() {
        return names != null;
    }

    /**
     * The scope names as reported, including names the catalogue does not know.
     *
     * @return the names; empty when unknown (check {@link #isKnown()})
     */
    public Set<String> names() {
        return names == null ? Set.of() : names;
    }

    /**
     * The reported names plus everything they imply.
     *
     * @return the effective names; empty when unknown
     */
    public Set<String> effective() {
        return names == null ? Set.of() : catalogue.closure(names);
    }

    /**
     * Does this token allow a scope?
     *
     * @param scope the scope name
     * @return allowed, denied, or unknown when the token's scopes cannot be known
     */
    public Permission allows(String scope) {
        if (names == null) {
            return Permission.UNKNOWN;
        }
        return effective().contains(scope) ? Permission.ALLOWED : Permission.DENIED;
    }

    /**
     * Does this token allow any one of the scopes?
     *
     * @param anyOf the acceptable scopes
     * @return allowed if one is held, denied if none is, unknown when unknown
     */
    public Permission allowsAny(Collection<String> anyOf) {
        if (names == null) {
            return Permission.UNKNOWN;
        }
        Set<String> effective = effective();
        return anyOf.stream().anyMatch(effective::contains) ? Permission.ALLOWED : Permission.DENIED;
    }

    /**
     * The scopes that are not held.
     *
     * @param required the scopes needed
     * @return the missing ones, sorted; empty when unknown
     */
    public Set<String> missing(Collection<String> required) {
        Set<String> out = new TreeSet<>();
        if (names != null) {
            Set<String> effective = effective();
            for (String r : required) {
                if (!effective.contains(r)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /**
     * The held scopes that the needed ones do not account for: what makes a token broader than
     * its job. A held scope is accounted for when it is one of the needed scopes or implied by one.
     *
     * @param needed the scopes the token's job needs
     * @return the held names beyond them, sorted; empty when unknown
     */
    public Set<String> beyond(Collection<String> needed) {
        Set<String> out = new TreeSet<>();
        if (names != null) {
            Set<String> allowed = catalogue.closure(needed);
            for (String n : names) {
                if (!allowed.contains(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scopes s && Objects.equals(names, s.names);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(names);
    }

    @Override
    public String toString() {
        return names == null ? "UNKNOWN" : new TreeSet<>(names).toString();
    }
}
