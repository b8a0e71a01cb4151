package dev.patkit.github.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The web pages where a person does what GitHub's API cannot: create or manage personal access
 * tokens. The pre-filled classic link ({@code /settings/tokens/new?scopes=...&description=...}) is
 * community-observed, not in GitHub's docs (UNVERIFIED).
 */
public final class WebLinks {

    private WebLinks() {}

    /**
     * The web origin of an API base: {@code https://api.github.com} gives {@code https://github.com},
     * {@code https://api.SUB.ghe.com} gives {@code https://SUB.ghe.com}, {@code https://HOST/api/v3}
     * gives {@code https://HOST}.
     *
     * @param apiBase the API base
     * @return the web origin, without a trailing slash
     */
    public static String webBase(URI apiBase) {
        String host = apiBase.getHost().toLowerCase(Locale.ROOT);
        String authority = apiBase.getRawAuthority();
        if (host.startsWith("api.") && (host.equals("api.github.com") || host.endsWith(".ghe.com"))) {
            authority = authority.substring(4);
        }
        return apiBase.getScheme().toLowerCase(Locale.ROOT) + "://" + authority;
    }

    /**
     * The pre-filled page to create a classic token.
     *
     * @param apiBase the API base
     * @param scopes the scopes to tick
     * @param description the note, or null
     * @return the link
     */
    public static URI newClassicToken(URI apiBase, List<String> scopes, String description) {
        StringBuilder sb = new StringBuilder(webBase(apiBase)).append("/settings/tokens/new");
        char sep = '?';
        if (!scopes.isEmpty()) {
            sb.append(sep).append("scopes=").append(String.join(",", scopes.stream().map(WebLinks::encode).toList()));
            sep = '&';
        }
        if (description != null && !description.isBlank()) {
            sb.append(sep).append("description=").append(encode(description));
        }
        return URI.create(sb.toString());
    }

    /**
     * The page to create a fine-grained token.
     *
     * @param apiBase the API base
     * @return the link
     */
    public static URI newFineGrainedToken(URI apiBase) {
        return URI.create(webBase(apiBase) + "/settings/personal-access-tokens/new");
    }

    /**
     * The page listing the user's classic or fine-grained tokens.
     *
     * @param apiBase the API base
     * @param fineGrained which list
     * @return the link
     */
    public static URI tokenList(URI apiBase, boolean fineGrained) {
        return URI.create(webBase(apiBase) + (fineGrained ? "/settings/personal-access-tokens" : "/settings/tokens"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }
}
