package dev.patkit.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.UnsafeConfigurationException;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Patkit's runtime: the {@link ProviderContext} factories see, and the owner of the
 * {@link PipelineContext} every pipeline shares (HTTP client, sender threads, watchdog, budgets).
 * Pipelines refer to that context only, never to the runtime.
 */
public final class PatkitRuntime implements ProviderContext, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.patkit");

    private final PatkitOptions options;
    private final PipelineContext shared;
    private final ConcurrentMap<Class<?>, Object> providerState = new ConcurrentHashMap<>();
    private boolean closed;

    /**
     * Creates the runtime and checks the JVM's networking settings.
     *
     * @param options the options
     * @throws UnsafeConfigurationException if host name verification is off and the caller did not allow it,
     *     or the caller's HTTP client follows redirects
     */
    public PatkitRuntime(PatkitOptions options) {
        this.options = options;
        this.shared = new PipelineContext(options);
        if (JdkSettings.hostnameVerificationDisabled() && !options.allowUnsafeJdkSettings()) {
            throw new UnsafeConfigurationException("jdk.internal.httpclient.disableHostnameVerification is set, so TLS"
                    + " would not check host names and tokens could go to an impostor. Unset it, or accept the risk with"
                    + " PatkitOptions.allowUnsafeJdkSettings(true).", ErrorContext.NONE);
        }
        options.httpClient().ifPresent(c -> {
            if (c.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new UnsafeConfigurationException("The HttpClient passed to Patkit follows redirects ("
                        + c.followRedirects() + "); the JDK would then forward credentials to other hosts. Build it with"
                        + " followRedirects(HttpClient.Redirect.NEVER): Patkit follows redirects itself.", ErrorContext.NONE);
            }
        });
        if (JdkSettings.httpLoggingExposesSecrets()) {
            LOG.warn("The JDK's HTTP client logging (jdk.httpclient.HttpClient.log or jdk.internal.httpclient.debug) is"
                    + " on and may write request headers, including tokens, to the logs. Patkit cannot redact that output.");
        }
    }

    @Override
    public PatkitOptions options() {
        return options;
    }

    @Override
    public HttpClient httpClient() {
        return shared.httpClient();
    }

    @Override
    public ObjectMapper objectMapper() {
        return shared.objectMapper();
    }

    @Override
    public Clock clock() {
        return options.clock();
    }

    @Override
    public <T> T shared(Class<T> key, java.util.function.Supplier<T> create) {
        return key.cast(providerState.computeIfAbsent(key, k -> java.util.Objects.requireNonNull(create.get(), "state")));
    }

    @Override
    public HttpPipeline pipeline(PipelineSpec spec) {
        return new DefaultHttpPipeline(shared, spec);
    }

    /**
     * Stops the timer thread and closes the HTTP client if Patkit created it (on JDK 21 and later;
     * on 17 its idle connections simply time out). A caller's HTTP client is never closed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shared.close();
    }
}
