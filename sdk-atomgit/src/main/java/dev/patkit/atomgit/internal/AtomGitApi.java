package dev.patkit.atomgit.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.atomgit.AtomGitClientFactory;
import dev.patkit.core.Owner;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.Token;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.RequestAuthenticator;
import java.util.Map;

/**
 * AtomGit's wire contract as Patkit uses it (API v5, {@code https://api.atomgit.com/api/v5}):
 * how the token is sent, the one endpoint, and the JSON fields read from it.
 *
 * <p>The token goes in {@code Authorization: Bearer}. AtomGit also accepts {@code PRIVATE-TOKEN}
 * and an {@code access_token} query parameter; the query parameter is never used, because URLs end
 * up in logs and proxies. AtomGit has no endpoint for token records (none to create, list, rotate
 * or revoke), so {@code GET /user} is the whole contract.
 */
final class AtomGitApi {

    /** The current user: who the token acts as. 200 with the user, 401 for a rejected token. */
    static final String USER_PATH = "/user";

    /** What Patkit calls the inspection, in messages and logs. */
    static final String INSPECT = "inspect token";

    /** The user id: a string of 24 hex characters (a number is tolerated and kept as text). */
    static final String ID = "id";
    /** The login. */
    static final String LOGIN = "login";
    /** The display name. */
    static final String NAME = "name";
    /** The account type, {@code User} for a person. */
    static final String TYPE = "type";

    /** Patkit's name for the kind of token AtomGit issues. */
    static final String TOKEN_KIND = "personal";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private AtomGitApi() {}

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
    static ApiRequest<UserInfo> currentUser() {
        return ApiRequest.get(USER_PATH).operation(INSPECT).idempotent(true).expect(AtomGitApi::readUser);
    }

    /**
     * What {@code GET /user} reported.
     *
     * @param owner the user as an owner
     * @param raw every field of the response
     */
    record UserInfo(Owner owner, Map<String, Object> raw) {}

    static UserInfo readUser(ApiResponse response) {
        JsonNode node = response.json();
        if (!node.isObject()) {
            throw new ResponseParseException("The " + AtomGitClientFactory.ID + " response to '" + INSPECT
                    + "' is not a JSON object", response.context());
        }
        String id = text(node.get(ID));
        if (id == null) {
            throw new ResponseParseException("The " + AtomGitClientFactory.ID + " response to '" + INSPECT
                    + "' has no user id (field '" + ID + "')", response.context());
        }
        Owner owner = Owner.of(id, text(node.get(LOGIN)), text(node.get(NAME)), kind(text(node.get(TYPE))));
        Map<String, Object> raw = response.mapper().convertValue(node, MAP);
        return new UserInfo(owner, raw);
    }

    private static Owner.Kind kind(String type) {
        if (type == null || type.equalsIgnoreCase("User")) {
            return Owner.Kind.USER;
        }
        if (type.equalsIgnoreCase("Bot")) {
            return Owner.Kind.BOT;
        }
        return Owner.Kind.UNKNOWN;
    }

    /** @return the node's text for a string or a number; null for anything else or blank text */
    static String text(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isNumber())) {
            return null;
        }
        String s = node.asText().strip();
        return s.isEmpty() ? null : s;
    }
}
