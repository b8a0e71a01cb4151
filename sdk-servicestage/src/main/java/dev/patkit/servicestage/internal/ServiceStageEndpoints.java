package dev.patkit.servicestage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.servicestage.GitAuthorization;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.RepoType;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every ServiceStage git-authorization request Patkit sends: paths, headers and request bodies
 * (reference B.2, B.3); the answers are read by {@link ServiceStageJson}. All paths are below the
 * v1 API: {@code /v1/{project_id}/git/...}.
 */
public final class ServiceStageEndpoints {

    /**
     * The {@code Content-Type} ServiceStage's git-auth pages mark mandatory on every call, the
     * body-less {@code GET} and {@code DELETE} included (reference B.2, "Request headers").
     */
    public static final String CONTENT_TYPE = "application/json;charset=utf8";

    /** Header naming a stored authorization on repository calls. */
    public static final String REPO_AUTH_HEADER = "X-Repo-Auth";

    private ServiceStageEndpoints() {}

    /** @param projectId the project @return {@code /v1/{project_id}/git/auths} */
    static String auths(String projectId) {
        return "/v1/" + ApiRequest.segment(projectId) + "/git/auths";
    }

    /** {@code GET /v1/{project_id}/git/auths}: {@code {"authorizations":[...],"count":n}}. */
    static ApiRequest<List<GitAuthorization>> list(String projectId, ServiceStageJson mapping) {
        return ApiRequest.get(auths(projectId)).operation("list repository authorizations")
                .expect(r -> mapping.list(r));
    }

    /** {@code POST .../git/auths/{repo_type}/personal} with {@code {"name","token","host"}}; the token goes in as a Token. */
    static ApiRequest<GitAuthorization> createPersonal(String projectId, PersonalAuthorization request, ServiceStageJson mapping) {
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
            dev.patkit.core.Token password, ServiceStageJson mapping) {
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
            String state, Optional<String> tag, ServiceStageJson mapping) {
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

}
