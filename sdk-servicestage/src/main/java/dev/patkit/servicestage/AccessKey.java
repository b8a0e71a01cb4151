package dev.patkit.servicestage;

import dev.patkit.core.Credential;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A Huawei Cloud access key pair (AK/SK), optionally temporary with a security token: requests are
 * signed with {@code SDK-HMAC-SHA256}.
 *
 * <p>{@code toString()} shows the kind and a fingerprint of the secret key only; {@link #equals}
 * compares in constant time; the class is not serialisable. Immutable and thread-safe.
 */
public final class AccessKey implements Credential {

    private final String accessKeyId;
    private final String secretKey;
    private final String securityToken;
    private final String region;
    private final URI iamEndpoint;
    private final String fingerprint;

    private AccessKey(String accessKeyId, String secretKey, String securityToken, String region, URI iamEndpoint) {
        this.accessKeyId = CredentialSupport.requireText(accessKeyId, "access key id", false);
        this.secretKey = CredentialSupport.requireText(secretKey, "secret key", false);
        this.securityToken = securityToken == null ? null
                : CredentialSupport.requireText(securityToken, "security token", false);
        this.region = region;
        this.iamEndpoint = iamEndpoint;
        this.fingerprint = CredentialSupport.fingerprint(secretKey);
    }

    /**
     * A permanent access key.
     *
     * @param accessKeyId the access key id (AK)
     * @param secretKey the secret access key (SK)
     * @return the credential
     * @throws IllegalArgumentException if a value is empty or holds white space; the message never
     *     holds the value
     */
    public static AccessKey of(String accessKeyId, String secretKey) {
        return new AccessKey(accessKeyId, secretKey, null, null, null);
    }

    /**
     * The same key as a temporary one: the security token is sent (and signed) as
     * {@code X-Security-Token}.
     *
     * @param securityToken the security token that came with the temporary key
     * @return a new credential
     */
    public AccessKey withSecurityToken(String securityToken) {
        return new AccessKey(accessKeyId, secretKey, Objects.requireNonNull(securityToken, "securityToken"), region,
                iamEndpoint);
    }

    /**
     * The same credential with the region whose project is looked up when the client's base URI
     * names no project id. Default: the region in the ServiceStage host name.
     *
     * @param region the region, for example {@code cn-north-4}
     * @return a new credential
     */
    public AccessKey withRegion(String region) {
        return new AccessKey(accessKeyId, secretKey, securityToken, CredentialSupport.requireRegion(region), iamEndpoint);
    }

    /**
     * The same credential with an explicit IAM endpoint for project-id lookups. Default:
     * {@code https://iam.{region}.myhuaweicloud.com}.
     *
     * @param endpoint the IAM endpoint
     * @return a new credential
     */
    public AccessKey withIamEndpoint(URI endpoint) {
        return new AccessKey(accessKeyId, secretKey, securityToken, region,
                CredentialSupport.requireEndpoint(endpoint, "IAM endpoint"));
    }

    /** @return the access key id (AK); an identifier, not a secret, but kept out of {@code toString()} */
    public String accessKeyId() {
        return accessKeyId;
    }

    /**
     * Reveals the secret key. Meant for the signer; never log the result.
     *
     * @return the secret key
     */
    public String revealSecretKey() {
        return secretKey;
    }

    /**
     * Reveals the security token of a temporary key. Meant for the signer; never log the result.
     *
     * @return the security token, if this is a temporary key
     */
    public Optional<String> revealSecurityToken() {
        return Optional.ofNullable(securityToken);
    }

    /** @return whether this is a temporary key with a security token */
    public boolean isTemporary() {
        return securityToken != null;
    }

    /** @return the region set with {@link #withRegion}, if any */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** @return the IAM endpoint set with {@link #withIamEndpoint}, if any */
    public Optional<URI> iamEndpoint() {
        return Optional.ofNullable(iamEndpoint);
    }

    /** @return the first 8 hex digits of the SHA-256 of the secret key */
    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Compares in constant time.
     *
     * @param o the other object
     * @return true for the same keys, security token, region and endpoint
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AccessKey k)) {
            return false;
        }
        boolean same = CredentialSupport.same(accessKeyId, k.accessKeyId);
        same &= CredentialSupport.same(secretKey, k.secretKey);
        same &= CredentialSupport.same(securityToken, k.securityToken);
        return same && Objects.equals(region, k.region) && Objects.equals(iamEndpoint, k.iamEndpoint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    /** @return {@code AccessKey[sha256:xxxxxxxx]}, or {@code AccessKey[temporary sha256:xxxxxxxx]} */
    @Override
    public String toString() {
        return "AccessKey[" + (securityToken != null ? "temporary " : "") + "sha256:" + fingerprint + "]";
    }
}
