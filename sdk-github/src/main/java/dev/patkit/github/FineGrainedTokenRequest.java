package dev.patkit.github;

import dev.patkit.core.Owner;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pending request for a fine-grained personal access token to access an organisation, from
 * {@code GET /orgs/{org}/personal-access-token-requests}. Immutable.
 *
 * @param id the request's id ({@code pat_request_id} in the review and repository calls)
 * @param owner the token's owner
 * @param reason why the owner asked, if they said
 * @param repositorySelection {@code none}, {@code all} or {@code subset}
 * @param permissions the requested permissions by group ({@code organization}, {@code repository},
 *     {@code other})
 * @param createdAt when the request was made, if reported
 * @param tokenId the token's id, if reported
 * @param tokenName the token's name, if reported
 * @param tokenExpired whether the token has expired
 * @param tokenExpiresAt when the token expires; empty when it never does
 * @param tokenLastUsedAt when the token was last used, if ever
 * @param raw every field as GitHub sent it
 */
public record FineGrainedTokenRequest(long id, Owner owner, Optional<String> reason, String repositorySelection,
        Map<String, Map<String, String>> permissions, Optional<Instant> createdAt, Optional<Long> tokenId,
        Optional<String> tokenName, boolean tokenExpired, Optional<Instant> tokenExpiresAt,
        Optional<Instant> tokenLastUsedAt, Map<String, Object> raw) {

    /**
     * Creates a request.
     *
     * @param id the request's id
     * @param owner the owner
     * @param reason the reason
     * @param repositorySelection the repository selection
     * @param permissions the permissions
     * @param createdAt when it was made
     * @param tokenId the token's id
     * @param tokenName the token's name
     * @param tokenExpired whether it expired
     * @param tokenExpiresAt its expiry
     * @param tokenLastUsedAt its last use
     * @param raw the raw fields
     */
    public FineGrainedTokenRequest {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(repositorySelection, "repositorySelection");
        permissions = Map.copyOf(permissions);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(tokenName, "tokenName");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        Objects.requireNonNull(tokenLastUsedAt, "tokenLastUsedAt");
        raw = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw));
    }
}
