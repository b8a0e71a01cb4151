package dev.patkit.servicestage;

import dev.patkit.core.Credential;
import dev.patkit.core.Token;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A Huawei Cloud IAM token, sent as {@code X-Auth-Token} on every ServiceStage request.
 *
 * <p>IAM tokens live 24 hours and cannot be renewed by Patkit; use {@link IamPassword} for a token
 * that is obtained and renewed automatically. {@code toString()} shows the kind and a fingerprint
 * only; {@link #equals} compares in constant time; the class is not serialisable. Immutable and
 * thread-safe.
 */
public final class IamToken implements Credential {

    private final Token token;
    private final String region;
    private final URI iamEndpoint;

    private IamToken(Token token, String region, URI iamEndpoint) {
        this.token = Objects.requireNonNull(token, "token");
        this.region = region;
        this.iamEndpoint = iamEndpoint;
    }

    /**
     * Wraps an IAM token.
     *
     * @param token the token, as read from IAM's {@code X-Subject-Token} header
     * @return the credential
     */
    public static IamToken of(Token token) {
        return new IamToken(token, null, null);
    }

    /**
     * The same credential with the region whose project is looked up when the client's base URI
     * names no project id. Default: the region in the ServiceStage host name.
     *
     * @param region the region, for example {@code cn-north-4}
     * @return a new credential
     */
    public IamToken withRegion(String region) {
        return new IamToken(token, CredentialSupport.requireRegion(region), iamEndpoint);
    }

    /**
     * The same credential with an explicit IAM endpoint for project-id lookups. Default:
     * {@code https://iam.{region}.myhuaweicloud.com}.
     *
     * @param endpoint the IAM endpoint, for example {@code https://iam.cn-north-4.myhuaweicloud.com}
     * @return a new credential
     */
    public IamToken withIamEndpoint(URI endpoint) {
        return new IamToken(token, region, CredentialSupport.requireEndpoint(endpoint, "IAM endpoint"));
    }

    /**
     * The token. Meant for the code that puts it on the wire.
     *
     * @return the token
     */
    public Token token() {
        return token;
    }

    /** @return the region set with {@link #withRegion}, if any */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** @return the IAM endpoint set with {@link #withIamEndpoint}, if any */
    public Optional<URI> iamEndpoint() {
        return Optional.ofNullable(iamEndpoint);
    }

    @Override
    public String fingerprint() {
        return token.fingerprint();
    }

    /**
     * Compares in constant time.
     *
     * @param o the other object
     * @return true for the same token, region and endpoint
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof IamToken t && token.equals(t.token) && Objects.equals(region, t.region)
                && Objects.equals(iamEndpoint, t.iamEndpoint);
    }

    @Override
    public int hashCode() {
        return token.hashCode();
    }

    /** @return {@code IamToken[sha256:xxxxxxxx]} */
    @Override
    public String toString() {
        return "IamToken[sha256:" + fingerprint() + "]";
    }
}
