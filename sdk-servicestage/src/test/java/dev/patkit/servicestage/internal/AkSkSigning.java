package dev.patkit.servicestage.internal;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * The AK/SK signer, from sdk-servicestage's test-jar, for the benchmarks that time signing alone
 * (the signer is internal: on the module path nothing outside this module sees it).
 */
public final class AkSkSigning {

    private final AkSkSigner signer;

    /**
     * @param accessKey the access key id
     * @param secretKey the secret access key
     */
    public AkSkSigning(String accessKey, String secretKey) {
        this.signer = new AkSkSigner(accessKey, secretKey);
    }

    /**
     * The {@code Authorization} header value of one request.
     *
     * @param method the HTTP method
     * @param uri the request URI
     * @param headers the headers that are signed
     * @param body the body
     * @param sdkDate the {@code X-Sdk-Date} value
     * @return the header value
     */
    public String authorization(String method, URI uri, Map<String, String> headers, byte[] body, String sdkDate) {
        return signer.authorization(method, uri, headers, body, sdkDate);
    }

    /**
     * @param at an instant
     * @return its {@code X-Sdk-Date} form
     */
    public static String sdkDate(Instant at) {
        return AkSkSigner.sdkDate(at);
    }
}
