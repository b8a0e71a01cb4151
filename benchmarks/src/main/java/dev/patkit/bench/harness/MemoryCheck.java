package dev.patkit.bench.harness;

import dev.patkit.bench.clients.BenchClient;
import dev.patkit.bench.stub.StubServer;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams 100,000 GitLab tokens (1000 pages of 100 from the stub's {@code /big} prefix) through
 * Patkit's lazy {@code list()} and reports how many arrived and the heap's peak. Meant to run
 * with {@code -Xmx64m}: if the list kept pages (or tokens) alive it would run out of heap.
 * Exits non-zero unless every token arrived.
 */
public final class MemoryCheck {

    private MemoryCheck() {}

    /**
     * Runs the check.
     *
     * @param args optional: the stub's base URL (else an in-process stub is started)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        StubServer own = args.length == 0 ? StubServer.start(2) : null;
        String base = args.length == 0 ? own.baseUrl() : args[0];
        long t0 = System.nanoTime();
        AtomicLong count = new AtomicLong();
        AtomicLong lastId = new AtomicLong();
        try (Patkit patkit = Patkit.create()) {
            ProviderClient gitlab = patkit.client("gitlab", URI.create(base + "/big/api/v4"),
                    Token.of(BenchClient.GITLAB_TOKEN));
            gitlab.list(TokenQuery.builder().pageSize(100).build()).forEach(a -> {
                count.incrementAndGet();
                lastId.set(Long.parseLong(a.tokenId().orElseThrow()));
            });
        } finally {
            if (own != null) {
                own.close();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        boolean ok = count.get() == StubServer.BIG_TOTAL && lastId.get() == StubServer.BIG_TOTAL;
        System.out.println(String.format(Locale.ROOT,
                "MEMORY %s tokens=%d last=%d seconds=%.1f max_heap_mb=%.0f peak_heap_mb=%.1f rss_kb=%d",
                ok ? "PASS" : "FAIL", count.get(), lastId.get(), seconds, maxHeap / 1048576.0, peakHeap / 1048576.0,
                Worker.peakRssKb()));
        System.out.flush();
        Runtime.getRuntime().halt(ok ? 0 : 1);
    }
}
