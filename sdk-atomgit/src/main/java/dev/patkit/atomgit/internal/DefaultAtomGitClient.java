package dev.patkit.atomgit.internal;

import dev.patkit.atomgit.AtomGitClient;
import dev.patkit.atomgit.AtomGitClientFactory;
import dev.patkit.atomgit.AtomGitScopes;
import dev.patkit.atomgit.RecordedToken;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Capability;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.Owner;
import dev.patkit.core.PatkitException;
import dev.patkit.core.Scopes;
import dev.patkit.core.Token;
import dev.patkit.core.ValueSource;
import dev.patkit.core.spi.BaseProviderClient;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.ProviderContext;
import dev.patkit.core.spi.TokenFamily;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AtomGitClient}: {@code GET /user} through the core pipeline, the caller's record for
 * name, scopes and expiry, the owner's shared rate-limit budget; its token family
 * ({@link AtomGitTokens}) gives the web-UI hints for the rest.
 *
 * <p>Thread-safe. Clients made by {@link #withRecord} share one {@link Shared} state: the token,
 * the pipeline and the owner learned from the server.
 */
public final class DefaultAtomGitClient extends BaseProviderClient implements AtomGitClient {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultAtomGitClient.class);

    private static final Set<Capability> OWN =
            EnumSet.of(Capability.INSPECT, Capability.GIT_CREDENTIALS, Capability.AUTHENTICATE_REQUESTS);

    /** What every view of one token shares. */
    private static final class Shared {
        final URI baseUri;
        final Token token;
        final HttpPipeline pipeline;
        final Clock clock;
        final URI tokenPage;
        final AtomGitTokens tokens;
        final AtomicReference<Owner> learnedOwner = new AtomicReference<>();

        Shared(URI baseUri, Token token, HttpPipeline pipeline, Clock clock) {
            this.baseUri = baseUri;
            this.token = token;
            this.pipeline = pipeline;
            this.clock = clock;
            this.tokenPage = WebUi.tokenPage(baseUri);
            this.tokens = new AtomGitTokens(baseUri, tokenPage);
        }
    }

    private final Shared shared;
    private final Optional<RecordedToken> record;

    private DefaultAtomGitClient(Shared shared, Optional<RecordedToken> record) {
        super(AtomGitClientFactory.ID, shared.pipeline, OWN);
        this.shared = shared;
        this.record = record;
    }

    /**
     * Creates a client and its pipeline.
     *
     * @param context the shared HTTP client, mapper, clock and options
     * @param baseUri the API base
     * @param token the token
     * @param record what the caller recorded, if anything
     * @return the client
     */
    public static DefaultAtomGitClient create(ProviderContext context, URI baseUri, Token token,
            Optional<RecordedToken> record) {
        HttpPipeline pipeline = context.pipeline(new PipelineSpec(AtomGitClientFactory.ID, baseUri,
                AtomGitEndpoints.bearer(token), AtomGitErrors.INSTANCE, Map.of()));
        DefaultAtomGitClient client = new DefaultAtomGitClient(new Shared(baseUri, token, pipeline, context.clock()), record);
        client.useRecordedBudget();
        return client;
    }

    private void useRecordedBudget() {
        if (shared.learnedOwner.get() == null) {
            record.flatMap(RecordedToken::ownerId).ifPresent(shared.pipeline::useBudget);
        }
    }

    @Override
    protected TokenFamily tokenFamily() {
        return shared.tokens;
    }

    @Override
    protected CompletableFuture<Authorization> inspection() {
        // A rejected token (401) is an answer: INVALID, or EXPIRED when its recorded expiry has passed.
        return shared.pipeline.send(AtomGitEndpoints.currentUser().withMapper(r -> accepted(AtomGitJson.readUser(r)))
                .whenRejected(r -> rejected()));
    }

    private Authorization accepted(AtomGitJson.UserInfo user) {
        Owner owner = user.owner();
        Owner previous = shared.learnedOwner.getAndSet(owner);
        shared.pipeline.useBudget(owner.id());
        if (previous == null || !previous.id().equals(owner.id())) {
            LOG.debug("{}: the token acts as user {}; its requests count against that user's rate limit",
                    AtomGitClientFactory.ID, owner.login().orElse(owner.id()));
        }
        return recordedValues()
                .owner(owner, ValueSource.SERVER)
                .status(AuthorizationStatus.ACTIVE)
                .raw(user.raw())
                .build();
    }

    private Authorization rejected() {
        Owner learned = shared.learnedOwner.get();
        Authorization.Builder b = recordedValues().status(recordedExpiryPassed()
                ? AuthorizationStatus.EXPIRED : AuthorizationStatus.INVALID);
        if (learned != null) {
            b.owner(learned, ValueSource.SERVER);
        }
        return b.build();
    }

    @Override
    public Authorization recordedAuthorization() {
        return recordedValues().status(recordedExpiryPassed() ? AuthorizationStatus.EXPIRED : AuthorizationStatus.UNKNOWN)
                .build();
    }

    /** The values only the caller can know; the owner too when recorded, to be replaced by the server's. */
    private Authorization.Builder recordedValues() {
        Authorization.Builder b = Authorization.builder(AtomGitClientFactory.ID, shared.baseUri)
                .tokenKind(AtomGitJson.TOKEN_KIND);
        record.ifPresent(r -> {
            r.name().ifPresent(b::tokenName);
            r.scopes().ifPresent(s -> b.scopes(Scopes.of(s, AtomGitScopes.CATALOGUE), ValueSource.CALLER));
            r.expiresAt().ifPresent(at -> b.expiresAt(at, ValueSource.CALLER));
        });
        recordedOwner().ifPresent(o -> b.owner(o, ValueSource.CALLER));
        return b;
    }

    private Optional<Owner> recordedOwner() {
        return record.flatMap(r -> r.ownerId().map(id -> new Owner(id, r.ownerLogin(), Optional.empty(), Owner.Kind.USER)));
    }

    private boolean recordedExpiryPassed() {
        Instant now = shared.clock.instant();
        return record.flatMap(RecordedToken::expiresAt).map(e -> !now.isBefore(e)).orElse(false);
    }

    @Override
    public Optional<Owner> knownOwner() {
        Owner learned = shared.learnedOwner.get();
        return learned != null ? Optional.of(learned) : recordedOwner();
    }

    @Override
    public GitCredentials gitCredentials() {
        String login = Optional.ofNullable(shared.learnedOwner.get()).flatMap(Owner::login)
                .or(() -> record.flatMap(RecordedToken::ownerLogin))
                .orElse(null);
        if (login == null) {
            Authorization a = inspect();
            ErrorContext ctx = ErrorContext.of(AtomGitClientFactory.ID, Capability.GIT_CREDENTIALS.describe());
            if (a.status() != AuthorizationStatus.ACTIVE) {
                throw new AuthenticationException(AtomGitClientFactory.ID + " rejected the token (HTTP 401), so it"
                        + " cannot be used for Git over HTTPS. Check it, or create a new one at " + shared.tokenPage,
                        ctx.withStatus(401));
            }
            login = a.owner().flatMap(Owner::login).orElseThrow(() -> new PatkitException(AtomGitClientFactory.ID
                    + " did not report the login of the token's owner, which Git over HTTPS needs as the user name."
                    + " Record it with RecordedToken.builder().ownerLogin(...).", ctx));
        }
        return new GitCredentials(login, shared.token, record.flatMap(RecordedToken::expiresAt));
    }

    @Override
    public Optional<RecordedToken> recorded() {
        return record;
    }

    @Override
    public AtomGitClient withRecord(RecordedToken newRecord) {
        DefaultAtomGitClient view = new DefaultAtomGitClient(shared, Optional.of(Objects.requireNonNull(newRecord, "record")));
        view.useRecordedBudget();
        return view;
    }

    @Override
    public URI tokenPage() {
        return shared.tokenPage;
    }

    @Override
    public String toString() {
        return "AtomGitClient[" + shared.baseUri + ", " + shared.token + record.map(r -> ", " + r).orElse("") + "]";
    }
}
