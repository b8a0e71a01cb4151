package dev.patkit.servicestage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signer against values derived by hand from reference B.8. Every hash below was computed
 * outside this code base (Python hashlib/hmac over the strings written out in the comments), so a
 * change in the Java signer cannot silently change the expectation.
 */
class AkSkSignerTest {

    private static final String AK = "AKEXAMPLE0000000000";
    private static final String SK = "SKEXAMPLE0000000000000000000000000000000";
    private static final String DATE = "20260101T000000Z";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final AkSkSigner signer = new AkSkSigner(AK, SK);

    /*
     * POST with a JSON body (the reference's vector, B.8).
     *
     *   body                 = {"name":"my-auth","token":"ghp_xxx"}           (exact bytes)
     *   hex(sha256(body))    = ed299953c29c2547f28ab24cdae73c834371b7c5c3189fdd8b58a1e9d97258bc
     *   canonical URI        = path + "/"  (no segment needs escaping)
     *   canonical query      = ""          (no query)
     *   signed headers       = host;x-project-id;x-sdk-date  (Content-Type left out)
     *   hex(sha256(CR))      = 8d64ee523fb15167e34c84a28dd732f71905478c328db33bd8e497eaa312f20f
     *   signature            = hex(hmac_sha256(SK, "SDK-HMAC-SHA256\n20260101T000000Z\n8d64...f20f"))
     *                        = 63f39023d95a8551dd306d3f266533a6b1050c37c202c202d3e3418c92cd76d0
     */
    @Test
    void sign_postWithJsonBody_matchesReferenceVector() {
        URI uri = URI.create("https://servicestage.cn-north-4.myhuaweicloud.com"
                + "/v1/0123456789abcdef0123456789abcdef/git/auths/github/personal");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Sdk-Date", DATE);
        headers.put("X-Project-Id", "0123456789abcdef0123456789abcdef");
        byte[] body = "{\"name\":\"my-auth\",\"token\":\"ghp_xxx\"}".getBytes(StandardCharsets.UTF_8);

        String cr = AkSkSigner.canonicalRequest("POST", uri, headers, body);

        assertThat(cr).isEqualTo("POST\n"
                + "/v1/0123456789abcdef0123456789abcdef/git/auths/github/personal/\n"
                + "\n"
                + "host:servicestage.cn-north-4.myhuaweicloud.com\n"
                + "x-project-id:0123456789abcdef0123456789abcdef\n"
                + "x-sdk-date:20260101T000000Z\n"
                + "\n"
                + "host;x-project-id;x-sdk-date\n"
                + "ed299953c29c2547f28ab24cdae73c834371b7c5c3189fdd8b58a1e9d97258bc");
        assertThat(AkSkSigner.stringToSign(cr, DATE)).isEqualTo("SDK-HMAC-SHA256\n20260101T000000Z\n"
                + "8d64ee523fb15167e34c84a28dd732f71905478c328db33bd8e497eaa312f20f");
        assertThat(signer.authorization("POST", uri, headers, body, DATE)).isEqualTo(
                "SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=host;x-project-id;x-sdk-date, "
                        + "Signature=63f39023d95a8551dd306d3f266533a6b1050c37c202c202d3e3418c92cd76d0");
    }

    /*
     * GET with a query and no body.
     *
     *   URI query (raw)      = tag=a%20b~c&b=x*y
     *   decoded              = tag -> "a b~c", b -> "x*y"
     *   re-encoded           = tag -> "a%20b~c" (space -> %20, ~ kept), b -> "x%2Ay" (* -> %2A)
     *   sorted by key        = b=x%2Ay&tag=a%20b~c
     *   payload hash         = sha256("") = e3b0...b855
     *   CR                   = "GET\n/v1/proj/git/auths/github/redirect/\nb=x%2Ay&tag=a%20b~c\n"
     *                          "host:servicestage.cn-north-4.myhuaweicloud.com\nx-sdk-date:20260101T000000Z\n\n"
     *                          "host;x-sdk-date\ne3b0...b855"
     *   hex(sha256(CR))      = 2aa0571ef518277451768148a47f3027993242a536a5dd7031fe666cca95ecfc
     *   signature            = cd76c974c9eb09f9d702f96b43d275f88539957ac25c78cef0927dc385d3c3ce
     */
    @Test
    void sign_getWithQueryAndEmptyBody_encodesAndSortsQuery() {
        URI uri = URI.create("https://servicestage.cn-north-4.myhuaweicloud.com/v1/proj/git/auths/github/redirect"
                + "?tag=a%20b~c&b=x*y");
        Map<String, String> headers = Map.of("X-Sdk-Date", DATE);

        String cr = AkSkSigner.canonicalRequest("GET", uri, headers, new byte[0]);

        assertThat(cr).isEqualTo("GET\n/v1/proj/git/auths/github/redirect/\nb=x%2Ay&tag=a%20b~c\n"
                + "host:servicestage.cn-north-4.myhuaweicloud.com\nx-sdk-date:20260101T000000Z\n\n"
                + "host;x-sdk-date\n" + EMPTY);
        assertThat(AkSkSigner.stringToSign(cr, DATE)).isEqualTo(
                "SDK-HMAC-SHA256\n20260101T000000Z\n2aa0571ef518277451768148a47f3027993242a536a5dd7031fe666cca95ecfc");
        assertThat(signer.authorization("GET", uri, headers, new byte[0], DATE)).isEqualTo(
                "SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=host;x-sdk-date, "
                        + "Signature=cd76c974c9eb09f9d702f96b43d275f88539957ac25c78cef0927dc385d3c3ce");
    }

    /*
     * DELETE on a path with encoded characters, an explicit port, and headers that are never signed.
     *
     *   raw path             = /v1/proj/git/repos/group%2Fsub:name
     *   segments             = "", v1, proj, git, repos, "group%2Fsub:name"
     *   re-encoded           = "%" -> "%25" and ":" -> "%3A", so group%252Fsub%3Aname
     *   canonical URI        = /v1/proj/git/repos/group%252Fsub%3Aname/
     *   host                 = 127.0.0.1:8443 (explicit, non-default port, as the JDK sends it)
     *   not signed           = Content-Type, X_Custom (name holds "_")
     *   hex(sha256(CR))      = 9363d267e34ea989c4a70a23c97c0595fc631e76b0ad060e779741a9c15ab382
     *   signature            = d1ad810ec113f3fe9320e341a287304e28fa2fb0a266d26a85028964060a1962
     */
    @Test
    void sign_pathWithEncodedCharacters_encodesEachSegmentAgain() {
        URI uri = URI.create("https://127.0.0.1:8443/v1/proj/git/repos/group%2Fsub:name");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("X_Custom", "ignored");
        headers.put("X-Sdk-Date", DATE);
        headers.put("X-Project-Id", "proj");

        String cr = AkSkSigner.canonicalRequest("DELETE", uri, headers, new byte[0]);

        assertThat(cr).isEqualTo("DELETE\n/v1/proj/git/repos/group%252Fsub%3Aname/\n\n"
                + "host:127.0.0.1:8443\nx-project-id:proj\nx-sdk-date:20260101T000000Z\n\n"
                + "host;x-project-id;x-sdk-date\n" + EMPTY);
        assertThat(AkSkSigner.stringToSign(cr, DATE)).endsWith(
                "9363d267e34ea989c4a70a23c97c0595fc631e76b0ad060e779741a9c15ab382");
        assertThat(signer.authorization("DELETE", uri, headers, new byte[0], DATE)).isEqualTo(
                "SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=host;x-project-id;x-sdk-date, "
                        + "Signature=d1ad810ec113f3fe9320e341a287304e28fa2fb0a266d26a85028964060a1962");
    }

    @Test
    void canonicalUri_rootTrailingAndInteriorSlashes_followSplitSemantics() {
        assertThat(uri("/")).isEqualTo("/");
        assertThat(uri("")).isEqualTo("/");
        assertThat(uri("/v1/abc/")).isEqualTo("/v1/abc/");
        assertThat(uri("/v1//abc")).isEqualTo("/v1//abc/");
        assertThat(uri("/a%20b/c~d*e")).isEqualTo("/a%2520b/c~d%2Ae/");
    }

    /*
     * A raw '+' is a literal plus: the official signer signs query values before encoding, so a value
     * "a+b" is signed as a%2Bb (atomgit-servicestage.md, B.8 AK/SK signing, step 6; the official
     * comparison is in OfficialSignerComparisonTest).
     */
    @Test
    void canonicalQuery_keyWithoutValueAndRepeatedKeys_keepInsertionOrder() {
        StringBuilder sb = new StringBuilder();
        AkSkSigner.appendCanonicalQuery(sb, "z=2&flag&a=1&z=1&sp=a+b&sp2=a%20b");
        assertThat(sb).hasToString("a=1&flag=&sp=a%2Bb&sp2=a%20b&z=2&z=1");
    }

    @Test
    void hostHeader_defaultPortsAreLeftOut() {
        assertThat(AkSkSigner.hostHeader(URI.create("https://h.example:443/x"))).isEqualTo("h.example");
        assertThat(AkSkSigner.hostHeader(URI.create("http://h.example:80/x"))).isEqualTo("h.example");
        assertThat(AkSkSigner.hostHeader(URI.create("http://localhost:8080/x"))).isEqualTo("localhost:8080");
    }

    @Test
    void sdkDate_formatsUtcCompactly() {
        assertThat(AkSkSigner.sdkDate(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo("20260101T000000Z");
        assertThat(AkSkSigner.sdkDate(Instant.parse("2021-12-17T06:58:04.999Z"))).isEqualTo("20211217T065804Z");
    }

    @Test
    void signer_isThreadSafe_sameSignatureFromManyThreads() throws Exception {
        URI uri = URI.create("https://servicestage.cn-north-4.myhuaweicloud.com/v1/p/git/auths");
        Map<String, String> headers = Map.of("X-Sdk-Date", DATE);
        String expected = signer.authorization("GET", uri, headers, new byte[0], DATE);
        Thread[] threads = new Thread[4];
        String[] seen = new String[threads.length];
        for (int i = 0; i < threads.length; i++) {
            int n = i;
            threads[i] = new Thread(() -> {
                String last = null;
                for (int k = 0; k < 2000; k++) {
                    last = signer.authorization("GET", uri, headers, new byte[0], DATE);
                    if (!last.equals(expected)) {
                        break;
                    }
                }
                seen[n] = last;
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(seen).containsOnly(expected);
        assertThat(signer.toString()).doesNotContain(SK);
    }

    private static String uri(String rawPath) {
        StringBuilder sb = new StringBuilder();
        AkSkSigner.appendCanonicalUri(sb, rawPath);
        return sb.toString();
    }
}
