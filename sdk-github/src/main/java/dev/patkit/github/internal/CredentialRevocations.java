package dev.patkit.github.internal;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.Capability;
import dev.patkit.core.PatkitException;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.Token;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.github.RevocationReport;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's {@code POST /credentials/revoke} flow: tokens checked and batched
 * ({@link GitHubChecks#revocationBatches}), a GitHub Enterprise Server's version read once per host
 * (the endpoint exists from 3.18 on), batches sent one at a time through the unauthenticated
 * pacer, and a report per batch; after a rate limit the rest are not sent. Thread-safe.
 */
final class CredentialRevocations {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialRevocations.class);
    /** The first GitHub Enterprise Server release with {@code POST /credentials/revoke}. */
    static final HostVersions.Version SINCE = new HostVersions.Version(3, 18);

    private final HttpPipeline pipeline;
    private final URI baseUri;
    private final String origin;
    private final HostVersions versions;
    private final Pacer anonymousMutations;

    CredentialRevocations(HttpPipeline pipeline, URI baseUri, String origin, HostVersions versions, Pacer anonymousMutations) {
        this.pipeline = pipeline;
        this.baseUri = baseUri;
        this.origin = origin;
        this.versions = versions;
        this.anonymousMutations = anonymousMutations;
    }

    /** @return whether this host is a GitHub Enterprise Server already known to be older than 3.18 */
    boolean knownTooOld() {
        return isEnterpriseServer() && versions.known(origin).map(v -> v.compareTo(SINCE) < 0).orElse(false);
    }

    /** Whether the base is a GitHub Enterprise Server: neither api.github.com nor a GHE.com host. */
    private boolean isEnterpriseServer() {
        String host = baseUri.getHost() == null ? "" : baseUri.getHost().toLowerCase(Locale.ROOT);
        return !host.equals("api.github.com") && !host.endsWith(".ghe.com");
    }

    /** Revokes token values: checked, in batches, after the server's version where that matters. */
    CompletableFuture<RevocationReport> revoke(Collection<Token> tokens) {
        return Futures.attempt(() -> send(GitHubChecks.revocationBatches(tokens)));
    }

    private CompletableFuture<RevocationReport> send(List<List<Token>> batches) {
        if (!isEnterpriseServer()) {
            return sendRevocations(batches);
        }
        return versions.of(origin, this::readServerVersion).handle((version, error) -> {
            if (error != null) {
                LOG.debug("github: the server version of {} could not be read ({}); sending the revocation anyway", origin,
                        Futures.unwrap(error).getClass().getSimpleName());
                return Optional.<HostVersions.Version>empty();
            }
            return version;
        }).thenCompose(version -> {
            if (version.isPresent() && version.get().compareTo(SINCE) < 0) {
                return CompletableFuture.failedFuture(new UnsupportedCapabilityException(GitHubChecks.ID, Capability.REVOKE,
                        "This GitHub Enterprise Server is version " + version.get() + "; POST /credentials/revoke exists"
                                + " from 3.18 on. Delete the tokens in the web UI (or have their owners do it):",
                        WebLinks.tokenList(baseUri, false)));
            }
            return sendRevocations(batches);
        });
    }

    /**
     * Reads a GitHub Enterprise Server's version once: {@code GET /meta}, from its
     * {@code X-GitHub-Enterprise-Version} header or its {@code installed_version} field.
     */
    private CompletableFuture<Optional<HostVersions.Version>> readServerVersion() {
        return pipeline.send(GitHubEndpoints.serverVersion())
                .exceptionallyCompose(e -> {
                    // An answer without a version (an error status) is an answer: the host is not asked again.
                    RuntimeException cause = Futures.unwrap(e);
                    return cause instanceof PatkitException p && p.httpStatus() > 0
                            ? CompletableFuture.completedFuture(Optional.empty()) : CompletableFuture.failedFuture(cause);
                });
    }

    private CompletableFuture<RevocationReport> sendRevocations(List<List<Token>> batches) {
        CompletableFuture<List<RevocationReport.Batch>> done = CompletableFuture.completedFuture(new ArrayList<>());
        for (int i = 0; i < batches.size(); i++) {
            int index = i + 1;
            List<Token> batch = batches.get(i);
            List<String> fingerprints = batch.stream().map(Token::fingerprint).toList();
            ApiRequest<Integer> request = GitHubEndpoints.revokeCredentials(index, batches.size(), batch);
            done = done.thenCompose(results -> {
                boolean stopped = results.stream().anyMatch(b -> b.outcome() == RevocationReport.Outcome.NOT_SENT
                        || b.error().filter(RateLimitedException.class::isInstance).isPresent());
                if (stopped) {
                    results.add(new RevocationReport.Batch(index, fingerprints, RevocationReport.Outcome.NOT_SENT, 0,
                            Optional.empty()));
                    return CompletableFuture.completedFuture(results);
                }
                return anonymousMutations.run(() -> pipeline.send(request)).handle((status, error) -> {
                    if (error == null) {
                        results.add(new RevocationReport.Batch(index, fingerprints, RevocationReport.Outcome.ACCEPTED,
                                status, Optional.empty()));
                    } else {
                        RuntimeException cause = Futures.unwrap(error);
                        PatkitException p = cause instanceof PatkitException pe ? pe
                                : new PatkitException("github: batch " + index + " failed (" + cause.getClass().getSimpleName()
                                        + ")", ErrorContext.of("github", "revoke credentials"), cause);
                        results.add(new RevocationReport.Batch(index, fingerprints, RevocationReport.Outcome.FAILED,
                                p.httpStatus(), Optional.of(p)));
                    }
                    return results;
                });
            });
        }
        return done.thenApply(RevocationReport::new);
    }
}
