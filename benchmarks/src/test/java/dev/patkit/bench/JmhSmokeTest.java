package dev.patkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The CI smoke version of the JMH suite: every benchmark runs once, in this JVM, for 100 ms, with
 * no warm-up (about {@code -f 0 -wi 0 -i 1 -r 100ms}). It proves the benchmarks run and return
 * a score; the scores themselves mean nothing here and are not asserted.
 */
class JmhSmokeTest {

    @Test
    void everyBenchmark_runsOnceAndScores() throws Exception {
        Options options = new OptionsBuilder()
                .include("dev\\.patkit\\.bench\\.jmh\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Set<String> names = new TreeSet<>();
        for (RunResult r : results) {
            names.add(r.getParams().getBenchmark().replaceFirst("^dev\\.patkit\\.bench\\.jmh\\.", ""));
            assertThat(r.getPrimaryResult().getScore()).isPositive();
        }
        assertThat(names).containsExactly("AkSkSignBench.signGet", "AkSkSignBench.signPost", "InspectBench.inspect",
                "JsonMappingBench.gitlab4j", "JsonMappingBench.patkit", "JsonMappingBench.raw", "TokenFormatBench.recognise");
        assertThat(results).hasSize(2 + 6 + 3 + 5);
    }
}
