package dev.patkit.bench.harness;

import dev.patkit.bench.clients.BenchClient;
import dev.patkit.servicestage.internal.AkSkSigning;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ServiceStage AK/SK signatures per second on one thread (the signer Patkit uses for every
 * request, reached on the class path; benchmark-only). One second of warm-up, then {@code MS}.
 */
final class AkSkRate {

    private AkSkRate() {}

    static void main(String[] args) {
        long ms = Long.parseLong(args[0]);
        AkSkSigning signer = new AkSkSigning(BenchClient.SS_ACCESS_KEY, BenchClient.SS_SECRET_KEY);
        URI uri = URI.create("https://servicestage.cn-north-4.myhuaweicloud.com/v1/proj1/git/auths");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("User-Agent", "patkit");
        headers.put("X-Project-Id", "proj1");
        headers.put("X-Sdk-Date", "20261130T030000Z");
        byte[] body = new byte[0];
        long sink = 0;
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
            sink += signer.authorization("GET", uri, headers, body, "20261130T030000Z").length();
        }
        long n = 0;
        long t0 = System.nanoTime();
        end = t0 + ms * 1_000_000L;
        while (System.nanoTime() < end) {
            sink += signer.authorization("GET", uri, headers, body, "20261130T030000Z").length();
            n++;
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        System.out.println(String.format(Locale.ROOT, "AKSK signatures_per_s=%.0f sink=%d", rate, sink % 10));
        System.out.flush();
    }
}
