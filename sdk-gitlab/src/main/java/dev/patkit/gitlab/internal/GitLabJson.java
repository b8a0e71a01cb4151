package dev.patkit.gitlab.internal;

import static dev.patkit.gitlab.internal.GitLabJsonFields.GRANULAR;
import static dev.patkit.gitlab.internal.GitLabJsonFields.ID;
import static dev.patkit.gitlab.internal.GitLabJsonFields.NAME;
import static dev.patkit.gitlab.internal.GitLabJsonFields.TOKEN;
import static dev.patkit.gitlab.internal.GitLabJsonFields.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.Owner;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.Scopes;
import dev.patkit.core.Token;
import dev.patkit.core.ValueSource;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.JsonRecords;
import dev.patkit.gitlab.GitLabAssociation;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.gitlab.GitLabScopes;
import dev.patkit.gitlab.GitLabServiceAccount;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * GitLab's responses as core values: token records ({@link GitLabJsonFields} reads their fields;
 * {@code token} comes on create and rotate only), {@code GET /user}, service accounts and the
 * associations document.
 *
 * <p>Every field but {@code id} is optional (older GitLab lacks {@code description},
 * {@code last_used_at}, {@code last_used_ips}); unknown fields are kept in
 * {@link Authorization#raw()}. A granular (fine-grained) token is one with {@code "granular": true}
 * or scopes {@code ["granular"]} (github-gitlab.md, GitLab §4, granular tokens on GitLab.com).
 * Expiry follows GitLab's rule: a token with {@code expires_at} {@code D} stops working at
 * {@code D}T00:00Z.
 */
final class GitLabJson {

    private final URI host;
    private final Clock clock;
    private final Supplier<ObjectMapper> mapper;

    /** Takes the mapper lazily: clients are built on paths that never parse JSON (git credentials). */
    GitLabJson(URI host, Clock clock, Supplier<ObjectMapper> mapper) {
        this.host = host;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** How one endpoint family's records are read: the kind of token and of owner. */
    record Kind(String tokenKind, Owner.Kind ownerKind) {
        static final Kind PERSONAL = new Kind(GitLabClient.KIND_PERSONAL, Owner.Kind.USER);
        static final Kind IMPERSONATION = new Kind(GitLabClient.KIND_IMPERSONATION, Owner.Kind.USER);
        static final Kind PROJECT = new Kind(GitLabClient.KIND_PROJECT, Owner.Kind.BOT);
        static final Kind GROUP = new Kind(GitLabClient.KIND_GROUP, Owner.Kind.BOT);
        static final Kind SERVICE_ACCOUNT = new Kind(GitLabClient.KIND_SERVICE_ACCOUNT, Owner.Kind.SERVICE_ACCOUNT);
    }

    /**
     * One token record, read from the body's bytes without a tree: fields go straight into the
     * {@link Authorization}, and {@link Authorization#raw()} is read from the record's own bytes
     * only when asked for.
     */
    Authorization authorization(ApiResponse response, Kind kind) {
        byte[] body = response.body();
        try (JsonParser p = mapper.get().getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notShaped(response.context(), "a token record with an 'id'");
            }
            return record(p, body, kind, response.context());
        } catch (IOException e) {
            // Malformed JSON: the tree reader raises the same error every JSON response gets.
            return authorization(response.json(), kind, response.context());
        }
    }

    /**
     * A page of token records, streamed from the body's bytes (no tree per page or per token).
     * Pages of lists are where mapping costs: a tree per page and a map per token were most of the
     * CPU and allocation of a listing.
     */
    List<Authorization> authorizations(ApiResponse response, Kind kind) {
        byte[] body = response.body();
        try (JsonParser p = mapper.get().getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw notShaped(response.context(), "a JSON array of tokens");
            }
            List<Authorization> out = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    throw notShaped(response.context(), "a token record with an 'id'");
                }
                out.add(record(p, body, kind, response.context()));
            }
            return out;
        } catch (IOException e) {
            JsonNode array = response.json();
            if (!array.isArray()) {
                throw notShaped(response.context(), "a JSON array of tokens");
            }
            List<Authorization> out = new ArrayList<>(array.size());
            array.forEach(n -> out.add(authorization(n, kind, response.context())));
            return out;
        }
    }

    private Authorization record(JsonParser p, byte[] body, Kind kind, ErrorContext context) throws IOException {
        int start = JsonRecords.start(p);
        GitLabJsonFields f = GitLabJsonFields.read(p);
        int end = JsonRecords.end(p);
        if (f.id == null) {
            throw notShaped(context, "a token record with an 'id'");
        }
        return build(f, kind, context, JsonRecords.fields(mapper.get(), body, start, end));
    }

    /** A new token's record and its secret, from a create or rotate response. */
    CreatedToken created(ApiResponse response, Kind kind) {
        JsonNode n = response.json();
        JsonNode secret = n.path(TOKEN);
        if (!secret.isTextual() || secret.asText().isEmpty()) {
            throw notShaped(response.context(), "a token record with its new 'token'");
        }
        Authorization record = authorization(n, kind, response.context());
        Token token;
        try {
            token = Token.of(secret.asText());
        } catch (RuntimeException e) {
            // Not attached: nothing about the secret may reach a message.
            throw new ResponseParseException("The " + record.provider() + " response to '"
                    + response.context().operation() + "' holds a new token that is not valid token text",
                    response.context());
        }
        return new CreatedToken(record, token);
    }

    Authorization authorization(JsonNode n, Kind kind, ErrorContext context) {
        if (!n.isObject() || !n.hasNonNull(ID)) {
            throw notShaped(context, "a token record with an 'id'");
        }
        return build(GitLabJsonFields.read(n), kind, context, () -> toMap(n));
    }

    private Authorization build(GitLabJsonFields f, Kind kind, ErrorContext context,
            Supplier<Map<String, Object>> raw) {
        Authorization.Builder b = Authorization.builder("gitlab", host).tokenId(Optional.ofNullable(f.id))
                .tokenName(Optional.ofNullable(f.name));
        if (f.userId != null) {
            b.owner(new Owner(f.userId, Optional.empty(), Optional.empty(), kind.ownerKind()), ValueSource.SERVER);
        }
        if (f.granular || (f.scopes != null && f.scopes.size() == 1 && GRANULAR.equals(f.scopes.get(0)))) {
            // A granular token's "scopes" is ["granular"]: its permissions are in granular_scopes, so
            // whether it may do X has no yes/no answer (GitLabGranularScope reads them).
            b.scopes(Scopes.unknown(), ValueSource.SERVER);
        } else if (f.scopes != null) {
            b.scopes(Scopes.of(f.scopes, GitLabScopes.CATALOGUE), ValueSource.SERVER);
        }
        LocalDate expiresOn = f.expiresOn(context);
        Instant expiresAt = expiresOn == null ? null : expiresOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        b.expiresAt(Optional.ofNullable(expiresAt), ValueSource.SERVER);
        b.status(status(f, expiresAt));
        b.createdAt(Optional.ofNullable(f.created(context)));
        b.lastUsedAt(Optional.ofNullable(f.lastUsed(context)));
        if (f.ips != null) {
            b.lastUsedFrom(f.ips);
        }
        b.tokenKind(f.impersonation ? GitLabClient.KIND_IMPERSONATION : kind.tokenKind());
        b.raw(raw);
        return b.build();
    }

    /**
     * GitLab's standing: revoked, else inactive and not revoked means expired, else active. When an
     * old GitLab leaves out {@code active}, the expiry date decides, by the client's clock.
     */
    private AuthorizationStatus status(GitLabJsonFields f, Instant expiresAt) {
        if (f.revoked) {
            return AuthorizationStatus.REVOKED;
        }
        if (f.active != null) {
            return f.active ? AuthorizationStatus.ACTIVE : AuthorizationStatus.EXPIRED;
        }
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            return AuthorizationStatus.EXPIRED;
        }
        return AuthorizationStatus.ACTIVE;
    }

    /**
     * The owner of an inspected token from {@code GET /user}: its id, {@code username} and
     * {@code name}; a user flagged {@code "bot": true} (the bot of a project or group token) is a
     * {@link Owner.Kind#BOT}.
     *
     * @param response the {@code /user} response
     * @return the owner; empty when the document has no id
     */
    Optional<Owner> user(ApiResponse response) {
        JsonNode n = response.json();
        if (!n.isObject() || !n.hasNonNull(ID)) {
            return Optional.empty();
        }
        Owner.Kind kind = n.path("bot").asBoolean(false) ? Owner.Kind.BOT : Owner.Kind.USER;
        return Optional.of(new Owner(n.get(ID).asText(), Optional.ofNullable(text(n, "username")), Optional.ofNullable(text(n, NAME)), kind));
    }

    List<GitLabServiceAccount> serviceAccounts(ApiResponse response) {
        JsonNode array = response.json();
        if (!array.isArray()) {
            throw notShaped(response.context(), "a JSON array of service accounts");
        }
        List<GitLabServiceAccount> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(serviceAccount(n, response.context())));
        return out;
    }

    GitLabServiceAccount serviceAccount(JsonNode n, ErrorContext context) {
        if (!n.isObject() || !n.hasNonNull(ID)) {
            throw notShaped(context, "a service account with an 'id'");
        }
        return new GitLabServiceAccount(n.get(ID).asText(), Optional.ofNullable(text(n, "username")),
                Optional.ofNullable(text(n, NAME)), Optional.ofNullable(text(n, "email")), toMap(n));
    }

    List<GitLabAssociation> associations(ApiResponse response) {
        JsonNode n = response.json();
        if (!n.isObject()) {
            throw notShaped(response.context(), "an object with 'groups' and 'projects'");
        }
        List<GitLabAssociation> out = new ArrayList<>();
        for (JsonNode g : n.path("groups")) {
            out.add(association(GitLabAssociation.Type.GROUP, g, null, response.context()));
        }
        for (JsonNode p : n.path("projects")) {
            out.add(association(GitLabAssociation.Type.PROJECT, p, text(p, "path_with_namespace"), response.context()));
        }
        return out;
    }

    private GitLabAssociation association(GitLabAssociation.Type type, JsonNode n, String path, ErrorContext context) {
        if (!n.isObject() || !n.hasNonNull(ID)) {
            throw notShaped(context, "associations with an 'id'");
        }
        String name = Optional.ofNullable(text(n, "name_with_namespace")).orElse(Optional.ofNullable(text(n, NAME)).orElse(""));
        return new GitLabAssociation(type, n.get(ID).asText(), name, Optional.ofNullable(path),
                Optional.ofNullable(text(n, "web_url")), toMap(n));
    }

    private Map<String, Object> toMap(JsonNode n) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = mapper.get().convertValue(n, LinkedHashMap.class);
        return map;
    }

    private static ResponseParseException notShaped(ErrorContext context, String expected) {
        return new ResponseParseException("The gitlab response to '" + context.operation() + "' is not " + expected,
                context);
    }
}
