package dev.patkit.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitListener;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.RetryPolicy;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of Patkit from {@code patkit.*} properties: a {@link Patkit} bean (unless the
 * application has its own), {@link PatkitClients}, and one {@link dev.patkit.core.ProviderClient}
 * bean per entry of {@code patkit.providers}, qualified by its id. The application's own
 * {@link HttpClient}, Jackson 2 {@link ObjectMapper} and {@link Clock} beans are used when there is
 * exactly one of each, and every {@link PatkitListener} bean hears the pipeline's events.
 */
@AutoConfiguration
@ConditionalOnClass(Patkit.class)
@EnableConfigurationProperties(PatkitProperties.class)
@Import(ProviderClientRegistrar.class)
public class PatkitAutoConfiguration {

    /** Created by Spring. */
    public PatkitAutoConfiguration() {}

    /**
     * The Patkit instance, with the options of {@code patkit.*}.
     *
     * @param properties the properties
     * @param httpClient the application's HTTP client, if it has one
     * @param objectMapper the application's Jackson 2 mapper, if it has one
     * @param clock the application's clock, if it has one
     * @param listeners every listener bean
     * @return the instance; Spring closes it with the context
     */
    @Bean
    @ConditionalOnMissingBean
    public Patkit patkit(PatkitProperties properties, ObjectProvider<HttpClient> httpClient,
            ObjectProvider<ObjectMapper> objectMapper, ObjectProvider<Clock> clock,
            ObjectProvider<PatkitListener> listeners) {
        PatkitOptions.Builder options = PatkitOptions.builder();
        set("patkit.connect-timeout", properties.getConnectTimeout(), options::connectTimeout);
        set("patkit.attempt-timeout", properties.getAttemptTimeout(), options::attemptTimeout);
        set("patkit.call-timeout", properties.getCallTimeout(), options::callTimeout);
        set("patkit.rate-limit-policy", properties.getRateLimitPolicy(), options::rateLimitPolicy);
        set("patkit.user-agent", properties.getUserAgent(), options::userAgent);
        set("patkit.max-redirects", properties.getMaxRedirects(), options::maxRedirects);
        set("patkit.max-response-bytes", properties.getMaxResponseBytes(), options::maxResponseBytes);
        options.allowInsecureHttp(properties.isAllowInsecureHttp());
        retryPolicy(properties.getRetry(), options);
        httpClient.ifUnique(options::httpClient);
        objectMapper.ifUnique(options::objectMapper);
        clock.ifUnique(options::clock);
        List<PatkitListener> all = listeners.orderedStream().toList();
        if (!all.isEmpty()) {
            options.listener(all.size() == 1 ? all.get(0) : new CompositeListener(all));
        }
        return Patkit.builder().options(options.build()).build();
    }

    /**
     * The clients of {@code patkit.providers.*}, checked when the context starts.
     *
     * @param patkit the Patkit instance
     * @param properties the properties
     * @return the clients
     */
    @Bean
    public PatkitClients patkitClients(Patkit patkit, PatkitProperties properties) {
        return new PatkitClients(patkit, properties);
    }

    private static <T> void set(String property, T value, Consumer<T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidPatkitPropertyException(property, e.getMessage());
        }
    }

    private static void retryPolicy(PatkitProperties.Retry retry, PatkitOptions.Builder options) {
        if (retry.getMaxAttempts() == null && retry.getBaseDelay() == null && retry.getMaxDelay() == null) {
            return;
        }
        RetryPolicy d = RetryPolicy.defaults();
        Duration base = nonNegative("patkit.retry.base-delay", retry.getBaseDelay() == null ? d.baseDelay() : retry.getBaseDelay());
        Duration max = nonNegative("patkit.retry.max-delay", retry.getMaxDelay() == null ? d.maxDelay() : retry.getMaxDelay());
        try {
            options.retryPolicy(new RetryPolicy(retry.getMaxAttempts() == null ? d.maxAttempts() : retry.getMaxAttempts(),
                    base, max));
        } catch (IllegalArgumentException e) {
            throw new InvalidPatkitPropertyException("patkit.retry.max-attempts", e.getMessage());
        }
    }

    private static Duration nonNegative(String property, Duration d) {
        if (d.isNegative()) {
            throw new InvalidPatkitPropertyException(property, "must not be negative");
        }
        return d;
    }
}
