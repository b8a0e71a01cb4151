package dev.patkit.servicestage;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A forge credential stored in ServiceStage (a "repository authorization"), as ServiceStage
 * reports it. ServiceStage never returns the stored secret.
 *
 * @param name the authorization's name, unique per project
 * @param repoType the forge's type as sent ({@code github}, {@code gitlab}, {@code gitee},
 *     {@code bitbucket}, {@code codearts}, the legacy {@code devcloud}, or a newer value)
 * @param tokenType {@code personal}, {@code password} or {@code oauth}, if sent
 * @param repoHost the forge's API address, if sent (on a create, the host the request named when
 *     ServiceStage does not echo it)
 * @param repoHome the forge user's home page, if sent
 * @param repoUser the forge user the credential belongs to, if sent
 * @param avatar the forge user's avatar URL (ServiceStage's field {@code avartar}), if sent
 * @param createdAt when the authorization was created, if sent
 * @param updatedAt when it was last updated, if sent
 * @param statusCode ServiceStage's status: 0 normal, 1 overdue, 2 unauthenticated; empty if not sent
 * @param tag the authorization site type (list responses only), if sent
 * @param authorization the same record in Patkit's common model
 */
public record GitAuthorization(String name, String repoType, Optional<String> tokenType, Optional<String> repoHost,
        Optional<String> repoHome, Optional<String> repoUser, Optional<String> avatar, Optional<Instant> createdAt,
        Optional<Instant> updatedAt, Optional<Integer> statusCode, Optional<String> tag, Authorization authorization) {

    /**
     * Creates the record.
     *
     * @param name the name
     * @param repoType the forge's type
     * @param tokenType the token type
     * @param repoHost the forge's API address
     * @param repoHome the forge user's home page
     * @param repoUser the forge user
     * @param avatar the avatar URL
     * @param createdAt when created
     * @param updatedAt when updated
     * @param statusCode the status code
     * @param tag the site type
     * @param authorization the common model
     */
    public GitAuthorization {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repoType, "repoType");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(repoHost, "repoHost");
        Objects.requireNonNull(repoHome, "repoHome");
        Objects.requireNonNull(repoUser, "repoUser");
        Objects.requireNonNull(avatar, "avatar");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(authorization, "authorization");
    }

    /** @return the standing: 0 {@code ACTIVE}, 1 {@code EXPIRED}, 2 {@code INVALID}, otherwise {@code UNKNOWN} */
    public AuthorizationStatus status() {
        return authorization.status();
    }

    /**
     * Whether the forge is reached over plain {@code http}: ServiceStage accepts such a host for a
     * forge on a private network, and then sends the stored token to it unencrypted. Check that the
     * network path to the forge is trusted.
     *
     * @return true when {@link #repoHost()} is an {@code http://} address
     */
    public boolean hostOnPlainHttp() {
        return repoHost.map(h -> h.regionMatches(true, 0, "http://", 0, 7)).orElse(false);
    }

    /** @return the forge's type, if this version knows it */
    public Optional<RepoType> knownRepoType() {
        return RepoType.fromWire(repoType);
    }
}
