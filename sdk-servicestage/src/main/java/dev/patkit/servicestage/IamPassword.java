package dev.patkit.servicestage;

import dev.patkit.core.Credential;
import dev.patkit.core.Token;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An IAM user's password login: Patkit obtains an IAM token with
 * {@code POST https://iam.{region}.myhuaweicloud.com/v3/auth/tokens}, sends it as
 * {@code X-Auth-Token}, keeps it until shortly before it expires, and renews it once when
 * ServiceStage answers 401.
 *
 * <p>The token is scoped to the project named after the region. A HUAWEI ID (consumer account)
 * cannot log in this way: create an IAM user. Accounts with virtual MFA cannot use it either.
 * {@code toString()} shows the kind and a fingerprint only; {@link #equals} compares in constant
 * time; the class is not serialisable. Immutable and thread-safe.
 */
public final class IamPassword implements Credential {

    private final String domain;
    private final String user;
    private final Token password;
    private final String region;
    private final URI iamEndpoint;
    private final String fingerprint;

    private IamPassword(IamPassword login, URI iamEndpoint) {
        this.domain = login.domain;
        this.user = login.user;
        this.password = login.password;
        this.region = login.region;
        this.iamEndpoint = iamEndpoint;
        this.fingerprint = login.fingerprint;
    }

    private IamPassword(String domain, String user, String password, String region) {
        this.domain = CredentialSupport.requireText(domain, "account (domain) name", true);
        this.user = CredentialSupport.requireText(user, "IAM user name", true);
        this.password = Token.password(CredentialSupport.requireText(password, "password", true));
        this.region = CredentialSupport.requireRegion(region);
        this.iamEndpoint = null;
        this.fingerprint = CredentialSupport.fingerprint(domain, user, password);
    }

    /**
     * A password login.
     *
     * @param domain the account (domain) name the IAM user belongs to
     * @param user the IAM user name
     * @param password the password
     * @param region the region whose project the token is scoped to, for example {@code cn-north-4}
     * @return the credential
     * @throws IllegalArgumentException if a value is empty or holds control characters; the message
     *     never holds the value
     */
    public static IamPassword of(String domain, String user, String password, String region) {
        return new IamPassword(domain, user, password, region);
    }

    /**
     * The same login against an explicit IAM endpoint (a private deployment, a proxy, a test
     * server). Default: {@code https://iam.{region}.myhuaweicloud.com}.
     *
     * @param endpoint the IAM endpoint
     * @return a new credential
     */
    public IamPassword withIamEndpoint(URI endpoint) {
        return new IamPassword(this, CredentialSupport.requireEndpoint(endpoint, "IAM endpoint"));
    }

    /** @return the account (domain) name */
    public String domain() {
        return domain;
    }

    /** @return the IAM user name */
    public String user() {
        return user;
    }

    /**
     * The password, for the login request body, where it goes in as a {@link Token} (shown only as
     * its fingerprint).
     *
     * @return the password
     */
    public Token password() {
        return password;
    }

    /** @return the region the token is scoped to */
    public String region() {
        return region;
    }

    /** @return the IAM endpoint set with {@link #withIamEndpoint}, if any */
    public Optional<URI> iamEndpoint() {
        return Optional.ofNullable(iamEndpoint);
    }

    /** @return the first 8 hex digits of a SHA-256 over domain, user and password */
    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Compares in constant time.
     *
     * @param o the other object
     * @return true for the same login, region and endpoint
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IamPassword p)) {
            return false;
        }
        boolean same = CredentialSupport.same(domain, p.domain);
        same &= CredentialSupport.same(user, p.user);
        same &= password.equals(p.password);
        return same && region.equals(p.region) && Objects.equals(iamEndpoint, p.iamEndpoint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    /** @return {@code IamPassword[sha256:xxxxxxxx]} */
    @Override
    public String toString() {
        return "IamPassword[sha256:" + fingerprint + "]";
    }
}
