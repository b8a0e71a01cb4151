package dev.patkit.cli;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.audit.Audit;
import dev.patkit.core.audit.AuditEntry;
import dev.patkit.core.audit.AuditReport;
import dev.patkit.core.audit.Finding;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The commands on tokens: status, list, create, revoke and audit. */
final class TokenCommands {

    private TokenCommands() {}

    /** Candidates for completion and for "did you mean". */
    static final class ProviderIds extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ProviderIds() {
            super(Config.PROVIDERS);
        }
    }

    static String provider(String typed) {
        String id = typed.toLowerCase(Locale.ROOT);
        if (!Config.PROVIDERS.contains(id)) {
            throw CliException.usage("Unknown provider '" + typed + "'." + Suggest.closest(id, Config.PROVIDERS)
                    .map(c -> " Did you mean " + c + "?").orElse("") + " Known providers: " + Config.PROVIDERS);
        }
        return id;
    }

    /** Resolves {@code --id} or a unique {@code --name} to a token id. */
    static String tokenId(ProviderClient client, IdOrName which) {
        if (which.id != null) {
            return which.id;
        }
        List<Authorization> named;
        try (Stream<Authorization> all = client.list(TokenQuery.builder().state(TokenQuery.State.ACTIVE).build())) {
            named = all.filter(a -> which.name.equals(a.tokenName().orElse(null))).toList();
        }
        if (named.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, "No active " + client.providerId() + " token is named '"
                    + which.name + "'. See 'patkit list --provider " + client.providerId() + "'.");
        }
        if (named.size() > 1) {
            throw CliException.usage(named.size() + " active " + client.providerId() + " tokens are named '" + which.name
                    + "' (ids " + named.stream().map(a -> a.tokenId().orElse("?")).toList() + "); use --id.");
        }
        return named.get(0).tokenId().orElseThrow(() -> CliException.usage("The token named '" + which.name
                + "' has no id; use --id."));
    }

    /** {@code --id ID | --name NAME}. */
    static final class IdOrName {
        @Option(names = "--id", required = true, paramLabel = "ID", description = "the token's id (GitLab: or self)")
        String id;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the token's name, when unique")
        String name;
    }

    /** {@code patkit status}: every configured token, one block each. */
    @Command(name = "status", aliases = "inspect", mixinStandardHelpOptions = true,
            description = {"Check every configured token (or one provider's): host, account, where the token came",
                "from, the token masked, scopes and expiry. Exit 1 if any check failed or a token is not active."},
            footer = {"", "Examples:", "  patkit status", "  patkit status --provider gitlab --host work",
                "  patkit status --json"})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--provider", paramLabel = "ID", completionCandidates = ProviderIds.class,
                description = "only this provider: ${COMPLETION-CANDIDATES}")
        String provider;

        @Option(names = "--host", paramLabel = "HOST", description = "only this host or configured label")
        String host;

        @Override
        public Integer call() {
            PatkitCommand root = PatkitCommand.of(spec);
            Output out = root.output();
            List<Config.Profile> profiles = provider != null
                    ? List.of(root.config().require(provider(provider), host))
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
                    doc.put("active", a.isActive());
                    doc.put("scopes", Output.scopes(a));
                    doc.put("scopesKnown", a.scopes().isKnown());
                    doc.put("expiresAt", a.expiresAt().map(Object::toString).orElse(null));
                    doc.put("expiry", Output.expiry(a));
                    allGood &= a.isActive();
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

    /** {@code patkit list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the tokens a provider shows this token (with their ids).",
            footer = {"", "Examples:", "  patkit list --provider gitlab --state active",
                "  patkit list --provider gitlab --search deploy --json"})
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--provider", required = true, paramLabel = "ID", completionCandidates = ProviderIds.class,
                description = "${COMPLETION-CANDIDATES}")
        String provider;

        @Option(names = "--host", paramLabel = "HOST", description = "which configured host of the provider")
        String host;

        @Option(names = "--state", paramLabel = "STATE", description = "active or inactive")
        TokenQuery.State state;

        @Option(names = "--search", paramLabel = "TEXT", description = "only tokens whose name contains TEXT")
        String search;

        @Option(names = "--owner", paramLabel = "USER_ID", description = "only this user's tokens (administrators)")
        String owner;

        @Override
        public Integer call() {
            PatkitCommand root = PatkitCommand.of(spec);
            Output out = root.output();
            ProviderClient client = root.clients().client(root.config().require(provider(provider), host));
            TokenQuery.Builder q = TokenQuery.builder().search(search).ownerId(owner);
            if (state != null) {
                q.state(state);
            }
            AtomicInteger seen = new AtomicInteger();
            List<Authorization> all;
            try (Stream<Authorization> tokens = client.list(q.build())) {
                all = tokens.peek(a -> {
                    if (seen.incrementAndGet() % 100 == 0) {
                        out.progress("listed " + seen.get() + " tokens...");
                    }
                }).toList();
            }
            if (out.json()) {
                out.json(all.stream().map(Output::map).toList());
            } else {
                out.table(Output.HEADERS, all.stream().map(Output::row).toList());
            }
            out.progress(all.size() + " token(s)");
            return ExitCodes.OK;
        }
    }

    /** {@code patkit create}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a token. The store file is checked before the forge is asked; an existing file",
                "is never overwritten without --force; a secret that cannot be stored is kept in a rescue file."},
            footer = {"", "Examples:",
                "  patkit create --provider gitlab --name ci --scopes read_repository --duration 30d --store-file ~/.ci-token",
                "  patkit create --provider gitlab --name bot --scopes api --expires 2027-01-31 --for-user 42 --show-secret"})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--provider", required = true, paramLabel = "ID", completionCandidates = ProviderIds.class,
                description = "${COMPLETION-CANDIDATES}")
        String provider;

        @Option(names = "--host", paramLabel = "HOST", description = "which configured host of the provider")
        String host;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the new token's name")
        String name;

        @Option(names = "--scopes", required = true, split = ",", paramLabel = "SCOPE", description = "comma-separated")
        List<String> scopes;

        @Option(names = "--expires", paramLabel = "DATE", description = "expiry date, e.g. 2027-01-31")
        String expires;

        @Option(names = "--duration", paramLabel = "DURATION", description = "lifetime from today: 30d, 4w, 1y, P30D")
        String duration;

        @Option(names = "--description", paramLabel = "TEXT", description = "a description, where the forge keeps one")
        String description;

        @Option(names = "--for-user", paramLabel = "USER_ID", description = "create it for this user (administrators)")
        String forUser;

        @Option(names = "--store-file", paramLabel = "FILE", description = "write the secret here (mode 600)")
        String storeFile;

        @Option(names = {"--force", "--overwrite"}, description = "overwrite an existing store file")
        boolean force;

        @Option(names = "--show-secret", description = "print the secret once on standard output instead")
        boolean showSecret;

        @Override
        public Integer call() {
            PatkitCommand root = PatkitCommand.of(spec);
            Output out = root.output();
            LocalDate expiry = expiry(expires, duration);
            Config.Profile profile = root.config().require(provider(provider), host);
            Secrets.Sink sink = Secrets.sink(storeFile, showSecret);
            Secrets.refuseOverwrite(sink, force);
            sink.store().check(sink.key());
            var rescue = Secrets.rescue(root.env);
            TokenSpec tokenSpec = TokenSpec.of(name, scopes, expiry);
            if (description != null) {
                tokenSpec = tokenSpec.withDescription(description);
            }
            if (forUser != null) {
                tokenSpec = tokenSpec.forOwner(forUser);
            }
            CreatedToken created = root.clients().client(profile).create(tokenSpec);
            String id = created.authorization().tokenId().orElse("?");
            try {
                sink.store().put(sink.key(), created.token());
            } catch (RuntimeException e) {
                String key = "create-" + profile.provider() + "-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".secret";
                try {
                    java.nio.file.Files.createDirectories(Secrets.stateDir(root.env).resolve("rescue"));
                    rescue.put(key, created.token());
                    throw new CliException(ExitCodes.OTHER, "The new " + profile.provider() + " token " + id
                            + " was created but could not be stored in " + sink.file() + " (" + e.getMessage()
                            + "). Its secret is kept in " + rescue.describe(key) + " (readable by you only): move it"
                            + " where it belongs, or revoke token " + id + ".");
                } catch (java.io.IOException | RuntimeException again) {
                    if (again instanceof CliException c) {
                        throw c;
                    }
                    out.out().println("token: " + created.token().reveal());
                    throw new CliException(ExitCodes.OTHER, "The new " + profile.provider() + " token " + id
                            + " was created but could not be stored in " + sink.file() + " nor in a rescue file; its"
                            + " secret was printed once on standard output.");
                }
            }
            Authorization a = created.authorization();
            if (out.json()) {
                Map<String, Object> m = Output.map(a);
                m.putAll(sink.describe(created.token()));
                out.json(m);
            } else {
                out.table(Output.HEADERS, List.of(Output.row(a)));
                sink.describe(created.token()).forEach((k, v) -> out.out().println(k + ": " + v));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code --expires DATE} or {@code --duration 30d}, not both; null for the forge's default. */
    static LocalDate expiry(String expires, String duration) {
        if (expires != null && duration != null) {
            throw CliException.usage("Give either --expires DATE or --duration DURATION, not both.");
        }
        if (expires != null) {
            return Durations.date(expires, "--expires");
        }
        if (duration != null) {
            Duration d = Durations.parse(duration, "--duration");
            return LocalDate.now(ZoneOffset.UTC).plusDays(Math.max(1, d.toDays()));
        }
        return null;
    }

    /** {@code patkit revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by id or by unique name.",
            footer = {"", "Examples:", "  patkit revoke --provider gitlab --id 42",
                "  patkit revoke --provider gitlab --name old-ci"})
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--provider", required = true, paramLabel = "ID", completionCandidates = ProviderIds.class,
                description = "${COMPLETION-CANDIDATES}")
        String provider;

        @Option(names = "--host", paramLabel = "HOST", description = "which configured host of the provider")
        String host;

        @ArgGroup(exclusive = true, multiplicity = "1")
        IdOrName which;

        @Override
        public Integer call() {
            PatkitCommand root = PatkitCommand.of(spec);
            Output out = root.output();
            ProviderClient client = root.clients().client(root.config().require(provider(provider), host));
            String id = tokenId(client, which);
            client.revoke(id);
            String note = client.providerId().equals("github")
                    ? "GitHub does not confirm whether the token existed: it answers the same either way." : null;
            if (out.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("provider", client.providerId());
                m.put("revoked", id);
                m.put("confirmed", note == null);
                out.json(m);
            } else {
                out.out().println("Revoked " + client.providerId() + " token " + id);
                if (note != null) {
                    out.note("note: " + note);
                }
            }
            return ExitCodes.OK;
        }
    }

    /** What an audit's findings mean to a person: to act on, worth a look, or history. */
    static final Set<Finding.Kind> ACTIONABLE = Set.of(Finding.Kind.EXPIRES_SOON, Finding.Kind.MISSING_NEEDED_SCOPES,
            Finding.Kind.SOURCE_FAILED, Finding.Kind.STORED_BUT_INACTIVE);

    /** {@code patkit audit}. */
    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = {"Audit every token the configured providers show. Exit 1 only on findings to act on:",
                "active tokens expiring within the window, missing needed scopes, ServiceStage holding a dead token,",
                "unreadable sources. Revoked and expired tokens are history; broader-than-needed scopes are notes."},
            footer = {"", "Examples:", "  patkit audit --within 30d", "  patkit audit --within 4w --needs gitlab:read_api,github:repo --json"})
    static final class AuditTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--within", paramLabel = "DURATION", defaultValue = "30d",
                description = "expiry window: 30d, 4w, 1y, P30D (default ${DEFAULT-VALUE})")
        String within;

        @Option(names = "--needs", split = ",", paramLabel = "PROVIDER:SCOPE",
                description = "scopes the tokens need, e.g. gitlab:read_api")
        List<String> needs = new ArrayList<>();

        @Override
        public Integer call() {
            PatkitCommand root = PatkitCommand.of(spec);
            Output out = root.output();
            Duration window = Durations.parse(within, "--within");
            List<Config.Profile> profiles = root.config().profiles();
            if (profiles.isEmpty()) {
                throw CliException.usage("No token is configured; nothing to audit. See 'patkit help config'.");
            }
            Audit.Builder audit = Audit.builder().expiringWithin(window).progress(out::progress);
            for (Config.Profile p : profiles) {
                if (p.provider().equals("servicestage")) {
                    audit.store(root.clients().client(p));
                } else {
                    audit.source(root.clients().client(p));
                }
            }
            for (String need : needs) {
                int colon = need.indexOf(':');
                if (colon <= 0 || colon == need.length() - 1) {
                    throw CliException.usage("--needs takes provider:scope pairs such as gitlab:read_api; not '" + need + "'.");
                }
                audit.needs(provider(need.substring(0, colon)), need.substring(colon + 1));
            }
            AuditReport report = audit.build().run();
            List<Finding> actionable = report.findings().stream().filter(f -> ACTIONABLE.contains(f.kind())
                    && (f.kind() != Finding.Kind.EXPIRES_SOON || f.authorization().isActive())).toList();
            List<Finding> history = report.findings().stream().filter(f -> f.kind() == Finding.Kind.INACTIVE).toList();
            List<Finding> notes = report.findings().stream().filter(f -> !actionable.contains(f) && !history.contains(f))
                    .toList();
            print(report, actionable, notes, history, out);
            return actionable.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }

    static void print(AuditReport report, List<Finding> actionable, List<Finding> notes, List<Finding> history,
            Output out) {
        if (out.json()) {
            List<Map<String, Object>> tokens = new ArrayList<>();
            for (AuditEntry e : report.entries()) {
                Map<String, Object> m = Output.map(e.authorization());
                m.put("source", e.source());
                m.put("stored", e.stored());
                m.put("findings", e.findings().stream().map(f -> f.kind().name()).toList());
                tokens.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("at", report.at().toString());
            doc.put("tokens", tokens);
            doc.put("findings", actionable.stream().map(Output::map).toList());
            doc.put("notes", notes.stream().map(Output::map).toList());
            doc.put("history", history.stream().map(Output::map).toList());
            out.json(doc);
            return;
        }
        List<String> headers = new ArrayList<>(Output.HEADERS);
        headers.add("FINDINGS");
        List<List<String>> rows = new ArrayList<>();
        for (AuditEntry e : report.entries()) {
            List<String> row = new ArrayList<>(Output.row(e.authorization()));
            row.add(e.findings().isEmpty() ? "-" : String.join(",", e.findings().stream().map(f -> f.kind().name()).toList()));
            rows.add(row);
        }
        out.table(headers, rows);
        for (Finding f : actionable) {
            out.out().println("! " + f.kind() + ": " + f.message());
        }
        for (Finding f : notes) {
            out.out().println("  note " + f.kind() + ": " + f.message());
        }
        if (!history.isEmpty()) {
            out.out().println("  history: " + history.size() + " revoked or expired token(s), nothing to do");
        }
    }
}
