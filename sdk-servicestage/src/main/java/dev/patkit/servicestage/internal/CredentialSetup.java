package dev.patkit.servicestage.internal;

import dev.patkit.core.Credential;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.ProviderContext;
import dev.patkit.core.spi.RequestAuthenticator;
import dev.patkit.servicestage.AccessKey;
import dev.patkit.servicestage.IamPassword;
import dev.patkit.servicestage.IamToken;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How a ServiceStage client authenticates, from its credential: the region, the IAM endpoint (for
 * project-id look-ups and logins), the authenticators of the API and of IAM, and the IAM login of a
 * password credential.
 *
 * @param region the region, or null when neither the credential nor the base names one
 * @param iamEndpoint the IAM endpoint, or null when no region is known
 * @param auth authenticates the ServiceStage API's requests
 * @param iamAuth authenticates IAM's requests
 * @param login the password login, or null for other credentials
 */
record CredentialSetup(String region, URI iamEndpoint, RequestAuthenticator auth, RequestAuthenticator iamAuth,
        IamLogin login) {

    /**
     * @param credential an IamToken, IamPassword or AccessKey
     * @param projectHeader the project id the AK/SK signer sends, once known
     */
    static CredentialSetup of(ProviderContext ctx, Credential credential, Endpoint endpoint, ServiceStageErrors errors,
            Supplier<String> projectHeader) {
        if (credential instanceof IamToken token) {
            String region = token.region().orElse(endpoint.region());
            RequestAuthenticator auth = Authenticators.token(token);
            return new CredentialSetup(region, token.iamEndpoint().orElse(iamFor(region)), auth, auth, null);
        }
        if (credential instanceof IamPassword password) {
            URI iamEndpoint = password.iamEndpoint().orElse(Endpoint.iamForRegion(password.region()));
            // The login pipeline applies core's transport rule to the password POST like to every request.
            IamLogin login = new IamLogin(ctx.pipeline(new PipelineSpec(DefaultServiceStageClient.PROVIDER, iamEndpoint,
                    RequestAuthenticator.none(), errors, Map.of())), password, ctx.clock());
            RequestAuthenticator auth = Authenticators.password(login);
            return new CredentialSetup(password.region(), iamEndpoint, auth, auth, login);
        }
        if (credential instanceof AccessKey key) {
            String region = key.region().orElse(endpoint.region());
            return new CredentialSetup(region, key.iamEndpoint().orElse(iamFor(region)),
                    Authenticators.akSk(key, ctx.clock(), projectHeader), Authenticators.akSk(key, ctx.clock(), () -> null), null);
        }
        throw new IllegalArgumentException("ServiceStage accepts an IamToken, IamPassword or AccessKey credential"
                + " (or a Token taken as an IAM token), not a " + (credential == null ? "null" : credential.getClass().getSimpleName()));
    }

    private static URI iamFor(String region) {
        return region == null ? null : Endpoint.iamForRegion(region);
    }
}
