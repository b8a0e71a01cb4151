package dev.patkit.spring;

import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitException;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The clients made from {@code patkit.providers.*}, by provider id, with the scopes each must hold.
 * Each is also a {@link ProviderClient} bean qualified by its id
 * ({@code @Qualifier("gitlab") ProviderClient gitlab}).
 *
 * <p>Every entry is checked when the application starts: a bad one fails the start with an
 * {@link InvalidPatkitPropertyException} that names the property and never the token. Immutable
 * and thread-safe.
 */
public final class PatkitClients {

    private final Map<String, ProviderClient> clients;
    private final Map<String, List<String>> requiredScopes;

    PatkitClients(Patkit patkit, PatkitProperties properties) {
        Map<String, ProviderClient> made = new LinkedHashMap<>();
        Map<String, List<String>> scopes = new LinkedHashMap<>();
        properties.getProviders().forEach((id, p) -> {
            String prefix = "patkit.providers." + id;
            if (!patkit.providers().contains(id)) {
                throw new InvalidPatkitPropertyException(prefix, "there is no provider '" + id + "'. Available: "
                        + new TreeSet<>(patkit.providers()) + ". Add the artifact dev.patkit:patkit-" + id
                        + " to use it.");
            }
            Token token = token(prefix, p);
            URI base = p.getBaseUrl() == null ? null : baseUrl(prefix + ".base-url", p.getBaseUrl());
            for (String scope : p.getRequiredScopes()) {
                if (scope == null || scope.isBlank()) {
                    throw new InvalidPatkitPropertyException(prefix + ".required-scopes", "holds an empty scope");
                }
            }
            try {
                made.put(id, base == null ? patkit.client(id, token) : patkit.client(id, base, token));
            } catch (PatkitException | IllegalArgumentException e) {
                throw new InvalidPatkitPropertyException(prefix, "the " + id + " client cannot be made from it: "
                        + e.getMessage());
            }
            scopes.put(id, List.copyOf(p.getRequiredScopes()));
        });
        this.clients = Collections.unmodifiableMap(made);
        this.requiredScopes = Collections.unmodifiableMap(scopes);
    }

    private static Token token(String prefix, PatkitProperties.Provider p) {
        int sources = (p.getToken() != null ? 1 : 0) + (p.getTokenFile() != null ? 1 : 0) + (p.getTokenEnv() != null ? 1 : 0);
        if (sources != 1) {
            throw new InvalidPatkitPropertyException(prefix + ".token", (sources == 0 ? "no token is set" : "more than one"
                    + " token source is set") + "; set exactly one of " + prefix + ".token, " + prefix + ".token-file or "
                    + prefix + ".token-env");
        }
        // Token's own messages never quote the input, so they can be passed on.
        try {
            if (p.getToken() != null) {
                return Token.of(p.getToken());
            }
            if (p.getTokenFile() != null) {
                return Token.fromFile(p.getTokenFile());
            }
            return Token.fromEnvironment(p.getTokenEnv());
        } catch (PatkitException e) {
            String property = prefix + (p.getToken() != null ? ".token" : p.getTokenFile() != null ? ".token-file" : ".token-env");
            throw new InvalidPatkitPropertyException(property, e.getMessage());
        }
    }

    private static URI baseUrl(String property, String text) {
        // The value is never quoted: a URL may carry a secret in its user info or query.
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new InvalidPatkitPropertyException(property, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new InvalidPatkitPropertyException(property, "must be an absolute http or https URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidPatkitPropertyException(property, "must not hold user info, a query or a fragment"
                    + " (put credentials in the token properties)");
        }
        return uri;
    }

    /** @return the configured provider ids, in configuration order */
    public Set<String> ids() {
        return clients.keySet();
    }

    /**
     * @param id a configured provider id
     * @return its client
     * @throws NoSuchElementException naming the configured ids
     */
    public ProviderClient get(String id) {
        ProviderClient c = clients.get(id);
        if (c == null) {
            throw new NoSuchElementException("No Patkit provider '" + id + "' is configured. Configured: " + clients.keySet());
        }
        return c;
    }

    /**
     * @param id a configured provider id
     * @return the scopes its token must hold (empty if none)
     */
    public List<String> requiredScopes(String id) {
        return requiredScopes.getOrDefault(id, List.of());
    }

    @Override
    public String toString() {
        return "PatkitClients" + clients.keySet();
    }
}
