package dev.patkit.examples.cli;

import dev.patkit.core.GitCredentials;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitException;
import dev.patkit.core.ProviderClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * git's credential-helper protocol: {@code key=value} lines on standard input, ended by a blank
 * line or end of input. {@code get} answers {@code username}, {@code password} and
 * {@code password_expiry_utc} for the host's configured token; {@code store} and {@code erase}
 * accept and ignore (Patkit's configuration, not git, owns the token).
 *
 * <p>Runs on every git operation, so it does no network call and starts no HTTP client: the
 * expiry comes from configuration ({@code <provider>.token-expires}). Credentials are only given
 * for https, or for plain http to loopback (tests).
 */
final class GitCredentialCommand {

    private GitCredentialCommand() {}

    static int run(Args args, InputStream in, PrintStream out, Config config) {
        String action = args.word(0, "git-credential action (get, store or erase)");
        Map<String, String> request = read(in);
        switch (action) {
            case "store", "erase" -> {
                return ExitCodes.OK;
            }
            case "get" -> {
                return get(request, out, config);
            }
            default -> throw CliException.usage("Unknown git-credential action '" + action + "'; use get, store or erase");
        }
    }

    private static int get(Map<String, String> request, PrintStream out, Config config) {
        String protocol = request.getOrDefault("protocol", "").toLowerCase(Locale.ROOT);
        String host = request.getOrDefault("host", "").toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            return ExitCodes.FINDINGS;
        }
        boolean loopback = host.startsWith("127.") || host.startsWith("localhost") || host.startsWith("[::1]");
        if (!protocol.equals("https") && !(protocol.equals("http") && loopback)) {
            return ExitCodes.FINDINGS;
        }
        Optional<Config.Provider> match = config.providers().values().stream()
                .filter(p -> p.gitHost().equalsIgnoreCase(host)).findFirst();
        if (match.isEmpty()) {
            return ExitCodes.FINDINGS;
        }
        Config.Provider p = match.get();
        try (Patkit patkit = Patkit.builder().build()) {
            ProviderClient client = patkit.client(p.id(), p.baseUri(), p.credential());
            GitCredentials creds = client.gitCredentials();
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("username", creds.username());
            answer.put("password", creds.password().reveal());
            creds.expiresAt().or(() -> p.tokenExpires().map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()))
                    .ifPresent(e -> answer.put("password_expiry_utc", String.valueOf(e.getEpochSecond())));
            StringBuilder sb = new StringBuilder();
            answer.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
            out.print(sb);
            out.flush();
            return ExitCodes.OK;
        } catch (PatkitException e) {
            return ExitCodes.of(e);
        }
    }

    static Map<String, String> read(InputStream in) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !line.isEmpty()) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw CliException.usage("Could not read the credential request (" + e.getClass().getSimpleName() + ")");
        }
        return out;
    }
}
