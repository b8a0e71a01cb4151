package dev.patkit.servicestage.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Huawei Cloud {@code SDK-HMAC-SHA256} request signing, exactly as the official Java SDK's
 * {@code AKSKSigner} does it (reference B.8).
 *
 * <p>Canonical request: {@code METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n
 * SignedHeaders \n hex(SHA-256(body))}, where the canonical URI is the raw (still encoded) path,
 * split on {@code /}, each segment encoded again and followed by {@code /}; the query is decoded,
 * re-encoded and sorted by key; the signed headers are every header but {@code Content-Type} and
 * names holding {@code _}, plus {@code host}, lower-cased and sorted. String to sign:
 * {@code SDK-HMAC-SHA256 \n X-Sdk-Date \n hex(SHA-256(canonical request))}; signature: hex
 * HMAC-SHA256 keyed with the secret key.
 *
 * <p>Where the official signer's input differs from the obvious, this one does what it does
 * (checked against it, request by request, in {@code OfficialSignerComparisonTest}): the method is
 * signed upper-cased; the host is an explicit {@code Host} header when one is given, else the URI's
 * authority exactly as written, an explicit default port included (callers that send with the JDK
 * client pass the {@code Host} it sends, see {@link #hostHeader}); an {@code X-Sdk-Content-Sha256}
 * header (the official SDK sends {@code UNSIGNED-PAYLOAD} for bodies other than JSON) replaces the
 * body hash; a {@code +} in the raw query is a literal plus, not a space.
 *
 * <p>Thread-safe. Built for speed: one {@link Mac} and digest per thread, no regular expressions,
 * a fast path for paths and queries that need no encoding.
 */
public final class AkSkSigner {

    /** The algorithm name, also the head of the {@code Authorization} header. */
    public static final String ALGORITHM = "SDK-HMAC-SHA256";

    /**
     * The header that replaces the body hash (lower-case, as signed); the official SDK sends it
     * with {@link #UNSIGNED_PAYLOAD} when the body is not JSON.
     */
    public static final String CONTENT_SHA256 = "x-sdk-content-sha256";

    /** The {@link #CONTENT_SHA256} value for a body that is not signed. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    /** Hex SHA-256 of no bytes. */
    public static final String EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(AkSkSigner::newDigest);
    private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(512));

    private final String accessKey;
    private final String authorizationHead;
    private final ThreadLocal<Mac> mac;

    /**
     * Creates a signer.
     *
     * @param accessKey the access key id (AK)
     * @param secretKey the secret access key (SK)
     */
    public AkSkSigner(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.authorizationHead = ALGORITHM + " Access=" + accessKey + ", SignedHeaders=";
        SecretKeySpec key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        Mac prototype = newMac(key);
        this.mac = ThreadLocal.withInitial(() -> copyOf(prototype, key));
    }

    /** @return the access key id this signer signs for */
    public String accessKey() {
        return accessKey;
    }

    /**
     * Signs a request and returns the value of its {@code Authorization} header.
     *
     * @param method the HTTP method
     * @param uri the full URI as sent
     * @param headers the headers as sent, including {@code X-Sdk-Date} (any letter case); the host
     *     is a {@code Host} header when given, else the URI's authority as written
     * @param body the exact body bytes; empty for none
     * @param sdkDate the {@code X-Sdk-Date} value
     * @return the header value
     */
    public String authorization(String method, URI uri, Map<String, String> headers, byte[] body, String sdkDate) {
        StringBuilder sb = BUFFER.get();
        sb.setLength(0);
        List<String[]> signed = signedHeaders(uri, headers);
        appendCanonicalRequest(sb, method, uri, signed, body);
        String signedNames = sb.substring(namesStart(sb), sb.lastIndexOf("\n"));
        MessageDigest sha = SHA256.get();
        byte[] canonicalHash = sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        sb.setLength(0);
        sb.append(ALGORITHM).append('\n').append(sdkDate).append('\n');
        appendHex(sb, canonicalHash);
        byte[] signature = mac.get().doFinal(sb.toString().getBytes(StandardCharsets.UTF_8));
        sb.setLength(0);
        sb.append(authorizationHead).append(signedNames).append(", Signature=");
        appendHex(sb, signature);
        return sb.toString();
    }

    /**
     * The canonical request, for tests and for comparing with the gateway's echo.
     *
     * @param method the HTTP method
     * @param uri the full URI
     * @param headers the headers as sent
     * @param body the exact body bytes
     * @return the canonical request
     */
    public static String canonicalRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
        StringBuilder sb = new StringBuilder();
        appendCanonicalRequest(sb, method, uri, signedHeaders(uri, headers), body);
        return sb.toString();
    }

    /**
     * The string to sign for a canonical request.
     *
     * @param canonicalRequest the canonical request
     * @param sdkDate the {@code X-Sdk-Date} value
     * @return the string to sign
     */
    public static String stringToSign(String canonicalRequest, String sdkDate) {
        StringBuilder sb = new StringBuilder(ALGORITHM).append('\n').append(sdkDate).append('\n');
        appendHex(sb, SHA256.get().digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        return sb.toString();
    }

    /**
     * Formats an instant as {@code yyyyMMdd'T'HHmmss'Z'} in UTC.
     *
     * @param instant the instant
     * @return the text, for example {@code 20260101T000000Z}
     */
    public static String sdkDate(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        char[] c = new char[16];
        int y = t.getYear();
        c[0] = (char) ('0' + y / 1000 % 10);
        c[1] = (char) ('0' + y / 100 % 10);
        c[2] = (char) ('0' + y / 10 % 10);
        c[3] = (char) ('0' + y % 10);
        two(c, 4, t.getMonthValue());
        two(c, 6, t.getDayOfMonth());
        c[8] = 'T';
        two(c, 9, t.getHour());
        two(c, 11, t.getMinute());
        two(c, 13, t.getSecond());
        c[15] = 'Z';
        return new String(c);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static int namesStart(StringBuilder sb) {
        // The signed names are the second-to-last line: after the blank line that ends the headers.
        int end = sb.lastIndexOf("\n");
        return sb.lastIndexOf("\n", end - 1) + 1;
    }

    /** Lower-cased, sorted {@code [name, value]} pairs to sign, host included. */
    private static List<String[]> signedHeaders(URI uri, Map<String, String> headers) {
        List<String[]> out = new ArrayList<>(headers.size() + 1);
        String host = uri.getRawAuthority();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            if (name.equalsIgnoreCase("Host")) {
                host = h.getValue();
                continue;
            }
            if (name.equalsIgnoreCase("Content-Type") || name.indexOf('_') >= 0) {
                continue;
            }
            out.add(new String[] {lower(name), h.getValue()});
        }
        out.add(0, new String[] {"host", host});
        // Insertion sort: a handful of headers, already almost in order.
        for (int i = 1; i < out.size(); i++) {
            String[] cur = out.get(i);
            int j = i - 1;
            while (j >= 0 && out.get(j)[0].compareTo(cur[0]) > 0) {
                out.set(j + 1, out.get(j));
                j--;
            }
            out.set(j + 1, cur);
        }
        return out;
    }

    /**
     * The {@code Host} header the JDK client sends for a URI: the host, and the port only when it
     * is explicit and not the scheme's default.
     *
     * @param uri the URI
     * @return the host header value
     */
    public static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (port == -1 || (https && port == 443) || (!https && port == 80)) {
            return uri.getHost();
        }
        return uri.getHost() + ":" + port;
    }

    private static void appendCanonicalRequest(StringBuilder sb, String method, URI uri, List<String[]> signed,
            byte[] body) {
        sb.append(upperMethod(method)).append('\n');
        appendCanonicalUri(sb, uri.getRawPath());
        sb.append('\n');
        appendCanonicalQuery(sb, uri.getRawQuery());
        sb.append('\n');
        for (String[] h : signed) {
            sb.append(h[0]).append(':').append(h[1]).append('\n');
        }
        sb.append('\n');
        for (int i = 0; i < signed.size(); i++) {
            if (i > 0) {
                sb.append(';');
            }
            sb.append(signed.get(i)[0]);
        }
        sb.append('\n');
        String declared = null;
        for (String[] h : signed) {
            if (h[0].equals(CONTENT_SHA256)) {
                declared = h[1];
            }
        }
        if (declared != null) {
            sb.append(declared);
        } else if (body == null || body.length == 0) {
            sb.append(EMPTY_BODY_SHA256);
        } else {
            appendHex(sb, SHA256.get().digest(body));
        }
    }

    /** Splits like {@code String.split("/")} (trailing empty segments dropped), encodes each segment again. */
    static void appendCanonicalUri(StringBuilder sb, String rawPath) {
        if (rawPath == null) {
            sb.append('/');
            return;
        }
        int end = rawPath.length();
        while (end > 0 && rawPath.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0) {
            sb.append('/');
            return;
        }
        int start = 0;
        while (start <= end) {
            int slash = rawPath.indexOf('/', start);
            if (slash < 0 || slash > end) {
                slash = end;
            }
            encodeTo(sb, rawPath, start, slash);
            sb.append('/');
            start = slash + 1;
        }
    }

    static void appendCanonicalQuery(StringBuilder sb, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        List<String[]> params = new ArrayList<>();
        int start = 0;
        int n = rawQuery.length();
        while (start <= n) {
            int amp = rawQuery.indexOf('&', start);
            if (amp < 0) {
                amp = n;
            }
            if (amp > start) {
                int eq = rawQuery.indexOf('=', start);
                String key;
                String value;
                if (eq < 0 || eq > amp) {
                    key = rawQuery.substring(start, amp);
                    value = "";
                } else {
                    key = rawQuery.substring(start, eq);
                    value = rawQuery.substring(eq + 1, amp);
                }
                params.add(new String[] {encode(decode(key)), encode(decode(value))});
            }
            start = amp + 1;
        }
        // Stable insertion sort by encoded key: repeated keys keep their order.
        for (int i = 1; i < params.size(); i++) {
            String[] cur = params.get(i);
            int j = i - 1;
            while (j >= 0 && params.get(j)[0].compareTo(cur[0]) > 0) {
                params.set(j + 1, params.get(j));
                j--;
            }
            params.set(j + 1, cur);
        }
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.append('&');
            }
            sb.append(params.get(i)[0]).append('=').append(params.get(i)[1]);
        }
    }

    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /**
     * The official encoder: {@code URLEncoder.encode(UTF-8)} then {@code +}→{@code %20},
     * {@code *}→{@code %2A}, {@code %7E}→{@code ~}; so everything but {@code A-Za-z0-9-._~} is
     * percent-encoded with upper-case hex.
     */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        encodeTo(sb, s, 0, s.length());
        return sb.toString();
    }

    private static void encodeTo(StringBuilder sb, String s, int from, int to) {
        int i = from;
        while (i < to && unreserved(s.charAt(i))) {
            i++;
        }
        sb.append(s, from, i);
        if (i == to) {
            return;
        }
        byte[] bytes = s.substring(i, to).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (unreserved(c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xf]);
            }
        }
    }

    /**
     * Decodes {@code %XX} escapes; malformed escapes are kept as they are. A {@code +} stays a
     * literal plus (RFC 3986): the official SDK signs query values before encoding them, so a plus
     * in a value is signed as {@code %2B}, and a URI that carries a raw {@code +} means that plus.
     */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out[n++] = (byte) (Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                byte[] multi = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (n + multi.length > out.length) {
                    byte[] bigger = new byte[out.length * 2 + multi.length];
                    System.arraycopy(out, 0, bigger, 0, n);
                    out = bigger;
                }
                System.arraycopy(multi, 0, out, n, multi.length);
                n += multi.length;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * The method as signed: upper-cased (the official signer takes it from an enum).
     *
     * @throws IllegalArgumentException for a method that is not letters only
     */
    static String upperMethod(String method) {
        if (method == null || method.isEmpty() || !method.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            throw new IllegalArgumentException("An HTTP method to sign must be letters only");
        }
        return method.toUpperCase(Locale.ROOT);
    }

    private static String lower(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }

    private static void appendHex(StringBuilder sb, byte[] bytes) {
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            // The message names the algorithm only, never the key.
            throw new IllegalStateException("HmacSHA256 is not available (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Mac copyOf(Mac prototype, SecretKeySpec key) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key);
        }
    }

    @Override
    public String toString() {
        return "AkSkSigner[" + ALGORITHM + "]";
    }
}
