package dev.patkit.github;

import dev.patkit.core.Authorization;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What GitHub's {@code X-GitHub-SSO} header said about SAML single sign-on for a classic token.
 *
 * <p>On a 403 the header names a URL (valid for one hour) where the owner authorizes the token
 * for an organisation's SSO; on partial results it lists the organisations whose data was left
 * out. The exact {@code required; url=<url>} form is UNVERIFIED, so parsing is lenient: the raw
 * value is always kept. Immutable.
 *
 * @param raw the header value as sent
 * @param authorizeUrl the URL to authorize the token for SSO, when the header named one
 * @param partialOrganizations ids of organisations left out of a partial result
 */
public record GitHubSso(String raw, Optional<URI> authorizeUrl, List<String> partialOrganizations) {

    /** The key under which {@link Authorization#raw()} keeps the header's value. */
    public static final String RAW_KEY = "x-github-sso";

    /**
     * Creates the value.
     *
     * @param raw the header value
     * @param authorizeUrl the authorization URL, if any
     * @param partialOrganizations organisation ids of a partial result
     */
    public GitHubSso {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        partialOrganizations = List.copyOf(partialOrganizations);
    }

    /**
     * Parses a header value.
     *
     * @param header the value of {@code X-GitHub-SSO}
     * @return the parsed value; never fails
     */
    public static GitHubSso parse(String header) {
        String value = Objects.requireNonNull(header, "header").trim();
        URI url = null;
        List<String> orgs = new ArrayList<>();
        for (String part : value.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = p.substring(eq + 1).trim();
            if (key.equals("url")) {
                try {
                    URI u = URI.create(v);
                    if ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme())) {
                        url = u;
                    }
                } catch (IllegalArgumentException e) {
                    // Not a URL: the raw value is still kept.
                }
            } else if (key.equals("organizations")) {
                for (String id : v.split(",")) {
                    if (!id.isBlank()) {
                        orgs.add(id.trim());
                    }
                }
            }
        }
        return new GitHubSso(value, Optional.ofNullable(url), orgs);
    }

    /**
     * The SSO header recorded by {@link GitHubClient#inspect()}.
     *
     * @param authorization an authorization from a GitHub inspection
     * @return the header's meaning, or empty when GitHub sent none
     */
    public static Optional<GitHubSso> of(Authorization authorization) {
        Object v = authorization.raw().get(RAW_KEY);
        return v instanceof String s ? Optional.of(parse(s)) : Optional.empty();
    }

    /** @return true when GitHub asked for the token to be authorized for SSO */
    public boolean required() {
        return raw.toLowerCase(Locale.ROOT).startsWith("required");
    }
}
