package dev.patkit.atomgit.internal;

import dev.patkit.atomgit.AtomGitClient;
import dev.patkit.atomgit.AtomGitClientFactory;
import dev.patkit.core.Capability;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import java.net.URI;
import java.util.Locale;

/**
 * What a person does in AtomGit's web UI instead of the token API AtomGit does not have: the page
 * and the steps, as AtomGit documents them (a token is shown once; it is revoked with Delete).
 */
final class WebUi {

    /** The token page's path on the web host. */
    static final String TOKEN_PAGE_PATH = "/setting/token-classic";

    static final String CREATE_STEPS = "Create it in the web UI: sign in, open Personal Settings > Access Keys"
            + " (the page linked here), set the token's name and an optional expiry date, choose its scopes and"
            + " click Create. The token is shown only once: store it before you leave the page. Then record the"
            + " name, scopes and expiry with RecordedToken so Patkit can check them offline.";

    static final String REVOKE_STEPS = "Revoke it in the web UI: on the access tokens page, click the token's"
            + " Delete button.";

    static final String ROTATE_STEPS = "Rotate it by hand: create a successor in the web UI (it is shown only"
            + " once), move every consumer to it, then click Delete on the old token.";

    static final String LIST_STEPS = "The web UI's access tokens page lists your tokens; record what you know"
            + " about one with RecordedToken.";

    private WebUi() {}

    /**
     * The token page for an API base: AtomGit's for its own hosts and unknown ones, GitCode's for
     * GitCode, and for a private deployment at {@code api.<host>} the same path on {@code <host>}.
     * Hosts that are not public (loopback, for tests) get AtomGit's page.
     *
     * @param apiBase the client's API base
     * @return the page
     */
    static URI tokenPage(URI apiBase) {
        String host = apiBase.getHost() == null ? "" : apiBase.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("gitcode.com") || host.endsWith(".gitcode.com")) {
            return URI.create("https://gitcode.com" + TOKEN_PAGE_PATH);
        }
        if (host.equals("atomgit.com") || host.endsWith(".atomgit.com") || !host.contains(".")
                || dev.patkit.core.SecureTransport.isLoopback(host) || host.startsWith("[")) {
            return AtomGitClient.TOKEN_PAGE;
        }
        String web = host.startsWith("api.") ? host.substring(4) : host;
        return URI.create("https://" + web + (apiBase.getPort() > 0 ? ":" + apiBase.getPort() : "") + TOKEN_PAGE_PATH);
    }

    /**
     * The exception for an operation AtomGit has no API for.
     *
     * @param capability the operation
     * @param page the token page
     * @return the exception
     */
    static UnsupportedCapabilityException unsupported(Capability capability, URI page) {
        return new UnsupportedCapabilityException(AtomGitClientFactory.ID, capability, hint(capability), page);
    }

    /**
     * The exception for a create request, with what to fill in.
     *
     * @param spec the checked request
     * @param page the token page
     * @return the exception
     */
    static UnsupportedCapabilityException unsupportedCreate(TokenSpec spec, URI page) {
        StringBuilder fill = new StringBuilder(CREATE_STEPS).append(" Fill in: name '").append(spec.name()).append('\'');
        if (!spec.scopes().isEmpty()) {
            fill.append(", scopes ").append(spec.scopes());
        }
        spec.expiresOn().ifPresent(d -> fill.append(", expiry date ").append(d));
        fill.append('.');
        return new UnsupportedCapabilityException(AtomGitClientFactory.ID, Capability.CREATE, fill.toString(), page);
    }

    private static String hint(Capability capability) {
        switch (capability) {
            case CREATE:
                return CREATE_STEPS;
            case REVOKE:
                return REVOKE_STEPS;
            case ROTATE:
                return ROTATE_STEPS;
            case LIST:
            case GET:
                return LIST_STEPS;
            default:
                return "Use the web UI.";
        }
    }
}
