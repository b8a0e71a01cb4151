package dev.patkit.cli;

import dev.patkit.core.InvalidTokenException;
import dev.patkit.core.Token;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Where the command finds its forges: environment variables, then a properties file
 * ({@code --config FILE}, {@code $PATKIT_CONFIG}, or {@code ~/.config/patkit/config.properties}).
 * {@code patkit help config} prints the keys ({@link #HELP}).
 *
 * <p>Deliberately free of HTTP, JSON and provider classes: git's credential helper reads its
 * configuration through this class on every git operation. Not thread-safe.
 */
final class Config {

    static final List<String> PROVIDERS = List.of("gitlab", "github", "atomgit", "servicestage");

    /** Keys a provider section may hold, in the file as {@code <provider>.<key>} or {@code <provider>.<label>.<key>}. */
    static final List<String> KEYS = List.of("token", "token-file", "url", "git-host", "git-user", "token-expires",
            "ak", "sk", "region", "project-id");

    static final String HELP = """
            Configuration: environment variables first, then a properties file given by --config FILE,
            $PATKIT_CONFIG, or ~/.config/patkit/config.properties. Unknown keys are an error (exit 2).

              environment                 file key                  meaning
              GITLAB_TOKEN                gitlab.token              the token itself (a file is safer)
              GITLAB_TOKEN_FILE           gitlab.token-file         a file holding the token (trailing white space is trimmed)
              GITLAB_URL                  gitlab.url                the API base; https://gitlab.example.com becomes .../api/v4
              GITLAB_GIT_HOST             gitlab.git-host           the host (with port) git asks the credential helper about
              GITLAB_TOKEN_EXPIRES        gitlab.token-expires      the token's expiry date, told to git (password_expiry_utc)
              GITHUB_*, ATOMGIT_*         github.*, atomgit.*       the same keys (AtomGit's API base ends in /api/v5)
              ATOMGIT_GIT_USER            atomgit.git-user          the login git sends to AtomGit (else the helper asks AtomGit)
              SERVICESTAGE_TOKEN          servicestage.token        an IAM token; or SERVICESTAGE_AK + SERVICESTAGE_SK
              SERVICESTAGE_URL            servicestage.url          or SERVICESTAGE_REGION + SERVICESTAGE_PROJECT_ID

            More instances of a forge go in the file under a label, and are chosen with --host LABEL or
            --host HOST (like gh --hostname):
              gitlab.work.url=https://gitlab.example.com
              gitlab.work.token-file=/home/me/.config/patkit/gitlab-work.token

            Defaults: gitlab https://gitlab.com/api/v4, github https://api.github.com,
            atomgit https://api.atomgit.com/api/v5, servicestage region cn-north-4.
            """;

    /** Where a token came from, for {@code patkit status}. */
    record Source(String description, Optional<Path> file) {}

    /**
     * One configured forge instance.
     *
     * @param provider the provider id
     * @param label empty for the default instance, else its label in the file
     * @param url the API base
     * @param token the token, if one is configured
     * @param tokenSource where it came from
     * @param gitHost the host git asks about
     * @param tokenExpires a configured expiry date
     * @param gitUser a configured git user name
     * @param accessKey ServiceStage's AK and SK, if configured (never printed: see {@link #toString()})
     */
    record Profile(String provider, String label, URI url, Optional<Token> token, Source tokenSource, String gitHost,
            Optional<LocalDate> tokenExpires, Optional<String> gitUser, Optional<List<String>> accessKey) {

        String name() {
            return label.isEmpty() ? provider : provider + "." + label;
        }

        String host() {
            return url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
        }

        /** Names the instance and where its token came from; never the token or the secret key. */
        @Override
        public String toString() {
            return "Profile[" + name() + " " + url + " token from " + tokenSource.description() + "]";
        }
    }

    private final Map<String, String> env;
    private final Properties file;
    private final Path filePath;

    private Config(Map<String, String> env, Properties file, Path filePath) {
        this.env = env;
        this.file = file;
        this.filePath = filePath;
    }

    static Config load(String configPath, Map<String, String> env) {
        Properties p = new Properties();
        Path path = null;
        if (configPath != null) {
            path = Path.of(configPath);
            if (!Files.isRegularFile(path)) {
                throw CliException.usage("The config file " + configPath + " (--config) does not exist.");
            }
        } else if (env.get("PATKIT_CONFIG") != null && !env.get("PATKIT_CONFIG").isBlank()) {
            path = Path.of(env.get("PATKIT_CONFIG"));
            if (!Files.isRegularFile(path)) {
                throw CliException.usage("The config file " + path + " ($PATKIT_CONFIG) does not exist.");
            }
        } else if (env.get("HOME") != null) {
            Path home = Path.of(env.get("HOME"), ".config", "patkit", "config.properties");
            path = Files.isRegularFile(home) ? home : null;
        }
        if (path != null) {
            try (InputStream in = Files.newInputStream(path)) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                throw CliException.usage("Cannot read the config file " + path + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        Config c = new Config(env, p, path);
        c.checkKeys();
        return c;
    }

    private void checkKeys() {
        for (String key : new TreeSet<>(file.stringPropertyNames())) {
            String[] parts = key.split("\\.", -1);
            boolean ok = parts.length >= 2 && parts.length <= 3 && PROVIDERS.contains(parts[0])
                    && KEYS.contains(parts[parts.length - 1])
                    && (parts.length == 2 || parts[1].matches("[a-z0-9][a-z0-9_-]{0,30}") && !KEYS.contains(parts[1]));
            if (!ok) {
                String last = parts[parts.length - 1];
                String hint = Suggest.closest(last, KEYS).map(k -> " Did you mean " + key.substring(0,
                        key.length() - last.length()) + k + "?").orElse("");
                throw CliException.usage("Unknown key '" + key + "' in the config file " + filePath + "." + hint
                        + " Run 'patkit help config' for the keys.");
            }
        }
    }

    Optional<Path> file() {
        return Optional.ofNullable(filePath);
    }

    /** A value and where it came from: the environment for the default instance, then the file. */
    private Optional<String[]> raw(String provider, String label, String key) {
        if (label.isEmpty()) {
            String envName = (provider + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_');
            String v = env.get(envName);
            if (v != null && !v.isBlank()) {
                return Optional.of(new String[] {v.strip(), envName});
            }
        }
        String fileKey = provider + "." + (label.isEmpty() ? "" : label + ".") + key;
        String v = file.getProperty(fileKey);
        return v == null || v.isBlank() ? Optional.empty()
                : Optional.of(new String[] {v.strip(), "config file " + filePath + " (" + fileKey + ")"});
    }

    private Optional<String> value(String provider, String label, String key) {
        return raw(provider, label, key).map(v -> v[0]);
    }

    /** Every configured instance, the default instance of each provider first. */
    List<Profile> profiles() {
        List<Profile> out = new ArrayList<>();
        for (String id : PROVIDERS) {
            profile(id, "").ifPresent(out::add);
            for (String label : labels(id)) {
                profile(id, label).ifPresent(out::add);
            }
        }
        return out;
    }

    private List<String> labels(String provider) {
        TreeSet<String> labels = new TreeSet<>();
        for (String key : file.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (parts.length == 3 && parts[0].equals(provider)) {
                labels.add(parts[1]);
            }
        }
        return new ArrayList<>(labels);
    }

    private Optional<Profile> profile(String id, String label) {
        Optional<String[]> direct = raw(id, label, "token");
        Optional<String[]> tokenFile = raw(id, label, "token-file");
        Optional<String> ak = value(id, label, "ak");
        Optional<String> sk = value(id, label, "sk");
        boolean keys = id.equals("servicestage") && ak.isPresent() && sk.isPresent();
        if (direct.isEmpty() && tokenFile.isEmpty() && !keys) {
            return Optional.empty();
        }
        Optional<Token> token = Optional.empty();
        Source source;
        if (direct.isPresent()) {
            token = Optional.of(token(direct.get()[0], direct.get()[1]));
            source = new Source(direct.get()[1], Optional.empty());
        } else if (tokenFile.isPresent()) {
            Path path = Path.of(tokenFile.get()[0]);
            String where = tokenFile.get()[1];
            source = new Source(where.startsWith("config") ? where.substring(0, where.length() - 1) + "=" + path + ")"
                    : where + "=" + path, Optional.of(path));
        } else {
            String where = raw(id, label, "ak").map(v -> v[1]).orElse("?");
            source = new Source(where.startsWith("config") ? where : "SERVICESTAGE_AK + SERVICESTAGE_SK", Optional.empty());
        }
        URI url = url(id, label);
        String gitHost = value(id, label, "git-host").orElseGet(() -> gitHostOf(id, url));
        Optional<LocalDate> expires = value(id, label, "token-expires").map(e -> {
            try {
                return LocalDate.parse(e);
            } catch (RuntimeException ex) {
                throw CliException.usage(keyName(id, label, "token-expires") + " must be a date like 2027-01-31");
            }
        });
        return Optional.of(new Profile(id, label, url, token, source, gitHost, expires, value(id, label, "git-user"),
                keys ? Optional.of(List.of(ak.get(), sk.get())) : Optional.empty()));
    }

    /** Reads a profile's token, from the file when it is one (trailing white space trimmed, as for variables). */
    static Token tokenOf(Profile p) {
        if (p.token().isPresent()) {
            return p.token().get();
        }
        Path path = p.tokenSource().file().orElseThrow(() -> CliException.usage(p.name() + " has no token configured."));
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw CliException.usage("Cannot read the token file " + path + " (" + p.tokenSource().description()
                    + "): " + e.getClass().getSimpleName());
        }
        return token(text.strip(), "token file " + path);
    }

    private static Token token(String text, String where) {
        try {
            return Token.of(text);
        } catch (InvalidTokenException e) {
            throw CliException.usage("The token from " + where + " is not usable: " + e.getMessage());
        }
    }

    private static String keyName(String id, String label, String key) {
        return label.isEmpty() ? (id + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_') + " or " + id + "." + key
                : id + "." + label + "." + key;
    }

    /** The API base, with GitLab's {@code /api/v4} and AtomGit's {@code /api/v5} completed when left out. */
    URI url(String id, String label) {
        Optional<String> configured = value(id, label, "url");
        if (configured.isPresent()) {
            URI u;
            try {
                u = URI.create(configured.get());
            } catch (IllegalArgumentException e) {
                throw CliException.usage(keyName(id, label, "url") + " is not a valid URL.");
            }
            if (u.getScheme() == null || u.getHost() == null
                    || !u.getScheme().equals("https") && !u.getScheme().equals("http")) {
                throw CliException.usage(keyName(id, label, "url") + " must be an http or https URL such as "
                        + "https://gitlab.example.com");
            }
            if (u.getRawUserInfo() != null) {
                throw CliException.usage(keyName(id, label, "url") + " must not hold a user name or password;"
                        + " configure the token with " + keyName(id, label, "token-file") + ".");
            }
            return complete(id, u);
        }
        return switch (id) {
            case "gitlab" -> URI.create("https://gitlab.com/api/v4");
            case "github" -> URI.create("https://api.github.com");
            case "atomgit" -> URI.create("https://api.atomgit.com/api/v5");
            default -> serviceStageEndpoint(value(id, label, "region").orElse("cn-north-4"),
                    value(id, label, "project-id"));
        };
    }

    private static URI serviceStageEndpoint(String region, Optional<String> project) {
        // Loaded only here, so the credential helper never loads ServiceStage's classes.
        return project.isEmpty() ? dev.patkit.servicestage.ServiceStageClientFactory.endpoint(region)
                : dev.patkit.servicestage.ServiceStageClientFactory.endpoint(region, project.get());
    }

    static URI complete(String id, URI u) {
        String suffix = switch (id) {
            case "gitlab" -> "/api/v4";
            case "atomgit" -> "/api/v5";
            default -> null;
        };
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (suffix != null && !path.endsWith(suffix)) {
            path = path + suffix;
        }
        if (id.equals("github") && u.getHost().equalsIgnoreCase("github.com")) {
            return URI.create("https://api.github.com");
        }
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + path);
    }

    private static String gitHostOf(String id, URI base) {
        String host = base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "");
        if ((id.equals("github") || id.equals("atomgit")) && host.startsWith("api.")) {
            return host.substring(4);
        }
        return host;
    }

    /** The profiles of one provider; {@code --host} picks one by label, API host or git host. */
    Profile require(String id, String host) {
        if (!PROVIDERS.contains(id)) {
            throw CliException.usage("Unknown provider '" + id + "'. Known providers: " + PROVIDERS);
        }
        List<Profile> all = profiles().stream().filter(p -> p.provider().equals(id)).toList();
        if (host != null) {
            return all.stream().filter(p -> p.label().equalsIgnoreCase(host) || p.host().equalsIgnoreCase(host)
                    || p.url().getHost().equalsIgnoreCase(host) || p.gitHost().equalsIgnoreCase(host)).findFirst()
                    .orElseThrow(() -> CliException.usage("No " + id + " host '" + host + "' is configured (--host)."
                            + " Configured: " + all.stream().map(p -> p.label().isEmpty() ? p.host()
                                    : p.label() + " (" + p.host() + ")").toList()
                            + ". Run 'patkit help config'."));
        }
        if (all.isEmpty()) {
            String upper = id.toUpperCase(Locale.ROOT);
            throw CliException.usage("No token configured for " + id + ". Set " + upper + "_TOKEN_FILE (or "
                    + upper + "_TOKEN), or " + id + ".token-file in the config file; see 'patkit help config'.");
        }
        return all.get(0);
    }
}
