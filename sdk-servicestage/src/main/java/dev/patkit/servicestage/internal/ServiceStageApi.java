package dev.patkit.servicestage.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Owner;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.Scopes;
import dev.patkit.core.ValueSource;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.servicestage.GitAuthorization;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.RepoType;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ServiceStage git-authorization wire contract in one place: paths, headers, request bodies
 * and the JSON of responses (reference B.2, B.3). All paths are below the v1 API:
 * {@code /v1/{project_id}/git/...}.
 */
public final class ServiceStageApi {

    /**
     * The {@code Content-Type} ServiceStage's git-auth pages mark mandatory on every call, the
     * body-less {@code GET} and {@code DELETE} included (reference B.2, "Request headers").
     */
    public static final String CONTENT_TYPE = "application/json;charset=utf8";

    /** Header naming a stored authorization on repository calls. */
    public static final String REPO_AUTH_HEADER = "X-Repo-Auth";

    private ServiceStageApi() {}

    /** @param projectId the project @return {@code /v1/{project_id}/git/auths} */
    static String auths(String projectId) {
        return "/v1/" + ApiRequest.segment(projectId) + "/git/auths";
    }

    /** {@code GET /v1/{project_id}/git/auths}: {@code {"authorizations":[...],"count":n}}. */
    static ApiRequest<List<GitAuthorization>> list(String projectId, Mapping mapping) {
        return ApiRequest.get(auths(projectId)).operation("list repository authorizations")
                .expect(r -> mapping.list(r));
    }

    /** {@code POST .../git/auths/{repo_type}/personal} with {@code {"name","token","host"}}; the token goes in as a Token. */
    static ApiRequest<GitAuthorization> createPersonal(String projectId, PersonalAuthorization request, Mapping mapping) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", request.name());
        body.put("token", request.token());
        request.host().ifPresent(h -> body.put("host", h.toString()));
        return ApiRequest.post(auths(projectId) + "/" + request.repoType().wireName() + "/personal").json(body)
                .operation("create personal authorization '" + request.name() + "'")
                .expect(r -> mapping.created(r, request.host()));
    }

    /** {@code POST .../git/auths/{repo_type}/password} with {@code {"name","user","password"}}. */
    static ApiRequest<GitAuthorization> createPassword(String projectId, RepoType type, String name, String user,
            dev.patkit.core.Token password, Mapping mapping) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("user", user);
        body.put("password", password);
        return ApiRequest.post(auths(projectId) + "/" + type.wireName() + "/password").json(body)
                .operation("create password authorization '" + name + "'").expect(r -> mapping.created(r, Optional.empty()));
    }

    /** {@code GET .../git/auths/{repo_type}/redirect?tag=}: {@code {"url":"..."}}. */
    static ApiRequest<URI> redirect(String projectId, RepoType type, Optional<String> tag) {
        return ApiRequest.get(auths(projectId) + "/" + type.wireName() + "/redirect").query("tag", tag.orElse(null))
                .operation("get OAuth redirect URL").expect(r -> {
                    JsonNode url = r.json().path("url");
                    if (!url.isTextual()) {
                        throw new ResponseParseException("The ServiceStage redirect response holds no url",
                                r.context());
                    }
                    try {
                        return URI.create(url.asText());
                    } catch (IllegalArgumentException e) {
                        throw new ResponseParseException("The ServiceStage redirect url is not a valid URI",
                                r.context());
                    }
                });
    }

    /** {@code POST .../git/auths/{repo_type}/oauth?tag=} with {@code {"name","code","state"}}. */
    static ApiRequest<GitAuthorization> createOAuth(String projectId, RepoType type, String name, String code,
            String state, Optional<String> tag, Mapping mapping) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("code", code);
        body.put("state", state);
        return ApiRequest.post(auths(projectId) + "/" + type.wireName() + "/oauth").query("tag", tag.orElse(null)).json(body)
                .operation("complete OAuth authorization '" + name + "'").expect(r -> mapping.created(r, Optional.empty()));
    }

    /** {@code DELETE .../git/auths/{name}}: 204, empty body. */
    static ApiRequest<Void> delete(String projectId, String name) {
        return ApiRequest.delete(auths(projectId) + "/" + ApiRequest.segment(name))
                .operation("delete repository authorization '" + name + "'").expect(r -> null);
    }

    /** {@code GET /v1/{project_id}/git/repos/namespaces} with {@code X-Repo-Auth}: {@code {"namespaces":[{"id","name"}]}}. */
    static ApiRequest<List<String>> namespaces(String projectId, String name) {
        return ApiRequest.get("/v1/" + ApiRequest.segment(projectId) + "/git/repos/namespaces")
                .header(REPO_AUTH_HEADER, name)
                .operation("verify repository authorization '" + name + "'").expect(r -> {
                    List<String> out = new ArrayList<>();
                    for (JsonNode ns : r.json().path("namespaces")) {
                        JsonNode n = ns.path("name");
                        out.add(n.isTextual() ? n.asText() : ns.path("id").asText());
                    }
                    return List.copyOf(out);
                });
    }

    /** Maps authorization records onto {@link GitAuthorization} and the common model. */
    static final class Mapping {
        private final URI host;
        private final java.util.function.Supplier<ObjectMapper> mapper;

        /** Takes the mapper lazily: clients are built on paths that never parse JSON. */
        Mapping(URI host, java.util.function.Supplier<ObjectMapper> mapper) {
            this.host = host;
            this.mapper = mapper;
        }

        /**
         * The list, read record by record from the body's bytes, field by field with no tree in
         * between; {@link Authorization#raw()} is read from the record's own bytes when asked for
         * (no map built per record up front).
         */
        List<GitAuthorization> list(ApiResponse r) {
            byte[] body = r.body();
            try (JsonParser p = mapper.get().getFactory().createParser(body)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return treeList(r);
                }
                List<GitAuthorization> out = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if (!field.equals("authorizations")) {
                        p.readValueAsTree(); // read, not skipped: the mapper's read limits apply to it too
                    } else if (v != JsonToken.START_ARRAY) {
                        return treeList(r); // null, missing or misshapen: as the tree reading decides
                    } else {
                        out.clear(); // a repeated key: the last one counts, as in a tree
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            int start = (int) p.currentTokenLocation().getByteOffset();
                            RecordFields fields = RecordFields.read(p);
                            int end = (int) p.currentLocation().getByteOffset();
                            out.add(record(fields, r, () -> toMap(body, start, end - start)));
                        }
                    }
                }
                return List.copyOf(out);
            } catch (IOException e) {
                return treeList(r); // malformed: the tree reader raises the error every JSON response gets
            }
        }

        private Map<String, Object> toMap(byte[] body, int offset, int length) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = mapper.get().readValue(body, offset, length, Map.class);
                return map;
            } catch (IOException e) {
                // Unreachable: these bytes were parsed once already. Not attached: it may quote a value.
                throw new IllegalStateException("An authorization record could not be read again ("
                        + e.getClass().getSimpleName() + ")");
            }
        }

        private List<GitAuthorization> treeList(ApiResponse r) {
            JsonNode items = r.json().path("authorizations");
            if (!items.isArray() && !items.isMissingNode() && !items.isNull()) {
                throw new ResponseParseException("The ServiceStage list response's authorizations is not an array",
                        r.context());
            }
            List<GitAuthorization> out = new ArrayList<>();
            for (JsonNode item : items) {
                out.add(record(item, r));
            }
            return List.copyOf(out);
        }

        /** A create's record; when ServiceStage leaves out {@code repo_host}, the host the request named. */
        GitAuthorization created(ApiResponse r, Optional<URI> requestedHost) {
            JsonNode a = r.json().path("authorization");
            if (!a.isObject()) {
                throw new ResponseParseException("The ServiceStage create response holds no authorization", r.context());
            }
            GitAuthorization g = record(a, r);
            if (requestedHost.isEmpty() || g.repoHost().isPresent()) {
                return g;
            }
            return new GitAuthorization(g.name(), g.repoType(), g.tokenType(), Optional.of(requestedHost.get().toString()),
                    g.repoHome(), g.repoUser(), g.avatar(), g.createdAt(), g.updatedAt(), g.statusCode(), g.tag(),
                    g.authorization());
        }

        GitAuthorization record(JsonNode n, ApiResponse r) {
            return record(n, r, () -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> raw = mapper.get().convertValue(n, Map.class);
                return raw;
            });
        }

        private GitAuthorization record(JsonNode n, ApiResponse r, java.util.function.Supplier<Map<String, Object>> raw) {
            return record(RecordFields.of(n), r, raw);
        }

        private GitAuthorization record(RecordFields f, ApiResponse r, java.util.function.Supplier<Map<String, Object>> raw) {
            String name = f.name();
            if (name == null) {
                throw new ResponseParseException("A ServiceStage authorization record has no name", r.context());
            }
            String repoType = Optional.ofNullable(f.repoType()).orElse("unknown");
            String tokenType = f.tokenType();
            String repoUser = f.repoUser();
            Authorization.Builder b = Authorization.builder("servicestage", host)
                    .tokenId(name)
                    .tokenName(name)
                    .status(status(f.status()))
                    .createdAt(f.createTime())
                    .tokenKind(repoType + ":" + (tokenType == null ? "unknown" : tokenType))
                    .scopes(Scopes.unknown(), ValueSource.SERVER)
                    .raw(raw);
            if (repoUser != null) {
                b.owner(Owner.of(repoUser, repoUser, null, Owner.Kind.USER), ValueSource.SERVER);
            }
            return new GitAuthorization(name, repoType, Optional.ofNullable(tokenType),
                    Optional.ofNullable(f.repoHost()), Optional.ofNullable(f.repoHome()), Optional.ofNullable(repoUser),
                    Optional.ofNullable(f.avartar()).or(() -> Optional.ofNullable(f.avatar())),
                    Optional.ofNullable(f.createTime()), Optional.ofNullable(f.updateTime()),
                    Optional.ofNullable(f.status()), Optional.ofNullable(f.tag()), b.build());
        }
    }

    /**
     * ServiceStage's status code as a standing.
     *
     * @param code 0 normal, 1 overdue, 2 unauthenticated; null when absent
     * @return the standing
     */
    static AuthorizationStatus status(Integer code) {
        if (code == null) {
            return AuthorizationStatus.UNKNOWN;
        }
        switch (code) {
            case 0:
                return AuthorizationStatus.ACTIVE;
            case 1:
                return AuthorizationStatus.EXPIRED;
            case 2:
                return AuthorizationStatus.INVALID;
            default:
                return AuthorizationStatus.UNKNOWN;
        }
    }
}
