package dev.patkit.gitlab.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.Authorization;
import dev.patkit.core.Capability;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.Token;
import dev.patkit.core.Tokens;
import dev.patkit.core.spi.BaseProviderClient;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.TokenFamily;
import dev.patkit.gitlab.GitLabAccessLevel;
import dev.patkit.gitlab.GitLabAssociation;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.gitlab.GitLabClientFactory;
import dev.patkit.gitlab.GitLabServiceAccounts;
import dev.patkit.gitlab.internal.GitLabEndpoints.Family;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The GitLab client, composed: inspection and the Git check ({@link GitLabInspection}), the token
 * families (each a {@link GitLabTokens} on the paths {@link GitLabEndpoints} gives), the service
 * accounts ({@link DefaultServiceAccounts}) and the web pages ({@link GitLabWeb}), sharing one
 * {@link GitLabContext}; everything else comes from {@link BaseProviderClient}.
 */
public final class DefaultGitLabClient extends BaseProviderClient implements GitLabClient {

    /** GitLab's default maximum token lifetime, in days. */
    public static final int DEFAULT_MAX_LIFETIME_DAYS = 365;

    private final Token token;
    private final GitLabContext context;
    private final PersonalTokens personal;
    private final GitLabInspection inspection;

    /**
     * Creates a client; {@code GitLabClientFactory} does this.
     *
     * @param pipeline the pipeline, authenticating with {@code PRIVATE-TOKEN}
     * @param token the client's token, for Git credentials
     * @param clock the clock for expiry checks
     * @param mapper the JSON mapper, fetched only when a response needs it
     */
    public DefaultGitLabClient(HttpPipeline pipeline, Token token, Clock clock, Supplier<ObjectMapper> mapper) {
        this(token, GitLabContext.create(pipeline, clock, mapper, DEFAULT_MAX_LIFETIME_DAYS));
    }

    private DefaultGitLabClient(Token token, GitLabContext context) {
        super(GitLabClientFactory.ID, context.pipeline(), EnumSet.of(Capability.INSPECT, Capability.GIT_CREDENTIALS,
                Capability.AUTHENTICATE_REQUESTS));
        this.token = Objects.requireNonNull(token, "token");
        this.context = context;
        this.personal = new PersonalTokens(context);
        this.inspection = new GitLabInspection(context);
    }

    @Override
    protected TokenFamily tokenFamily() {
        return personal;
    }

    /** The client's own token, read as {@link GitLabInspection} describes. */
    @Override
    protected CompletableFuture<Authorization> inspection() {
        return inspection.inspect();
    }

    @Override
    public GitLabClient withMaxTokenLifetime(int days) {
        if (days < 1 || days > 400) {
            throw new IllegalArgumentException("GitLab token lifetimes are 1 to 400 days");
        }
        return new DefaultGitLabClient(token, context.withMaxDays(days));
    }

    @Override
    public int maxTokenLifetimeDays() {
        return context.maxDays();
    }

    @Override
    public URI webCreationLink(String name, Collection<String> scopes) {
        return context.web().creationLink(name, scopes);
    }

    @Override
    public Stream<GitLabAssociation> associations() {
        return pipeline().paginate(context.api().associations(Optional.empty()));
    }

    @Override
    public Stream<GitLabAssociation> associations(GitLabAccessLevel minimum) {
        return pipeline().paginate(context.api().associations(Optional.of(Objects.requireNonNull(minimum, "minimum"))));
    }

    // ---- git -----------------------------------------------------------------------------------

    @Override
    public GitCredentials gitCredentials() {
        return new GitCredentials(GIT_USERNAME, token, Optional.empty());
    }

    @Override
    public GitCredentials checkedGitCredentials(boolean push) {
        return Futures.join(inspection.gitCredentials(token, push));
    }

    // ---- the other token families --------------------------------------------------------------

    @Override
    public Tokens projectTokens(String projectId) {
        return resourceTokens(GitLabJson.Kind.PROJECT, projectId, Optional.empty());
    }

    @Override
    public Tokens projectTokens(String projectId, GitLabAccessLevel accessLevel) {
        return resourceTokens(GitLabJson.Kind.PROJECT, projectId, Optional.of(accessLevel));
    }

    @Override
    public Tokens groupTokens(String groupId) {
        return resourceTokens(GitLabJson.Kind.GROUP, groupId, Optional.empty());
    }

    @Override
    public Tokens groupTokens(String groupId, GitLabAccessLevel accessLevel) {
        return resourceTokens(GitLabJson.Kind.GROUP, groupId, Optional.of(accessLevel));
    }

    private Tokens resourceTokens(GitLabJson.Kind kind, String id, Optional<GitLabAccessLevel> accessLevel) {
        String what = kind.tokenKind();
        String checked = GitLabChecks.resource(what + " tokens", what, id);
        return new GitLabTokens(context, Family.resource(kind, checked, accessLevel)).sync();
    }

    @Override
    public Tokens impersonationTokens(String userId) {
        String user = GitLabChecks.userId("impersonation tokens", userId);
        return new GitLabTokens(context, Family.impersonation(user)).sync();
    }

    @Override
    public GitLabServiceAccounts groupServiceAccounts(String groupId) {
        return new DefaultServiceAccounts(context,
                Optional.of(GitLabChecks.resource("group service accounts", "group", groupId)));
    }

    @Override
    public GitLabServiceAccounts instanceServiceAccounts() {
        return new DefaultServiceAccounts(context, Optional.empty());
    }

    @Override
    public String toString() {
        return "GitLabClient[" + baseUri() + ", " + token + "]";
    }
}
