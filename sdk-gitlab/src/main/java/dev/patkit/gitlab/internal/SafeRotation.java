package dev.patkit.gitlab.internal;

import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.ConflictException;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.gitlab.GitLabRotationOutcomeException;
import dev.patkit.gitlab.GitLabRotationOutcomeException.OldTokenState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotation without the two ways GitLab can destroy a token family:
 * <ol>
 *   <li>rotating a token that was already rotated (GitLab's reuse detection then revokes the
 *       successor too, and issues none): before the rotate the token is read with a plain
 *       {@code GET}, and one that is revoked or expired, or that this client already rotated, is
 *       refused with a {@link ConflictException} before any POST;</li>
 *   <li>re-sending a rotate whose response was lost: the pipeline never re-sends a POST; here the
 *       old token is probed with a {@code GET} (safe: reuse detection watches only the rotate
 *       endpoints) and a {@link GitLabRotationOutcomeException} says what the probe saw and how to
 *       find the successor.</li>
 * </ol>
 * A probe that fails for another reason than a rejected token (403 for a token that may only
 * rotate itself, 404, transport) does not block the rotation. Every GitLab access token (personal,
 * project, group, service account) is a personal-access-token record with an id of one number
 * space, and {@code self} is the client's own token in every family, so the guard keys by id alone
 * and holds across families. Thread-safe.
 */
final class SafeRotation {

    private static final Logger LOG = LoggerFactory.getLogger(SafeRotation.class);

    /** How far before the call the recovery query looks, for clock skew between us and GitLab. */
    static final Duration SKEW = Duration.ofMinutes(5);

    /**
     * One rotation.
     *
     * @param tokenId the id as the caller gave it (may be {@code self})
     * @param probe a plain GET of the same token, where GitLab has one
     * @param unauthorizedMeansRevoked whether a 401 on the probe means the rotated token itself is
     *     dead (true when the probe authenticates with the rotated token)
     * @param rotate the rotate POST
     */
    record Target(String tokenId, Optional<ApiRequest<Authorization>> probe, boolean unauthorizedMeansRevoked,
            ApiRequest<CreatedToken> rotate) {}

    private final HttpPipeline pipeline;
    private final Clock clock;
    private final Set<String> rotated;

    SafeRotation(HttpPipeline pipeline, Clock clock, Set<String> rotated) {
        this.pipeline = pipeline;
        this.clock = clock;
        this.rotated = rotated;
    }

    CompletableFuture<CreatedToken> run(Target t) {
        ErrorContext context = ErrorContext.of("gitlab", t.rotate().operation());
        // One deadline for the check, the rotate and the probe after a lost answer together.
        long deadline = pipeline.newDeadline();
        if (rotated.contains(t.tokenId())) {
            return CompletableFuture.failedFuture(alreadyRotated(t, context));
        }
        CompletableFuture<Authorization> before = t.probe().isEmpty() ? CompletableFuture.completedFuture(null)
                : pipeline.send(t.probe().get().withDeadline(deadline)).handle((old, e) -> {
                    if (e == null) {
                        if (old.status() != AuthorizationStatus.ACTIVE) {
                            throw new CompletionException(new ConflictException("gitlab: not rotating token "
                                    + t.tokenId() + old.tokenName().map(n -> " '" + n + "'").orElse("") + ": it is "
                                    + old.status() + ". Rotating a token that may already have been rotated makes"
                                    + " GitLab revoke its whole token family. Create a new token instead.", context));
                        }
                        return old;
                    }
                    RuntimeException cause = Futures.unwrap(e);
                    if (cause instanceof AuthenticationException) {
                        throw new CompletionException(cause);
                    }
                    LOG.debug("gitlab: pre-rotation check of token {} failed ({}); rotating anyway", t.tokenId(),
                            cause.getClass().getSimpleName());
                    return null;
                });
        return before.thenCompose(old -> send(t, old, context, deadline));
    }

    private CompletableFuture<CreatedToken> send(Target t, Authorization old, ErrorContext context, long deadline) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(t.tokenId());
        if (old != null) {
            old.tokenId().ifPresent(keys::add);
        }
        Set<String> added = new LinkedHashSet<>();
        for (String k : keys) {
            if (!rotated.add(k)) {
                rotated.removeAll(added);
                return CompletableFuture.failedFuture(alreadyRotated(t, context));
            }
            added.add(k);
        }
        Instant sentAt = clock.instant();
        return pipeline.send(t.rotate().withDeadline(deadline)).handle((created, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(created);
            }
            RuntimeException cause = Futures.unwrap(e);
            if (cause instanceof AmbiguousOutcomeException lost) {
                return recover(t, old, sentAt, lost, deadline);
            }
            rotated.removeAll(keys);
            return CompletableFuture.<CreatedToken>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<CreatedToken> recover(Target t, Authorization old, Instant sentAt,
            AmbiguousOutcomeException lost, long deadline) {
        LOG.debug("gitlab: the response to {} was lost; probing the old token", t.rotate().operation());
        CompletableFuture<Probe> probe = t.probe().isEmpty()
                ? CompletableFuture.completedFuture(new Probe(OldTokenState.UNKNOWN, old, "there is no safe probe for this kind of token"))
                : pipeline.send(t.probe().get().withDeadline(deadline)).handle((now, e) -> {
                    if (e == null) {
                        OldTokenState state = switch (now.status()) {
                            case ACTIVE -> OldTokenState.ACTIVE;
                            case REVOKED -> OldTokenState.REVOKED;
                            default -> OldTokenState.UNKNOWN;
                        };
                        return new Probe(state, now, "the old token is " + now.status());
                    }
                    RuntimeException cause = Futures.unwrap(e);
                    if (cause instanceof AuthenticationException && t.unauthorizedMeansRevoked()) {
                        return new Probe(OldTokenState.REVOKED, old, "GitLab now rejects the old token (HTTP 401)");
                    }
                    return new Probe(OldTokenState.UNKNOWN, old, "the probe failed (" + cause.getClass().getSimpleName()
                            + (cause instanceof PatkitException pe && pe.httpStatus() > 0 ? ", HTTP " + pe.httpStatus() : "") + ")");
                });
        // The guard stays: even an old token that still works does not prove the rotation will not
        // take effect (a server behind a timed-out gateway may still be working on it), and a second
        // rotate of a rotated token makes GitLab revoke the whole family.
        return probe.thenCompose(p -> CompletableFuture.failedFuture(outcome(t, p, sentAt, lost)));
    }

    private record Probe(OldTokenState state, Authorization record, String said) {}

    private GitLabRotationOutcomeException outcome(Target t, Probe p, Instant sentAt, AmbiguousOutcomeException lost) {
        String name = p.record() == null ? null : p.record().tokenName().orElse(null);
        TokenQuery.Builder query = TokenQuery.builder().state(TokenQuery.State.ACTIVE)
                .createdAfter(sentAt.minus(SKEW)).sort("created_desc");
        if (name != null) {
            query.search(name);
        }
        if (p.record() != null && p.record().owner().isPresent()) {
            query.ownerId(p.record().owner().get().id());
        }
        String token = "token " + t.tokenId() + (name == null ? "" : " '" + name + "'");
        String find = "To find the successor, list active tokens" + (name == null ? "" : " named '" + name + "'")
                + " created after " + sentAt.minus(SKEW) + " (recoveryQuery())";
        String advice = switch (p.state()) {
            case ACTIVE -> "The old token still works, so the rotation most probably did not take effect. This client"
                    + " will not rotate it again, since a server that is slow to answer may still finish the first"
                    + " rotation. " + find + "; if there is none and the old token is still active a minute from now,"
                    + " rotate it with a new client.";
            case REVOKED -> "The old token now looks revoked, so the rotation very probably took effect and the new"
                    + " secret, which GitLab shows only once, is lost. " + find + (t.unauthorizedMeansRevoked()
                    ? " with another credential (this token can no longer authenticate)" : "")
                    + ", revoke it, and create or rotate a replacement.";
            default -> "Whether the old token was revoked is unknown. Check it, and " + Character.toLowerCase(find.charAt(0))
                    + find.substring(1) + ". Do not rotate it again until you know it is still active.";
        };
        return new GitLabRotationOutcomeException("gitlab: the response to '" + t.rotate().operation() + "' for " + token
                + " was lost, so the outcome is unknown. Patkit did not send it again: rotating an already rotated token"
                + " makes GitLab revoke the whole token family. Probe: " + p.said() + ". " + advice,
                lost.context(), lost, p.state(), t.tokenId(), Optional.ofNullable(name), sentAt, query.build());
    }

    private ConflictException alreadyRotated(Target t, ErrorContext context) {
        return new ConflictException("gitlab: not rotating token " + t.tokenId() + ": this client already rotated it"
                + " (or its outcome is unknown). Rotating a token that was already rotated makes GitLab revoke its whole"
                + " token family. Use the successor, or a client built with it.", context);
    }
}
