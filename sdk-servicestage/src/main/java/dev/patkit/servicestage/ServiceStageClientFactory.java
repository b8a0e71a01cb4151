package dev.patkit.servicestage;

import dev.patkit.core.Credential;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.spi.BaseProviderClientFactory;
import dev.patkit.core.spi.ProviderContext;
import dev.patkit.servicestage.internal.DefaultServiceStageClient;
import dev.patkit.servicestage.internal.Endpoint;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates {@link ServiceStageClient}s; found by {@link java.util.ServiceLoader} under the id
 * {@code servicestage}.
 *
 * <p>The base URI is {@code https://servicestage.{region}.myhuaweicloud.com} (see
 * {@link #endpoint(String)}) or an explicit endpoint, optionally followed by
 * {@code /v1/{project_id}}; without a project id the client asks IAM
 * ({@code GET /v3/projects?name={region}}) once. Credentials: {@link IamToken},
 * {@link IamPassword}, {@link AccessKey}, or a core {@link dev.patkit.core.Token} taken as an IAM
 * token. Stateless and thread-safe.
 */
public final class ServiceStageClientFactory extends BaseProviderClientFactory {

    /** The provider id. */
    public static final String ID = "servicestage";

    /** The region of {@link #defaultBaseUri()}. */
    public static final String DEFAULT_REGION = "cn-north-4";

    /** Creates the factory; does no work. */
    public ServiceStageClientFactory() {
        super(ID, SPI_VERSION, Endpoint.forRegion(DEFAULT_REGION));
    }

    /** @return the regions whose public endpoints {@link #endpoint(String)} knows */
    public static List<String> knownRegions() {
        return Endpoint.KNOWN_REGIONS;
    }

    /**
     * The public endpoint of a known region.
     *
     * @param region a region of {@link #knownRegions()}, for example {@code cn-north-4}
     * @return {@code https://servicestage.{region}.myhuaweicloud.com}
     * @throws IllegalArgumentException for a region not in {@link #knownRegions()} (pass the
     *     endpoint URI itself for a newer region)
     */
    public static URI endpoint(String region) {
        Objects.requireNonNull(region, "region");
        if (!Endpoint.KNOWN_REGIONS.contains(region)) {
            throw new IllegalArgumentException("Unknown ServiceStage region '" + region + "'. Known: "
                    + Endpoint.KNOWN_REGIONS + ". For another region pass its endpoint URI explicitly.");
        }
        return Endpoint.forRegion(region);
    }

    /**
     * The public endpoint of a known region with a project id, so no IAM lookup is needed.
     *
     * @param region a region of {@link #knownRegions()}
     * @param projectId the project id of that region
     * @return {@code https://servicestage.{region}.myhuaweicloud.com/v1/{project_id}}
     */
    public static URI endpoint(String region, String projectId) {
        URI base = endpoint(region);
        Objects.requireNonNull(projectId, "projectId");
        Endpoint parsed = Endpoint.parse(URI.create(base + "/v1/" + projectId));
        return URI.create(base + "/v1/" + parsed.projectId());
    }

    /**
     * Recognises {@code servicestage.{region}.myhuaweicloud.com}, keeping a {@code /v1/{project_id}} path.
     *
     * @param url a URL on a ServiceStage host
     * @return the API base, or empty for other hosts
     */
    @Override
    public Optional<URI> baseUriFor(URI url) {
        Optional<String> region = Endpoint.regionOf(host(url));
        if (region.isEmpty()) {
            return Optional.empty();
        }
        URI base = Endpoint.forRegion(region.get());
        try {
            Endpoint parsed = Endpoint.parse(URI.create(base + (url.getRawPath() == null ? "" : url.getRawPath())));
            return Optional.of(parsed.projectId() == null ? base : URI.create(base + "/v1/" + parsed.projectId()));
        } catch (IllegalArgumentException e) {
            return Optional.of(base);
        }
    }

    /**
     * Creates a client.
     *
     * @param context the shared context
     * @param baseUri the ServiceStage base URI
     * @param credential an {@link IamToken}, {@link IamPassword}, {@link AccessKey} or a core token
     * @return a {@link ServiceStageClient}
     * @throws IllegalArgumentException for another credential kind or a malformed base URI
     */
    @Override
    public ProviderClient create(ProviderContext context, URI baseUri, Credential credential) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(baseUri, "baseUri");
        return new DefaultServiceStageClient(context, baseUri, credential);
    }
}
