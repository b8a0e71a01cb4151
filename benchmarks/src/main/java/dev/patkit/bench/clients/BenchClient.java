package dev.patkit.bench.clients;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * One client library doing the comparison's calls against the stub. Every implementation
 * returns the same summary text for the same call, so a smoke test can prove that each really
 * parsed the response (token id, name, scopes, expiry; login, scopes from the header, expiry
 * from the header; number of listed tokens).
 *
 * <p>Implementations are thread-safe after construction and are built by reflection
 * ({@link #create}), so a JVM started with only one library on its class path loads only that
 * library.
 */
public interface BenchClient extends AutoCloseable {

    /** The GitLab token the clients send (legacy {@code glpat-} shape). */
    String GITLAB_TOKEN = "glpat-Benchmark0123456789";
    /** The GitHub token the clients send (a {@code ghp_} token with a valid checksum). */
    String GITHUB_TOKEN = "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";

    /** The ServiceStage access key id the clients sign with. */
    String SS_ACCESS_KEY = "AKBENCHMARK00000000";
    /** The ServiceStage secret key the clients sign with. */
    String SS_SECRET_KEY = "benchmark-secret-key-0123456789abcdefghij";

    /** The expected summary of {@link Op#GITLAB_INSPECT}. */
    String EXPECT_GITLAB_INSPECT = "id=4242 name=benchmark-self scopes=[api, read_repository, write_repository]"
            + " active=true expires=2027-01-15T00:00:00Z owner=bench-user";
    /** The expected summary of {@link Op#GITLAB_LIST}. */
    String EXPECT_GITLAB_LIST = "count=500 last=500";
    /** The expected summary of {@link Op#GITLAB_LIST_BIG}. */
    String EXPECT_GITLAB_LIST_BIG = "count=100000 last=100000";
    /** The expected summary of {@link Op#SERVICESTAGE_LIST}. */
    String EXPECT_SERVICESTAGE_LIST = "count=20 last=auth-20 user=bench-user-20 status=0";
    /** The expected summary of {@link Op#GITHUB_INSPECT}. */
    String EXPECT_GITHUB_INSPECT = "login=octocat id=583231 scopes=[gist, read:org, repo] expires=2030-01-02T03:04:05Z";

    /** @return the client's short name */
    String name();

    /**
     * @param op an operation
     * @return whether this client does it
     */
    boolean supports(Op op);

    /**
     * Makes one call and summarises what it parsed.
     *
     * @param op the operation
     * @return the summary, equal across clients
     * @throws Exception on any failure
     */
    String call(Op op) throws Exception;

    /**
     * The same client for another caller with its own credential, for throughput with distinct
     * tokens: the HTTP client (and for Patkit the {@code Patkit} instance) is shared, the token
     * differs. The stub accepts any credential, so results are unchanged.
     *
     * @param index the caller's index, 0 for the client's own token
     * @return a client sending that caller's token
     * @throws Exception if it cannot be built
     */
    BenchClient forToken(int index) throws Exception;

    @Override
    default void close() {}

    /**
     * A GitLab token distinct per index.
     *
     * @param index the index; 0 is {@link #GITLAB_TOKEN}
     * @return the token text
     */
    static String gitlabToken(int index) {
        return index == 0 ? GITLAB_TOKEN : String.format(java.util.Locale.ROOT, "glpat-Bench%014d", index);
    }

    /**
     * A GitHub token distinct per index (40 hex characters, the classic shape without a checksum).
     *
     * @param index the index; 0 is {@link #GITHUB_TOKEN}
     * @return the token text
     */
    static String githubToken(int index) {
        return index == 0 ? GITHUB_TOKEN : String.format(java.util.Locale.ROOT, "%040x", 0xbe00L + index);
    }

    /**
     * A ServiceStage access key id distinct per index.
     *
     * @param index the index; 0 is {@link #SS_ACCESS_KEY}
     * @return the access key id
     */
    static String accessKey(int index) {
        return index == 0 ? SS_ACCESS_KEY : String.format(java.util.Locale.ROOT, "AKBENCH%012d", index);
    }

    /**
     * The expected summary of an operation.
     *
     * @param op the operation
     * @return its summary
     */
    static String expected(Op op) {
        return switch (op) {
            case GITLAB_INSPECT -> EXPECT_GITLAB_INSPECT;
            case GITLAB_LIST -> EXPECT_GITLAB_LIST;
            case GITLAB_LIST_BIG -> EXPECT_GITLAB_LIST_BIG;
            case GITHUB_INSPECT -> EXPECT_GITHUB_INSPECT;
            case SERVICESTAGE_LIST -> EXPECT_SERVICESTAGE_LIST;
        };
    }

    /**
     * Formats a scope list the same way for every client: sorted, comma-separated.
     *
     * @param scopes scope names
     * @return the text
     */
    static String scopes(Collection<String> scopes) {
        Set<String> sorted = new TreeSet<>(scopes);
        return sorted.toString();
    }

    /**
     * Builds a client by name without linking to the other libraries.
     *
     * @param name {@code raw}, {@code rawasync}, {@code patkit}, {@code gitlab4j} or {@code hub4j}
     * @param baseUrl the stub's base URL
     * @return the client
     * @throws Exception if it cannot be built
     */
    static BenchClient create(String name, String baseUrl) throws Exception {
        String type = switch (name) {
            case "raw" -> "dev.patkit.bench.clients.RawClient";
            case "rawasync" -> "dev.patkit.bench.clients.RawAsyncClient";
            case "patkit" -> "dev.patkit.bench.clients.PatkitBenchClient";
            case "gitlab4j" -> "dev.patkit.bench.clients.Gitlab4jClient";
            case "hub4j" -> "dev.patkit.bench.clients.Hub4jClient";
            default -> throw new IllegalArgumentException("unknown client " + name);
        };
        return (BenchClient) Class.forName(type).getConstructor(String.class).newInstance(baseUrl);
    }
}
