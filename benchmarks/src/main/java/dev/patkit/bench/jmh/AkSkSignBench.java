package dev.patkit.bench.jmh;

import dev.patkit.servicestage.internal.AkSkSigning;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * ServiceStage AK/SK ({@code SDK-HMAC-SHA256}) signing, the value of the {@code Authorization}
 * header for a typical list call and a typical create call with a JSON body. Target: at least
 * 200,000 signatures per second on one core (run with one thread, the default).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AkSkSignBench {

    private final AkSkSigning signer = new AkSkSigning("HPUABENCHMARKAK0EXAMPLE", "bm9ULWEtcmVhbC1zZWNyZXQta2V5LWZvci1iZW5jaG1hcmtz");
    private final URI list = URI.create("https://servicestage.cn-north-4.myhuaweicloud.com/v1/0123456789abcdef0123456789abcdef/git/auths?limit=100&offset=0");
    private final URI create = URI.create("https://servicestage.cn-north-4.myhuaweicloud.com/v1/0123456789abcdef0123456789abcdef/git/auths/gitlab/personal");
    private final byte[] body = "{\"name\":\"release-bot\",\"token\":\"glpat-Benchmark0123456789\",\"host\":\"https://gitlab.example.com\"}"
            .getBytes(StandardCharsets.UTF_8);
    private final String date = AkSkSigning.sdkDate(Instant.parse("2026-11-22T10:00:00Z"));
    private final Map<String, String> headers = new LinkedHashMap<>();

    /** Creates the state. */
    public AkSkSignBench() {
        headers.put("X-Sdk-Date", date);
        headers.put("Content-Type", "application/json;charset=UTF-8");
        headers.put("X-Project-Id", "0123456789abcdef0123456789abcdef");
    }

    /**
     * Signs a GET with a query.
     *
     * @return the header value
     */
    @Benchmark
    public String signGet() {
        return signer.authorization("GET", list, headers, new byte[0], date);
    }

    /**
     * Signs a POST with a JSON body.
     *
     * @return the header value
     */
    @Benchmark
    public String signPost() {
        return signer.authorization("POST", create, headers, body, date);
    }
}
