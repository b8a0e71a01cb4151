package dev.patkit.core;

import dev.patkit.core.rotation.TokenRotator;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One family of tokens at a forge — a user's personal tokens, a GitLab project's or group's
 * tokens, an impersonated user's, a service account's — and what may be done with them.
 *
 * <p>Every family has the same operations; {@link #capabilities()} says which this one supports,
 * and the others throw {@link UnsupportedCapabilityException} with a hint for a person. The calls
 * block; {@link #async()} gives the same family with futures. A family is obtained from its client,
 * for example {@code client.tokens()} or {@code gitlab.projectTokens("42")}.
 *
 * <pre>{@code
 * Tokens tokens = client.tokens();
 * CreatedToken created = tokens.create(TokenSpec.of("deploy", List.of("read_api"), LocalDate.now().plusDays(30)));
 * tokens.revoke(created.authorization().tokenId().orElseThrow());
 * }</pre>
 *
 * <p>Implementations are thread-safe and cheap to obtain.
 */
public interface Tokens {

    /** @return a description for messages, for example {@code gitlab project 42 tokens at https://gitlab.com} */
    String describe();

    /** @return what this family supports: a subset of LIST, GET, CREATE, ROTATE and REVOKE */
    Set<Capability> capabilities();

    /**
     * Lists tokens lazily: pages are fetched as the stream is consumed, never all at once.
     *
     * @param query the filters; {@link TokenQuery#all()} for every token
     * @return the tokens
     */
    Stream<Authorization> list(TokenQuery query);

    /**
     * @param tokenId the token's id at the forge
     * @return the token's authorization
     */
    Authorization get(String tokenId);

    /**
     * Creates a token. The secret is in the result once and only there: store it before doing
     * anything else.
     *
     * @param spec name, scopes, expiry
     * @return the new token and its authorization
     */
    CreatedToken create(TokenSpec spec);

    /**
     * Rotates a token: the forge issues a new secret and revokes the old one.
     *
     * @param tokenId the token to rotate
     * @param expiresOn the new token's expiry date
     * @return the new token
     */
    CreatedToken rotate(String tokenId, LocalDate expiresOn);

    /**
     * Rotates a token with the expiry the forge chooses.
     *
     * @param tokenId the token to rotate
     * @return the new token
     */
    CreatedToken rotate(String tokenId);

    /** @param tokenId the token to revoke; revoking a token that is already gone succeeds */
    void revoke(String tokenId);

    /**
     * A rotator for one token of this family, for {@link dev.patkit.core.rotation.RotationPlan}: it
     * rotates by id and answers whether the old token still works by getting it.
     *
     * @param tokenId the token to rotate
     * @return the rotator
     */
    TokenRotator rotator(String tokenId);

    /** @return the same family with futures */
    AsyncTokens async();
}
