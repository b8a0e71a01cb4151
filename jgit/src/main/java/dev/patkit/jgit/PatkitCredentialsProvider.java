package dev.patkit.jgit;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.ProviderClient;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * A JGit {@link CredentialsProvider} backed by a Patkit {@link ProviderClient}: it answers JGit's
 * user name and password prompts with the user name the forge expects for Git over HTTP
 * ({@link ProviderClient#gitCredentials()}: {@code x-access-token} for GitHub, any name for
 * GitLab, the owner's login for AtomGit) and the client's token.
 *
 * <pre>{@code
 * try (Patkit patkit = Patkit.create()) {
 *     ProviderClient gitlab = patkit.client("gitlab", Token.fromEnvironment("GITLAB_TOKEN"));
 *     Git.cloneRepository()
 *             .setURI("https://gitlab.com/group/app.git")
 *             .setCredentialsProvider(PatkitCredentialsProvider.of(gitlab))
 *             .setDirectory(new File("app"))
 *             .call()
 *             .close();
 * }
 * }</pre>
 *
 * <p>Before it hands the token out it checks, and refuses with a {@link dev.patkit.core.PatkitException}
 * that names the reason (never the token):
 * <ul>
 *   <li>the transport: plain {@code http} only to a loopback host (an IP literal in
 *       {@code 127.0.0.0/8}, {@code [::1]} or exactly {@code localhost});</li>
 *   <li>the host: only the forge's own Git hosts, by default the client's API host and that host
 *       without a leading {@code api.} (so a submodule on another host never receives the token);</li>
 *   <li>the token: by default it is inspected at the provider on every request for credentials
 *       (JGit asks once per connection), and refused unless {@link Authorization#isActive(Clock) active};
 *       with {@link Builder#verify(boolean) verify(false)} only a known expiry is checked, offline.</li>
 * </ul>
 *
 * <p>Thread-safe; never interactive. SSH and other transports get no answer ({@code false}).
 */
public final class PatkitCredentialsProvider extends CredentialsProvider {

    private final ProviderClient client;
    private final Set<String> gitHosts;
    private final boolean verify;
    private final Clock clock;

    private PatkitCredentialsProvider(Builder b) {
        this.client = b.client;
        this.gitHosts = Collections.unmodifiableSet(new LinkedHashSet<>(b.gitHosts));
        this.verify = b.verify;
        this.clock = b.clock;
    }

    /**
     * A provider with the defaults: the client's own Git hosts, the token inspected before use.
     *
     * @param client the client whose token JGit should use
     * @return the provider
     */
    public static PatkitCredentialsProvider of(ProviderClient client) {
        return builder(client).build();
    }

    /**
     * @param client the client whose token JGit should use
     * @return a builder
     */
    public static Builder builder(ProviderClient client) {
        return new Builder(client);
    }

    /** @return the hosts this provider gives the token to (lower case, no port) */
    public Set<String> gitHosts() {
        return gitHosts;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem item : items) {
            if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return false;
        }
        for (CredentialItem item : items) {
            if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
                throw new UnsupportedCredentialItem(uri, item.getClass().getSimpleName() + ": " + item.getPromptText());
            }
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        ErrorContext context = ErrorContext.of(client.providerId(), "give git credentials");
        if (scheme.equals("http") && !dev.patkit.core.SecureTransport.isLoopback(host)) {
            throw new InsecureTransportException(client.providerId() + ": refusing to send the token over plain http to "
                    + host + "; use https (plain http is allowed only to a loopback address)", context);
        }
        if (!gitHosts.contains(host)) {
            throw new InsecureTransportException(client.providerId() + ": refusing to send the token to " + host
                    + "; it is only given to " + gitHosts + " (see PatkitCredentialsProvider.Builder.gitHosts)", context);
        }
        GitCredentials credentials = checked(context);
        for (CredentialItem item : items) {
            if (item instanceof CredentialItem.Username u) {
                u.setValue(credentials.username());
            } else if (item instanceof CredentialItem.Password p) {
                p.setValue(credentials.password().reveal().toCharArray());
            }
        }
        return true;
    }

    private GitCredentials checked(ErrorContext context) {
        GitCredentials credentials = client.gitCredentials();
        Optional<Instant> expiry = credentials.expiresAt();
        if (verify) {
            Authorization a;
            try {
                a = client.inspect();
            } catch (AuthenticationException e) {
                throw new AuthenticationException(client.providerId() + ": the token cannot be used for Git: the provider"
                        + " rejected it. Create or rotate a new one.", context, e);
            }
            if (!a.isActive(clock)) {
                AuthorizationStatus status = a.status() == AuthorizationStatus.ACTIVE ? AuthorizationStatus.EXPIRED : a.status();
                throw new AuthenticationException(client.providerId() + ": the token cannot be used for Git: it is "
                        + status + ". Create or rotate a new one.", context);
            }
            expiry = a.expiresAt().or(() -> credentials.expiresAt());
        }
        if (expiry.isPresent() && !expiry.get().isAfter(clock.instant())) {
            throw new AuthenticationException(client.providerId() + ": the token cannot be used for Git: it expired at "
                    + expiry.get() + ". Create or rotate a new one.", context);
        }
        return credentials;
    }

    @Override
    public String toString() {
        return "PatkitCredentialsProvider[" + client.providerId() + ", hosts=" + gitHosts + ", verify=" + verify + "]";
    }

    /** Builds a {@link PatkitCredentialsProvider}. Not thread-safe. */
    public static final class Builder {
        private final ProviderClient client;
        private Set<String> gitHosts;
        private boolean verify = true;
        private Clock clock = Clock.systemUTC();

        private Builder(ProviderClient client) {
            this.client = Objects.requireNonNull(client, "client");
            this.gitHosts = defaultHosts(client.baseUri());
        }

        private static Set<String> defaultHosts(URI api) {
            Set<String> hosts = new LinkedHashSet<>();
            if (api.getHost() == null) {
                throw new IllegalArgumentException("The client's API base has no host");
            }
            String host = api.getHost().toLowerCase(Locale.ROOT);
            hosts.add(host);
            if (host.startsWith("api.") && host.length() > 4) {
                hosts.add(host.substring(4));
            }
            return hosts;
        }

        /**
         * The hosts the token may be given to, replacing the default: the client's API host and
         * that host without a leading {@code api.} (for {@code https://api.github.com}: {@code
         * api.github.com} and {@code github.com}). Ports are not compared.
         *
         * @param hosts host names or IP literals
         * @return this builder
         */
        public Builder gitHosts(String... hosts) {
            Set<String> set = new LinkedHashSet<>();
            for (String h : Arrays.asList(hosts)) {
                Objects.requireNonNull(h, "host");
                if (h.isBlank()) {
                    throw new IllegalArgumentException("A git host must not be blank");
                }
                set.add(h.toLowerCase(Locale.ROOT));
            }
            if (set.isEmpty()) {
                throw new IllegalArgumentException("Name at least one git host");
            }
            this.gitHosts = set;
            return this;
        }

        /**
         * Whether to inspect the token at the provider each time JGit asks for credentials, and
         * refuse it unless active. Default: true. With false, no request is made and only an expiry
         * the client already knows is checked.
         *
         * @param verify whether to inspect
         * @return this builder
         */
        public Builder verify(boolean verify) {
            this.verify = verify;
            return this;
        }

        /**
         * The clock for expiry checks. Default: {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the provider */
        public PatkitCredentialsProvider build() {
            return new PatkitCredentialsProvider(this);
        }
    }
}
