package dev.patkit.bench.jmh;

import dev.patkit.core.Token;
import dev.patkit.core.TokenFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Offline token format recognition: {@code Token.of(text).format()}, per format. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenFormatBench {

    /** The token text, one per recognised format family. */
    @Param({"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",
            "github_pat_11ABCDEFG0123456789abc_0123456789abcdefghijABCDEFGHIJ0123456789abcdefghijABCDEFGHI",
            "glpat-Benchmark0123456789",
            "0123456789abcdef0123456789abcdef01234567",
            "opaque-token-text-with-no-known-prefix"})
    public String text;

    /** Creates the state. */
    public TokenFormatBench() {}

    /**
     * Recognises one token.
     *
     * @return its format
     */
    @Benchmark
    public TokenFormat recognise() {
        return Token.of(text).format();
    }
}
