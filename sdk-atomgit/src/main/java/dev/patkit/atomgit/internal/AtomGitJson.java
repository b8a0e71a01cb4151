package dev.patkit.atomgit.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.atomgit.AtomGitClientFactory;
import dev.patkit.core.Owner;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.spi.ApiResponse;
import java.util.Optional;
import java.util.Map;

/** The JSON fields Patkit reads from AtomGit's answers, into core values. */
final class AtomGitJson {

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

    private AtomGitJson() {}

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
            throw new ResponseParseException("The " + AtomGitClientFactory.ID + " response to '" + AtomGitEndpoints.INSPECT
                    + "' is not a JSON object", response.context());
        }
        String id = text(node.get(ID));
        if (id == null) {
            throw new ResponseParseException("The " + AtomGitClientFactory.ID + " response to '" + AtomGitEndpoints.INSPECT
                    + "' has no user id (field '" + ID + "')", response.context());
        }
        Owner owner = new Owner(id, Optional.ofNullable(text(node.get(LOGIN))), Optional.ofNullable(text(node.get(NAME))), kind(text(node.get(TYPE))));
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
