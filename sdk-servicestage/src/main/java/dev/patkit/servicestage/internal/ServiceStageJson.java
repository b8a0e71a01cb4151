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
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.JsonRecords;
import dev.patkit.servicestage.GitAuthorization;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of ServiceStage's answers (reference B.2, B.3): authorization records onto
 * {@link GitAuthorization} and the common model, lists read field by field from the bytes
 * ({@link RecordFields}), creates from the tree.
 */
final class ServiceStageJson {
    private final URI host;
    private final java.util.function.Supplier<ObjectMapper> mapper;

    /** Takes the mapper lazily: clients are built on paths that never parse JSON. */
    ServiceStageJson(URI host, java.util.function.Supplier<ObjectMapper> mapper) {
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
                        int start = JsonRecords.start(p);
                        RecordFields fields = RecordFields.read(p);
                        out.add(record(fields, r, JsonRecords.fields(mapper.get(), body, start, JsonRecords.end(p))));
                    }
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            return treeList(r); // malformed: the tree reader raises the error every JSON response gets
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
                .createdAt(Optional.ofNullable(f.createTime()))
                .tokenKind(repoType + ":" + (tokenType == null ? "unknown" : tokenType))
                .scopes(Scopes.unknown(), ValueSource.SERVER)
                .raw(raw);
        if (repoUser != null) {
            b.owner(new Owner(repoUser, Optional.ofNullable(repoUser), Optional.empty(), Owner.Kind.USER), ValueSource.SERVER);
        }
        return new GitAuthorization(name, repoType, Optional.ofNullable(tokenType),
                Optional.ofNullable(f.repoHost()), Optional.ofNullable(f.repoHome()), Optional.ofNullable(repoUser),
                Optional.ofNullable(f.avartar()).or(() -> Optional.ofNullable(f.avatar())),
                Optional.ofNullable(f.createTime()), Optional.ofNullable(f.updateTime()),
                Optional.ofNullable(f.status()), Optional.ofNullable(f.tag()), b.build());
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
