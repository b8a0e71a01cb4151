package dev.patkit.servicestage.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a client talks to: the ServiceStage API base, the project id if the base URI names one
 * ({@code .../v1/{project_id}}), the region if the host names one
 * ({@code servicestage.{region}.myhuaweicloud.com}).
 *
 * @param apiBase the base below which request paths ({@code /v1/...}) go
 * @param projectId the project id from the base URI, or null
 * @param region the region from the host, or null
 */
public record Endpoint(URI apiBase, String projectId, String region) {

    /** Regions of ServiceStage in the official SDK 3.1.212 ({@code ServiceStageRegion}). */
    public static final List<String> KNOWN_REGIONS = List.of("af-south-1", "cn-north-4", "cn-north-1", "cn-east-2",
            "cn-east-3", "cn-south-1", "cn-southwest-2", "ap-southeast-2", "ap-southeast-1", "ap-southeast-3",
            "sa-brazil-1", "la-south-2", "la-north-2", "tr-west-1", "ap-southeast-4", "ru-moscow-1",
            "my-kualalumpur-1", "cn-north-12", "cn-south-4", "cn-east-4", "cn-north-9", "me-east-1");

    private static final String HOST_PREFIX = "servicestage.";
    private static final String HOST_SUFFIX = ".myhuaweicloud.com";

    /**
     * Parses a base URI.
     *
     * @param base the base URI, such as {@code https://servicestage.cn-north-4.myhuaweicloud.com/v1/abc}
     * @return the endpoint
     * @throws IllegalArgumentException if it is not an absolute http(s) URI with a host, or holds a query
     */
    public static Endpoint parse(URI base) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!base.isAbsolute() || base.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("The ServiceStage base URI must be an absolute http(s) URI with a host,"
                    + " for example https://servicestage.cn-north-4.myhuaweicloud.com");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null || base.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The ServiceStage base URI must not hold user info, a query or a fragment");
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String projectId = null;
        int v1 = path.lastIndexOf("/v1/");
        if (v1 >= 0 && path.indexOf('/', v1 + 4) < 0 && path.length() > v1 + 4) {
            projectId = path.substring(v1 + 4);
            path = path.substring(0, v1);
            if (!isProjectId(projectId)) {
                throw new IllegalArgumentException("The project id in the ServiceStage base URI may hold only letters,"
                        + " digits, '-' and '_' (1 to 64 characters)");
            }
        }
        URI apiBase = URI.create(scheme + "://" + base.getRawAuthority() + path);
        return new Endpoint(apiBase, projectId, regionOf(base.getHost()).orElse(null));
    }

    /**
     * The region in a ServiceStage host name.
     *
     * @param host a host, such as {@code servicestage.cn-north-4.myhuaweicloud.com}
     * @return the region, or empty when the host is not a public ServiceStage host
     */
    public static Optional<String> regionOf(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (!h.startsWith(HOST_PREFIX) || !h.endsWith(HOST_SUFFIX) || h.length() <= HOST_PREFIX.length() + HOST_SUFFIX.length()) {
            return Optional.empty();
        }
        String region = h.substring(HOST_PREFIX.length(), h.length() - HOST_SUFFIX.length());
        for (int i = 0; i < region.length(); i++) {
            char c = region.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return Optional.empty();
            }
        }
        return Optional.of(region);
    }

    /**
     * The public endpoint of a region.
     *
     * @param region the region
     * @return {@code https://servicestage.{region}.myhuaweicloud.com}
     */
    public static URI forRegion(String region) {
        return URI.create("https://" + HOST_PREFIX + region + HOST_SUFFIX);
    }

    /**
     * The public IAM endpoint of a region.
     *
     * @param region the region
     * @return {@code https://iam.{region}.myhuaweicloud.com}
     */
    public static URI iamForRegion(String region) {
        return URI.create("https://iam." + region + HOST_SUFFIX);
    }

    static boolean isProjectId(String id) {
        if (id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
