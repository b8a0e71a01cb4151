package dev.patkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.core.PatkitOptions;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;

/**
 * {@code close()} releases what Patkit created and never touches a caller's client. On JDK 21 and
 * later the client Patkit created is terminated; on 17, where {@code HttpClient} cannot be closed,
 * {@code close()} just does not throw. CI runs this on both.
 */
class PatkitRuntimeCloseTest {

    private static boolean terminated(HttpClient client) throws Exception {
        Method isTerminated = HttpClient.class.getMethod("isTerminated");
        return (Boolean) isTerminated.invoke(client);
    }

    @Test
    void close_terminatesOnlyTheClientPatkitCreated() throws Exception {
        PatkitRuntime own = new PatkitRuntime(PatkitOptions.defaults());
        HttpClient created = own.httpClient();
        own.close();
        own.close();

        HttpClient callers = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        PatkitRuntime withCallers = new PatkitRuntime(PatkitOptions.builder().httpClient(callers).build());
        assertThat(withCallers.httpClient()).isSameAs(callers);
        withCallers.close();

        if (Runtime.version().feature() >= 21) {
            assertThat(terminated(created)).as("the client Patkit created").isTrue();
            assertThat(terminated(callers)).as("the caller's client").isFalse();
            ((AutoCloseable) (Object) callers).close();
        }
    }
}
