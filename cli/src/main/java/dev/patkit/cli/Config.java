package dev.patkit.examples.cli;

import dev.patkit.core.Credential;
import dev.patkit.core.Token;
import dev.patkit.servicestage.AccessKey;
import dev.patkit.servicestage.IamToken;
import dev.patkit.servicestage.ServiceStageClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the command line finds its providers: environment variables first, then a properties file
 * ({@code --config FILE}, {@code $PATKIT_CONFIG}, or {@code ~/.config/patkit/config.properties}).
 *
 * <pre>
 * GITLAB_TOKEN / GITLAB_TOKEN_FILE, GITLAB_URL          gitlab.token-file, gitlab.url, gitlab.git-host
 * GITHUB_TOKEN / GITHUB_TOKEN_FILE, GITHUB_URL          github.token-file, github.url
 * ATOMGIT_TOKEN / ATOMGIT_TOKEN_FILE, ATOMGIT_URL       atomgit.token-file, atomgit.url
 * SERVICESTAGE_TOKEN (IAM token) or SERVICESTAGE_AK + SERVICESTAGE_SK,
 * SERVICESTAGE_URL or SERVICESTAGE_REGION + SERVICESTAGE_PROJECT_ID
 * </pre>
 *
 * A file may also name {@code <provider>.token} directly, though a token file is safer.
 */
final class Config {

    static final List<String> PROVIDERS = List.of("gitlab", "github", "atomgit", "servicestage");

    /** One configured provider. */
    record Provider(String id, URI baseUri, Credential credential, String gitHost, Optional<LocalDate> tokenExpires) {}

    private final Map<String, String> env;
    private final Properties file;

    Config(Map<String, String> env, Properties file) {
        this.env = env;
        this.file = file;
    }

    static Config load(String configPath, Map<String, String> env) {
        Properties p = new Properties();
        Path path = null;
        if (configPath != null) {
            path = Path.of(configPath);
            if (!Files.isRegularFile(path)) {
                throw CliException.usage("Config file " + configPath + " does not exist");
            }
        } else if (env.get("PATKIT_CONFIG") != null) {
            path = Path.of(env.get("PATKIT_CONFIG"));
        } else if (env.get("HOME") != null) {
            Path home = Path.of(env.get("HOME"), ".config", "patkit", "config.properties");
            path = Files.isRegularFile(home) ? home : null;
        }
        if (path != null && Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                p.load(in);
            } catch (IOException e) {
                throw CliException.usage("Cannot read config file " + path + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new Config(env, p);
    }

    private String value(String provider, String key) {
        String envName = (provider + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_');
        String v = env.get(envName);
        if (v == null || v.isEmpty()) {
            v = file.getProperty(provider + "." + key);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The providers that have credentials configured, in a fixed order. */
    Map<String, Provider> providers() {
        Map<String, Provider> out = new LinkedHashMap<>();
        for (String id : PROVIDERS) {
            provider(id).ifPresent(p -> out.put(id, p));
        }
        return out;
    }

    Optional<Provider> provider(String id) {
        Credential credential = credential(id);
        if (credential == null) {
            return Optional.empty();
        }
        URI base = baseUri(id);
        String gitHost = Optional.ofNullable(value(id, "git-host")).orElseGet(() -> gitHostOf(id, base));
        LocalDate expires = null;
        String e = value(id, "token-expires");
        if (e != null) {
            try {
                expires = LocalDate.parse(e);
            } catch (RuntimeException ex) {
                throw CliException.usage(id + ".token-expires must be a date like 2027-01-31");
            }
        }
        return Optional.of(new Provider(id, base, credential, gitHost, Optional.ofNullable(expires)));
    }

    Provider require(String id) {
        if (!PROVIDERS.contains(id)) {
            throw CliException.usage("Unknown provider '" + id + "'. Known providers: " + PROVIDERS);
        }
        return provider(id).orElseThrow(() -> CliException.usage("No token configured for " + id + ". Set "
                + id.toUpperCase(Locale.ROOT) + "_TOKEN (or " + id.toUpperCase(Locale.ROOT)
                + "_TOKEN_FILE), or " + id + ".token-file in the config file."));
    }

    private Credential credential(String id) {
        if (id.equals("servicestage")) {
            String ak = value(id, "ak");
            String sk = value(id, "sk");
            if (ak != null && sk != null) {
                return AccessKey.of(ak, sk);
            }
        }
        Token token = token(id);
        if (token == null) {
            return null;
        }
        return id.equals("servicestage") ? IamToken.of(token) : token;
    }

    private Token token(String id) {
        String direct = value(id, "token");
        if (direct != null) {
            return Token.of(direct);
        }
        String file = value(id, "token-file");
        return file == null ? null : Token.fromFile(Path.of(file));
    }

    private URI baseUri(String id) {
        String url = value(id, "url");
        if (url != null) {
            try {
                return URI.create(url);
            } catch (IllegalArgumentException e) {
                throw CliException.usage(id + " URL is not a valid URI");
            }
        }
        return switch (id) {
            case "gitlab" -> URI.create("https://gitlab.com/api/v4");
            case "github" -> URI.create("https://api.github.com");
            case "atomgit" -> URI.create("https://api.atomgit.com/api/v5");
            default -> {
                String region = Optional.ofNullable(value(id, "region")).orElse(ServiceStageClientFactory.DEFAULT_REGION);
                String project = value(id, "project-id");
                yield project == null ? ServiceStageClientFactory.endpoint(region)
                        : ServiceStageClientFactory.endpoint(region, project);
            }
        };
    }

    private static String gitHostOf(String id, URI base) {
        String host = base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "");
        if ((id.equals("github") || id.equals("atomgit")) && host.startsWith("api.")) {
            return host.substring(4);
        }
        return host;
    }
}
