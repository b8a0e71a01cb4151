package dev.patkit.testkit.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recomputes Huawei Cloud's {@code SDK-HMAC-SHA256} signature of a request as the API gateway
 * does, following the reference (B.8): canonical request of method, the path with every segment
 * encoded again and a trailing {@code /}, the sorted encoded query, the signed headers' values,
 * and the SHA-256 of the body; string to sign {@code SDK-HMAC-SHA256\n<date>\n<hash>}; HMAC-SHA256
 * with the SK. Stateless.
 */
public final class SdkSignature {

    private static final Pattern HEADER = Pattern.compile(
            "SDK-HMAC-SHA256\\s+Access=([^,\\s]+),\\s*SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-fA-F]{64})\\s*");

    /**
     * The parts of an {@code Authorization} header.
     *
     * @param accessKey the AK
     * @param signedHeaders the lower-case names, in the header's order
     * @param signature the hex signature
     */
    public record Parsed(String accessKey, List<String> signedHeaders, String signature) {}

    private SdkSignature() {}

    /** @param authorization the header @return its parts, or null when it is not the right shape */
    public static Parsed parse(String authorization) {
        Matcher m = HEADER.matcher(authorization);
        if (!m.matches()) {
            return null;
        }
        List<String> names = List.of(m.group(2).toLowerCase(Locale.ROOT).split(";"));
        if (!names.contains("x-sdk-date")) {
            return null;
        }
        return new Parsed(m.group(1), names, m.group(3).toLowerCase(Locale.ROOT));
    }

    /**
     * @param ex the request
     * @param signedHeaders the signed header names
     * @param date the {@code X-Sdk-Date}
     * @param sk the secret key
     * @return the signature the request should carry
     */
    public static String sign(Exchange ex, List<String> signedHeaders, String date, String sk) {
        try {
            String toSign = "SDK-HMAC-SHA256\n" + date + "\n" + sha256(canonicalRequest(ex, signedHeaders)
                    .getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sk.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * @param ex the request
     * @param signedHeaders the signed header names
     * @return the canonical request
     */
    public static String canonicalRequest(Exchange ex, List<String> signedHeaders) {
        StringBuilder uri = new StringBuilder();
        for (String seg : ex.rawPath().split("/")) {
            if (!seg.isEmpty()) {
                uri.append('/').append(encode(seg));
            }
        }
        uri.append('/');
        List<String[]> params = new ArrayList<>();
        if (!ex.rawQuery().isEmpty()) {
            for (String pair : ex.rawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.add(new String[] {encode(k), encode(v)});
            }
        }
        params.sort((a, b) -> a[0].compareTo(b[0]));
        List<String> q = new ArrayList<>();
        params.forEach(p -> q.add(p[0] + "=" + p[1]));
        List<String> names = new ArrayList<>(signedHeaders);
        names.sort(null);
        StringBuilder headers = new StringBuilder();
        for (String n : names) {
            String v = ex.header(n);
            if (v == null && "host".equals(n)) {
                v = ex.authority(); // HTTP/2 (after an h2c upgrade) carries :authority, not Host
            }
            headers.append(n).append(':').append(v == null ? "" : v).append('\n');
        }
        String content = ex.header("X-Sdk-Content-Sha256");
        String payload = content != null ? content : sha256(ex.body());
        return ex.requestMethod() + "\n" + uri + "\n" + String.join("&", q) + "\n" + headers + "\n"
                + String.join(";", names) + "\n" + payload;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
