package dev.patkit.github.internal;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.Capability;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.PatkitException;
import dev.patkit.core.Token;
import dev.patkit.core.TokenKind;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.TokenFamily;
import dev.patkit.github.GitHubScopes;
import dev.patkit.github.RevocationReport;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The personal tokens of a GitHub client's user, as far as GitHub's API reaches them: the client's
 * own token revokes itself ({@code revoke("self")}); creating, rotating, listing and reading tokens
 * happen in the web UI only, so those operations fail before any request with the page that does
 * them. Thread-safe.
 */
final class GitHubTokens extends TokenFamily {

    private static final String ID = GitHubChecks.ID;

    private final URI baseUri;
    private final Token token;
    private final HttpPipeline pipeline;
    private final Pacer mutations;
    private final CredentialRevocations revocations;

    GitHubTokens(URI baseUri, Token token, HttpPipeline pipeline, Pacer mutations, CredentialRevocations revocations) {
        super(ID, "github personal tokens at " + baseUri, revocable(token) ? EnumSet.of(Capability.REVOKE) : Set.of());
        this.baseUri = baseUri;
        this.token = token;
        this.pipeline = pipeline;
        this.mutations = mutations;
        this.revocations = revocations;
    }

    /** Whether the token can revoke itself over the API: an installation token, or a kind {@code /credentials/revoke} takes. */
    static boolean revocable(Token token) {
        return token.kind() == TokenKind.GITHUB_APP_INSTALLATION || GitHubChecks.REVOCABLE.contains(token.kind());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only {@code self}: an installation token ({@code ghs_}) revokes itself with
     * {@code DELETE /installation/token}; the kinds {@code POST /credentials/revoke} takes go there;
     * a legacy 40-hex token cannot be revoked over the API.
     */
    @Override
    public CompletableFuture<Void> revoke(String tokenId) {
        if (!"self".equals(tokenId)) {
            return CompletableFuture.failedFuture(ValidationException.badInput(ID, "revoke token",
                    "GitHub has no token ids a user can revoke by: use revoke(\"self\") for this client's token,"
                            + " revokeCredentials(tokens) for token values, or revokeGrant(org, id) for an"
                            + " organisation's fine-grained token grant"));
        }
        if (token.kind() == TokenKind.GITHUB_APP_INSTALLATION) {
            // The documented self-revoke of an installation token.
            return mutations.run(() -> pipeline.send(GitHubEndpoints.revokeInstallationToken()));
        }
        if (!GitHubChecks.REVOCABLE.contains(token.kind())) {
            return CompletableFuture.failedFuture(new UnsupportedCapabilityException(ID, Capability.REVOKE,
                    "A " + token.kind() + " token cannot be revoked over GitHub's API (POST /credentials/revoke takes"
                            + " ghp_, github_pat_, gho_, ghu_ and ghr_ tokens only). Delete it in the web UI:",
                    WebLinks.tokenList(baseUri, false)));
        }
        return revocations.revoke(List.of(token)).thenCompose(report -> {
            RevocationReport.Batch batch = report.batches().get(0);
            return batch.outcome() == RevocationReport.Outcome.ACCEPTED
                    ? CompletableFuture.<Void>completedFuture(null)
                    : CompletableFuture.<Void>failedFuture(batch.error().orElseGet(() ->
                            new PatkitException("github: the revocation was not sent", ErrorContext.of("github", "revoke token"))));
        });
    }

    /** Checks the request, then fails with the pre-filled web page that creates such a token. */
    @Override
    public CompletableFuture<CreatedToken> create(TokenSpec spec) {
        return Futures.attempt(() -> {
            Objects.requireNonNull(spec, "spec");
            if (spec.name().isBlank()) {
                throw ValidationException.badInput(ID, "create a token", "The token's name must not be blank");
            }
            if (spec.scopes().isEmpty()) {
                return CompletableFuture.failedFuture(new UnsupportedCapabilityException(ID, Capability.CREATE,
                        "Create a fine-grained token in the web UI (choose its repositories and permissions there),"
                                + " then give Patkit the new token and inspect it:", WebLinks.newFineGrainedToken(baseUri)));
            }
            GitHubScopes.CATALOGUE.requireKnown(spec.scopes());
            String note = spec.description().filter(d -> !d.isBlank()).orElse(spec.name());
            return CompletableFuture.failedFuture(new UnsupportedCapabilityException(ID, Capability.CREATE,
                    "Create the classic token in the web UI with this pre-filled link, then give Patkit the new token and"
                            + " inspect it:", WebLinks.newClassicToken(baseUri, spec.scopes(), note)));
        });
    }

    @Override
    protected UnsupportedCapabilityException unsupported(Capability capability) {
        boolean fineGrained = token.kind() == TokenKind.GITHUB_FINE_GRAINED_PAT;
        URI newToken = fineGrained ? WebLinks.newFineGrainedToken(baseUri) : WebLinks.newClassicToken(baseUri, List.of(), null);
        return switch (capability) {
            case CREATE -> new UnsupportedCapabilityException(ID, capability,
                    "Create it in the web UI, then give Patkit the new token and inspect it:", newToken);
            case ROTATE -> new UnsupportedCapabilityException(ID, capability,
                    "Create a successor in the web UI, switch to it, then revoke this token with revoke(\"self\"):",
                    newToken);
            case LIST, GET -> new UnsupportedCapabilityException(ID, capability,
                    "A user's own tokens are only shown in the web UI; organisation owners can list fine-grained token"
                            + " grants with listGrants(org, query) and a GitHub App installation token:",
                    WebLinks.tokenList(baseUri, fineGrained));
            default -> super.unsupported(capability);
        };
    }
}
