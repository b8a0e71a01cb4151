package dev.patkit.bench.clients;

import java.time.ZoneOffset;
import java.util.List;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.Pager;
import org.gitlab4j.api.models.PersonalAccessToken;

/**
 * gitlab4j-api: one {@link GitLabApi} (its Jersey client), {@code PersonalAccessTokenApi} for
 * the inspect call and gitlab4j's {@link Pager} (100 per page, lazy stream) for the list, so it
 * reads the same 500 tokens in the same 5 requests.
 */
public final class Gitlab4jClient implements BenchClient {

    private final GitLabApi api;
    private final String baseUrl;

    /**
     * Creates the client.
     *
     * @param baseUrl the stub's base URL (gitlab4j appends {@code /api/v4})
     */
    public Gitlab4jClient(String baseUrl) {
        this(baseUrl, GITLAB_TOKEN);
    }

    private Gitlab4jClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.api = new GitLabApi(baseUrl, token);
    }

    /** gitlab4j binds one token to a {@link GitLabApi}: a new one per token, as a user would build. */
    @Override
    public BenchClient forToken(int index) {
        return new Gitlab4jClient(baseUrl, BenchClient.gitlabToken(index));
    }

    @Override
    public String name() {
        return "gitlab4j";
    }

    @Override
    public boolean supports(Op op) {
        return op == Op.GITLAB_INSPECT || op == Op.GITLAB_LIST;
    }

    @Override
    public String call(Op op) throws GitLabApiException {
        return switch (op) {
            case GITLAB_INSPECT -> summary(api.getPersonalAccessTokenApi().getPersonalAccessToken()) + " owner="
                    + api.getUserApi().getCurrentUser().getUsername();
            case GITLAB_LIST -> {
                // PersonalAccessTokenApi.getPersonalAccessTokens() reads one page only; gitlab4j's
                // own paged methods are built on Pager, so the list goes through it.
                long[] countAndLast = new long[2];
                new Pager<>(api.getPersonalAccessTokenApi(), PersonalAccessToken.class, 100, null,
                        "personal_access_tokens").lazyStream().forEach(t -> {
                            summary(t);
                            countAndLast[0]++;
                            countAndLast[1] = t.getId();
                        });
                yield "count=" + countAndLast[0] + " last=" + countAndLast[1];
            }
            default -> throw new UnsupportedOperationException("gitlab4j: not compared on " + op.label());
        };
    }

    private static String summary(PersonalAccessToken t) {
        List<String> scopes = t.getScopes().stream().map(Object::toString).toList();
        return "id=" + t.getId() + " name=" + t.getName() + " scopes=" + BenchClient.scopes(scopes) + " active="
                + t.isActive() + " expires=" + t.getExpiresAt().toInstant().atOffset(ZoneOffset.UTC)
                        .toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public void close() {
        api.close();
    }
}
