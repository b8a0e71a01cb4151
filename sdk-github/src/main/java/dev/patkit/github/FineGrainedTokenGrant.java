package dev.patkit.github;

import dev.patkit.core.Owner;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An organisation's approved access grant for one fine-grained personal access token, from
 * {@code GET /orgs/{org}/personal-access-tokens}. Immutable.
 *
 * @param id the grant's id ({@code pat_id} in the revoke and repository calls)
 * @param owner the token's owner
 * @param repositorySelection {@code none}, {@code all} or {@code subset}
 * @param permissions the granted permissions by group ({@code organization}, {@code repository},
 *     {@code other}), each mapping a permission to its level such as {@code read}
 * @param accessGrantedAt when the organisation granted access, if reported
 * @param tokenId the token's id, if reported
 * @param tokenName the token's name, if reported
 * @param tokenExpired whether the token has expired
 * @param tokenExpiresAt when the token expires; empty when it never does
 * @param tokenLastUsedAt when the token was last used, if ever
 * @param raw every field as GitHub sent it
 */
public record FineGrainedTokenGrant(long id, Owner owner, String repositorySelection,
        Map<String, Map<String, String>> permissions, Optional<Instant> accessGrantedAt, Optional<Long> tokenId,
        Optional<String> tokenName, boolean tokenExpired, Optional<Instant> tokenExpiresAt,
        Optional<Instant> tokenLastUsedAt, Map<String, Object> raw) {

    /**
     * Creates a grant.
     *
     * @param id the grant's id
     * @param owner the owner
     * @param repositorySelection the repository selection
     * @param permissions the permissions
     * @param accessGrantedAt when access was granted
     * @param tokenId the token's id
     * @param tokenName the token's name
     * @param tokenExpired whether it expired
     * @param tokenExpiresAt its expiry
     * @param tokenLastUsedAt its last use
     * @param raw the raw fields
     */
    public FineGrainedTokenGrant {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(repositorySelection, "repositorySelection");
        permissions = Map.copyOf(permissions);
        Objects.requireNonNull(accessGrantedAt, "accessGrantedAt");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(tokenName, "tokenName");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        Objects.requireNonNull(tokenLastUsedAt, "tokenLastUsedAt");
        raw = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(raw));
    }
}
