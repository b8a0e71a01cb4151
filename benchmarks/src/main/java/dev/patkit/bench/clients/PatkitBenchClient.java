package dev.patkit.bench.clients;

import dev.patkit.core.Authorization;
import dev.patkit.core.Owner;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import dev.patkit.servicestage.AccessKey;
import dev.patkit.servicestage.GitAuthorization;
import dev.patkit.servicestage.ServiceStageClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Patkit through its public API only: one {@link Patkit} found by {@code ServiceLoader}, and per
 * token a GitLab client for {@code /api/v4}, a GitHub client for the stub's root or a ServiceStage
 * client signing with an access key, each created lazily so a JVM that only inspects GitLab never
 * builds the others (nor needs their jars).
 */
public final class PatkitBenchClient implements BenchClient {

    private static final TokenQuery PAGES_OF_100 = TokenQuery.builder().pageSize(100).build();

    private final Patkit patkit;
    private final boolean ownsPatkit;
    private final String base;
    private final int index;
    private volatile ProviderClient gitlab;
    private volatile ProviderClient gitlabBig;
    private volatile ProviderClient github;
    private volatile ServiceStageClient serviceStage;

    /**
     * Creates the client.
     *
     * @param baseUrl the stub's base URL
     */
    public PatkitBenchClient(String baseUrl) {
        this(Patkit.create(), true, baseUrl, 0);
    }

    private PatkitBenchClient(Patkit patkit, boolean ownsPatkit, String baseUrl, int index) {
        this.patkit = patkit;
        this.ownsPatkit = ownsPatkit;
        this.base = baseUrl;
        this.index = index;
    }

    @Override
    public BenchClient forToken(int tokenIndex) {
        return new PatkitBenchClient(patkit, false, base, tokenIndex);
    }

    @Override
    public String name() {
        return "patkit";
    }

    @Override
    public boolean supports(Op op) {
        return true;
    }

    private synchronized ProviderClient gitlab(boolean big) {
        if (big) {
            if (gitlabBig == null) {
                gitlabBig = patkit.client("gitlab", URI.create(base + "/big/api/v4"), Token.of(BenchClient.gitlabToken(index)));
            }
            return gitlabBig;
        }
        if (gitlab == null) {
            gitlab = patkit.client("gitlab", URI.create(base + "/api/v4"), Token.of(BenchClient.gitlabToken(index)));
        }
        return gitlab;
    }

    private synchronized ProviderClient github() {
        if (github == null) {
            github = patkit.client("github", URI.create(base), Token.of(BenchClient.githubToken(index)));
        }
        return github;
    }

    private synchronized ServiceStageClient serviceStage() {
        if (serviceStage == null) {
            serviceStage = patkit.client("servicestage", URI.create(base + "/v1/proj1"),
                    AccessKey.of(BenchClient.accessKey(index), SS_SECRET_KEY)).unwrap(ServiceStageClient.class);
        }
        return serviceStage;
    }

    @Override
    public String call(Op op) {
        return switch (op) {
            case GITLAB_INSPECT -> gitlabSummary(gitlab(false).inspect());
            case GITLAB_LIST, GITLAB_LIST_BIG -> {
                AtomicInteger count = new AtomicInteger();
                AtomicReference<String> last = new AtomicReference<>();
                gitlab(op == Op.GITLAB_LIST_BIG).tokens().list(PAGES_OF_100).forEach(a -> {
                    count.incrementAndGet();
                    last.set(a.tokenId().orElse(null));
                });
                yield "count=" + count + " last=" + last;
            }
            case GITHUB_INSPECT -> {
                Authorization a = github().inspect();
                Owner owner = a.owner().orElseThrow();
                yield "login=" + owner.login().orElse(null) + " id=" + owner.id() + " scopes="
                        + BenchClient.scopes(a.scopes().names()) + " expires=" + a.expiresAt().orElse(null);
            }
            case SERVICESTAGE_LIST -> {
                List<GitAuthorization> all = serviceStage().listAuthorizations();
                GitAuthorization last = all.isEmpty() ? null : all.get(all.size() - 1);
                yield "count=" + all.size() + " last=" + (last == null ? null : last.name()) + " user="
                        + (last == null ? null : last.repoUser().orElse(null)) + " status="
                        + (last == null ? null : last.statusCode().orElse(null));
            }
        };
    }

    static String gitlabSummary(Authorization a) {
        return "id=" + a.tokenId().orElse(null) + " name=" + a.tokenName().orElse(null) + " scopes="
                + BenchClient.scopes(a.scopes().names()) + " active=" + a.isActive(java.time.Clock.systemUTC()) + " expires="
                + a.expiresAt().orElse(null) + " owner=" + a.owner().flatMap(Owner::login).orElse(null);
    }

    @Override
    public void close() {
        if (ownsPatkit) {
            patkit.close();
        }
    }
}
