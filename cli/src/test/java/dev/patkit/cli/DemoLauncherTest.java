package dev.patkit.examples.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's demo command, as a newcomer runs it. */
class DemoJarTest {

    @Test
    void demo_walksThroughEveryStepAndFinishes() throws Exception {
        JarRunner.Result r = JarRunner.run(JarRunner.java("demo"), Map.of(), "", null);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("== 1. Inspect").contains("== 2. Create").contains("== 3. Register").contains("== 4. Rotate")
                .contains("== 5. Audit")
                .containsPattern("old token \\d+ is now REVOKED; new token \\d+ is ACTIVE")
                .contains("RETIRE   DONE")
                .contains("EXPIRES_SOON").contains("PERMISSIONS_UNKNOWN").contains("BROADER_THAN_NEEDED")
                .contains("Demo finished");
        assertThat(r.out()).doesNotContainPattern("(ghp_|glpat-)[A-Za-z0-9]{20}");
        assertThat(r.err()).doesNotContainPattern("(ghp_|glpat-)[A-Za-z0-9]{20}").doesNotContain("Exception");
    }
}
