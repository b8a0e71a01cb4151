package dev.patkit.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads the JDK networking settings that change what the HTTP client does with Patkit's requests,
 * from system properties and from {@code $JAVA_HOME/conf/net.properties}, as the JDK does.
 */
public final class JdkSettings {

    private static final Properties NET_PROPERTIES = loadNetProperties();

    private JdkSettings() {}

    /** @return whether the JDK silently re-sends non-idempotent requests after a closed connection */
    public static boolean allMethodRetryEnabled() {
        return isTrue("jdk.httpclient.enableAllMethodRetry");
    }

    /**
     * Refuses a request that is not idempotent while {@code jdk.httpclient.enableAllMethodRetry} is
     * set (the JDK could send it twice), unless the caller accepted that risk.
     */
    static void refuseDoubleSend(String provider, String operation, boolean idempotent, boolean allowUnsafe,
            dev.patkit.core.ErrorContext ctx) {
        if (!idempotent && allMethodRetryEnabled() && !allowUnsafe) {
            throw new dev.patkit.core.UnsafeConfigurationException(provider + ": refusing to run '" + operation
                    + "' because jdk.httpclient.enableAllMethodRetry is set: the JDK could send it twice. Unset it,"
                    + " or accept the risk with PatkitOptions.allowUnsafeJdkSettings(true).", ctx);
        }
    }

    /** @return whether host name verification is switched off for the JDK's HTTP client */
    public static boolean hostnameVerificationDisabled() {
        return isTrue("jdk.internal.httpclient.disableHostnameVerification");
    }

    /** @return whether the JDK's own HTTP logging may write headers or URIs (and so tokens) */
    public static boolean httpLoggingExposesSecrets() {
        String log = value("jdk.httpclient.HttpClient.log");
        if (log != null) {
            String l = log.toLowerCase(Locale.ROOT);
            if (l.contains("headers") || l.contains("requests") || l.contains("content") || l.contains("all")) {
                return true;
            }
        }
        return isTrue("jdk.internal.httpclient.debug");
    }

    private static boolean isTrue(String name) {
        String v = value(name);
        // The JDK treats a property that is present with an empty value as true.
        return v != null && (v.isEmpty() || v.equalsIgnoreCase("true"));
    }

    private static String value(String name) {
        String v = System.getProperty(name);
        return v != null ? v : NET_PROPERTIES.getProperty(name);
    }

    private static Properties loadNetProperties() {
        Properties p = new Properties();
        String home = System.getProperty("java.home");
        if (home != null) {
            Path file = Path.of(home, "conf", "net.properties");
            if (Files.isReadable(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                } catch (IOException | RuntimeException e) {
                    // Unreadable: fall back to system properties only.
                }
            }
        }
        return p;
    }
}
