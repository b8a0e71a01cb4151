package dev.patkit.bench.jmh;

import dev.patkit.bench.clients.BenchClient;
import dev.patkit.bench.clients.Op;
import dev.patkit.bench.stub.StubServer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One full inspect call against the loopback stub (started in the benchmark JVM), per client:
 * raw JDK + Jackson, Patkit, and the peer library for that forge. Run with {@code -t 4} for the
 * 4-thread figure; {@code -prof gc} for allocation per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InspectBench {

    /** Client and call, {@code client:op}. */
    @Param({"raw:gl-inspect", "patkit:gl-inspect", "gitlab4j:gl-inspect", "raw:gh-inspect", "patkit:gh-inspect",
            "hub4j:gh-inspect"})
    public String target;

    private StubServer stub;
    private BenchClient client;
    private Op op;

    /** Creates the state. */
    public InspectBench() {}

    /**
     * Starts the stub and the client, and checks one call.
     *
     * @throws Exception on failure
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        stub = StubServer.start(2);
        String[] parts = target.split(":");
        client = BenchClient.create(parts[0], stub.baseUrl());
        op = Op.of(parts[1]);
        String result = client.call(op);
        if (!result.equals(BenchClient.expected(op))) {
            throw new IllegalStateException("wrong result " + result);
        }
    }

    /** Stops the client and the stub. */
    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        stub.close();
    }

    /**
     * One inspect call.
     *
     * @return its summary
     * @throws Exception on failure
     */
    @Benchmark
    public String inspect() throws Exception {
        return client.call(op);
    }
}
