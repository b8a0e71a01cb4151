package dev.patkit.cli;

import dev.patkit.core.Authorization;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patkit status} (alias {@code inspect}): every configured token, one block each, even when one fails. */
@Command(name = "status", aliases = "inspect", mixinStandardHelpOptions = true,
        description = {"Check every configured token (or one provider's): host, account, where the token came",
            "from, the token masked, scopes and expiry. Exit 1 if any check failed or a token is not active."},
        footer = {"", "Examples:", "  patkit status", "  patkit status --provider gitlab --host work",
            "  patkit status --json"})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--provider", paramLabel = "ID", completionCandidates = TokenCommands.ProviderIds.class,
            description = "only this provider: ${COMPLETION-CANDIDATES}")
    String provider;

    @Option(names = "--host", paramLabel = "HOST", description = "only this host or configured label")
    String host;

    @Override
    public Integer call() {
        PatkitCommand root = PatkitCommand.of(spec);
        Output out = root.output();
        List<Config.Profile> profiles = provider != null
                ? List.of(root.config().require(TokenCommands.provider(provider), host))
                : root.config().profiles().stream().filter(p -> host == null || host.equalsIgnoreCase(p.label())
                        || host.equalsIgnoreCase(p.host())).toList();
        if (profiles.isEmpty()) {
            throw CliException.usage("No token is configured. Set GITLAB_TOKEN_FILE, GITHUB_TOKEN_FILE,"
                    + " ATOMGIT_TOKEN_FILE or SERVICESTAGE_TOKEN (or the *_TOKEN variables); see 'patkit help config'.");
        }
        boolean allGood = true;
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Config.Profile p : profiles) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("provider", p.provider());
            doc.put("label", p.label().isEmpty() ? null : p.label());
            doc.put("host", p.host());
            doc.put("url", p.url().toString());
            doc.put("tokenSource", p.tokenSource().description());
            try {
                Token token = p.accessKey().isPresent() ? null : Config.tokenOf(p);
                doc.put("token", token == null ? "access key " + p.accessKey().get().get(0) : Output.masked(token));
                Authorization a = root.clients().client(p).inspect();
                doc.put("ok", true);
                doc.put("error", null);
                doc.put("account", account(root.clients().client(p), a));
                doc.put("status", a.status().name());
                doc.put("active", a.isActive(Output.CLOCK));
                doc.put("scopes", Output.scopes(a));
                doc.put("scopesKnown", a.scopes().isKnown());
                doc.put("expiresAt", a.expiresAt().map(Object::toString).orElse(null));
                doc.put("expiry", Output.expiry(a));
                allGood &= a.isActive(Output.CLOCK);
            } catch (PatkitException | CliException e) {
                allGood = false;
                doc.put("ok", false);
                String hint = e instanceof NotFoundException ? " Is " + p.url() + " the API base? (GitLab:"
                        + " https://HOST/api/v4, AtomGit: .../api/v5, GitHub Enterprise: https://HOST/api/v3)" : "";
                doc.put("error", e.getMessage() + hint);
            }
            docs.add(doc);
        }
        if (out.json()) {
            out.json(docs);
        } else {
            for (Map<String, Object> d : docs) {
                out.out().println(d.get("provider") + (d.get("label") == null ? "" : " (" + d.get("label") + ")")
                        + "  " + d.get("host"));
                line(out, "token", d.get("token") == null ? "-" : d.get("token") + "  from " + d.get("tokenSource"));
                if (Boolean.TRUE.equals(d.get("ok"))) {
                    line(out, "account", d.get("account") == null ? "-" : d.get("account"));
                    line(out, "status", d.get("status"));
                    @SuppressWarnings("unchecked")
                    List<String> scopes = (List<String>) d.get("scopes");
                    line(out, "scopes", Boolean.TRUE.equals(d.get("scopesKnown")) ? String.join(", ", scopes)
                            : "unknown (the forge does not say)");
                    line(out, "expires", d.get("expiry"));
                } else {
                    line(out, "error", d.get("error"));
                }
                out.out().println();
            }
        }
        return allGood ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /**
     * The account's login. GitLab's token endpoint names the owner by number only, so its login is
     * asked of {@code GET /user} with the same token (through the client's own transport checks).
     */
    static String account(ProviderClient client, Authorization a) {
        String known = a.owner().flatMap(o -> o.login()).orElse(null);
        if (known != null || !client.providerId().equals("gitlab")) {
            return known != null ? known : a.owner().map(o -> o.id()).orElse(null);
        }
        String base = client.baseUri().toString().replaceAll("/+$", "");
        try {
            java.net.http.HttpRequest request = client.authenticate(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/user")).timeout(java.time.Duration.ofSeconds(10)).GET()).build();
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(10)).build()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                String login = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body())
                        .path("username").asText("");
                if (!login.isEmpty()) {
                    return login;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Fall back to the number.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return a.owner().map(o -> o.id()).orElse(null);
    }

    private static void line(Output out, String key, Object value) {
        out.out().printf("  %-8s %s%n", key + ":", value);
    }
}
