package dev.patkit.atomgit.internal;

import dev.patkit.core.Token;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.RequestAuthenticator;

/**
 * Every AtomGit request Patkit sends (API v5, {@code https://api.atomgit.com/api/v5}), and how the
 * token is sent.
 *
 * <p>The token goes in {@code Authorization: Bearer}. AtomGit also accepts {@code PRIVATE-TOKEN}
 * and an {@code access_token} query parameter; the query parameter is never used, because URLs end
 * up in logs and proxies. AtomGit has no endpoint for token records (none to create, list, rotate
 * or revoke), so {@code GET /user} is the whole contract.
 */
final class AtomGitEndpoints {

    /** The current user: who the token acts as. 200 with the user, 401 for a rejected token. */
    static final String USER_PATH = "/user";

    /** What Patkit calls the inspection, in messages and logs. */
    static final String INSPECT = "inspect token";

    private AtomGitEndpoints() {}

    /**
     * The authenticator: {@code Authorization: Bearer <token>}.
     *
     * @param token the token
     * @return the authenticator
     */
    static RequestAuthenticator bearer(Token token) {
        return RequestAuthenticator.header("Authorization", "Bearer ", token);
    }

    /** @return {@code GET /user}, mapped to the user it reports */
    static ApiRequest<AtomGitJson.UserInfo> currentUser() {
        return ApiRequest.get(USER_PATH).operation(INSPECT).idempotent(true).expect(AtomGitJson::readUser);
    }
}
