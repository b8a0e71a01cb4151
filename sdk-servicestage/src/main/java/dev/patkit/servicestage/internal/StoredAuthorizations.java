package dev.patkit.servicestage.internal;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Capability;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.TokenFamily;
import dev.patkit.servicestage.GitAuthorization;
import java.net.URI;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The stored authorizations as ServiceStage's default token family: list (with {@code search},
 * name contains, and {@code state} applied here, as ServiceStage filters nothing), get by name and
 * revoke (delete the stored record; the token stays valid at the forge). Creating and rotating are
 * not ServiceStage's: their exceptions say what to call instead.
 */
final class StoredAuthorizations extends TokenFamily {

    private static final URI CONSOLE_HELP =
            URI.create("https://support.huaweicloud.com/intl/en-us/usermanual-servicestage/servicestage_03_0076.html");

    private final Authorizations ops;
    private final HttpPipeline pipeline;

    StoredAuthorizations(Authorizations ops, HttpPipeline pipeline) {
        super(DefaultServiceStageClient.PROVIDER, "servicestage repository authorizations at " + pipeline.baseUri(),
                EnumSet.of(Capability.LIST, Capability.GET, Capability.REVOKE));
        this.ops = ops;
        this.pipeline = pipeline;
    }

    /** The stored authorizations, fetched when the stream is first consumed. */
    @Override
    public Stream<Authorization> list(TokenQuery query) {
        return Stream.of(query)
                .flatMap(q -> pipeline.paginate(ServiceStageEndpoints.list(Futures.join(ops.projectId()), ops.mapping())))
                .map(GitAuthorization::authorization)
                .filter(a -> query.search().map(s -> a.tokenName().orElse("").contains(s)).orElse(true))
                .filter(a -> query.state().map(s -> (s == TokenQuery.State.ACTIVE) == (a.status() == AuthorizationStatus.ACTIVE))
                        .orElse(true));
    }

    @Override
    public CompletableFuture<Authorization> get(String name) {
        return ops.find(name).thenApply(found -> found.map(GitAuthorization::authorization)
                .orElseThrow(() -> new NotFoundException(DefaultServiceStageClient.PROVIDER
                        + ": no repository authorization named '" + name + "' in project " + ops.projectIds().known(),
                        ErrorContext.of(DefaultServiceStageClient.PROVIDER, "get repository authorization"))));
    }

    /** Deletes the stored authorization of that name; the token stays valid at the forge. */
    @Override
    public CompletableFuture<Void> revoke(String name) {
        return ops.delete(name);
    }

    @Override
    protected UnsupportedCapabilityException unsupported(Capability capability) {
        return unsupportedAt(capability);
    }

    /**
     * What to do instead of an operation ServiceStage has not got; the client's own refusals use it too.
     *
     * @param capability the missing operation
     * @return the exception
     */
    static UnsupportedCapabilityException unsupportedAt(Capability capability) {
        String hint;
        switch (capability) {
            case CREATE:
                hint = "ServiceStage stores forge tokens; it does not issue them. Create the token at the forge, then"
                        + " register it with ServiceStageClient.createPersonal(...).";
                break;
            case ROTATE:
                hint = "ServiceStage has no update. Rotate the token at the forge, then use ServiceStageClient.replace(...),"
                        + " which registers the new token under a new name, verifies it and deletes the old one.";
                break;
            case GIT_CREDENTIALS:
                hint = "ServiceStage never returns a stored credential; use the forge token itself.";
                break;
            default:
                hint = "Use the ServiceStage console.";
        }
        return new UnsupportedCapabilityException(DefaultServiceStageClient.PROVIDER, capability, hint, CONSOLE_HELP);
    }
}
