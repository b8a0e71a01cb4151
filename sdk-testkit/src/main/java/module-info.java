/**
 * Patkit testkit: stateful fake GitLab, GitHub, AtomGit and ServiceStage servers on WireMock.
 *
 * <p>Start one in a line, as a JUnit 5 extension ({@code @RegisterExtension static FakeGitLab
 * gitlab = FakeGitLab.create();}) or by hand ({@code FakeGitLab.create().start()}), or all four
 * from {@code main} ({@link dev.patkit.testkit.FakeForges}). Only {@code dev.patkit.testkit} is
 * exported.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.patkit.testkit {
    requires transitive wiremock.standalone;
    requires transitive org.junit.jupiter.api;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires jdk.httpserver;
    requires transitive java.net.http;

    exports dev.patkit.testkit;
}
