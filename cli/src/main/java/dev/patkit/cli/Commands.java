package dev.patkit.examples.cli;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.audit.Audit;
import dev.patkit.core.audit.AuditEntry;
import dev.patkit.core.audit.AuditReport;
import dev.patkit.core.audit.Finding;
import dev.patkit.core.rotation.FileJournal;
import dev.patkit.core.rotation.FileSecretStore;
import dev.patkit.core.rotation.InMemorySecretStore;
import dev.patkit.core.rotation.RotationJournal;
import dev.patkit.core.rotation.RotationPlan;
import dev.patkit.core.rotation.RotationResult;
import dev.patkit.core.rotation.SecretStore;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.servicestage.GitAuthorization;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.Registration;
import dev.patkit.servicestage.ReplaceReport;
import dev.patkit.servicestage.RepoType;
import dev.patkit.servicestage.ServiceStageClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The commands that talk to providers. One {@link Patkit} instance serves them all. */
final class Commands implements AutoCloseable {

    private final Config config;
    private final Output out;
    private Patkit patkit;

    Commands(Config config, Output out) {
        this.config = config;
        this.out = out;
    }

    private Patkit patkit() {
        if (patkit == null) {
            patkit = Patkit.create();
        }
        return patkit;
    }

    private ProviderClient client(Config.Provider p) {
        return patkit().client(p.id(), p.baseUri(), p.credential());
    }

    private ProviderClient client(String id) {
        return client(config.require(id));
    }

    int inspect(Args args) {
        List<Config.Provider> providers = args.get("--provider") != null
                ? List.of(config.require(args.get("--provider"))) : new ArrayList<>(config.providers().values());
        if (providers.isEmpty()) {
            throw CliException.usage("No provider is configured. Set GITLAB_TOKEN, GITHUB_TOKEN, ATOMGIT_TOKEN or "
                    + "SERVICESTAGE_TOKEN (see 'patkit --help').");
        }
        List<Authorization> results = new ArrayList<>();
        for (Config.Provider p : providers) {
            results.add(client(p).inspect());
        }
        if (out.json()) {
            out.json(results.stream().map(Output::map).toList());
        } else {
            out.table(Output.HEADERS, results.stream().map(Output::row).toList());
            for (Authorization a : results) {
                a.tokenKind().ifPresent(k -> out.out().println(a.provider() + ": token kind " + k));
            }
        }
        return results.stream().allMatch(Authorization::isActive) ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    int list(Args args) {
        ProviderClient client = client(args.require("--provider"));
        TokenQuery.Builder q = TokenQuery.builder().search(args.get("--search")).ownerId(args.get("--owner"));
        String state = args.get("--state");
        if (state != null) {
            try {
                q.state(TokenQuery.State.valueOf(state.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--state must be active or inactive");
            }
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

    int create(Args args) {
        String provider = args.require("--provider");
        TokenSpec spec = TokenSpec.of(args.require("--name"), args.list("--scopes"), args.date("--expires"));
        SecretSink sink = secretSink(args);
        if (args.get("--description") != null) {
            spec = spec.withDescription(args.get("--description"));
        }
        if (args.get("--for-user") != null) {
            spec = spec.forOwner(args.get("--for-user"));
        }
        CreatedToken created = client(provider).create(spec);
        sink.deliver(created.token());
        report(created.authorization(), created.token(), sink);
        return ExitCodes.OK;
    }

    int rotate(Args args) {
        String provider = args.require("--provider");
        if (!provider.equals("gitlab")) {
            throw CliException.usage("Only GitLab tokens can be rotated through an API; " + provider
                    + " tokens are rotated in the web interface (see 'patkit create').");
        }
        GitLabClient gitlab = client(provider).unwrap(GitLabClient.class);
        String tokenId = args.require("--id");
        SecretSink sink = secretSink(args);
        String planId = Optional.ofNullable(args.get("--plan")).orElse("rotate-" + provider + "-" + tokenId.replaceAll(
                "[^A-Za-z0-9._-]", "_") + "-" + Instant.now().getEpochSecond());
        RotationPlan.Builder plan = RotationPlan.builder(planId).rotate(gitlab.rotator(tokenId))
                .newExpiry(args.date("--expires")).storeIn(sink.store(), sink.key())
                .journal(args.get("--journal") == null ? RotationJournal.inMemory() : new FileJournal(Path.of(args.get("--journal"))))
                .listener(e -> out.progress(String.format("%-8s %-8s %s %s", e.step(), e.outcome(), e.target(),
                        e.detail().isEmpty() ? "" : "- " + e.detail())));
        if (args.get("--journal") != null) {
            out.progress("plan " + planId + " (if it stops, resume with --plan " + planId + " --journal "
                    + args.get("--journal") + ")");
        }
        List<String> auths = args.list("--servicestage-auth");
        if (!auths.isEmpty()) {
            ServiceStageClient stage = client("servicestage").unwrap(ServiceStageClient.class);
            auths.forEach(name -> plan.replaceIn(stage.holder(name)));
        }
        RotationResult result = plan.build().run();
        Token token = sink.store().get(sink.key()).orElseThrow();
        if (out.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plan", result.planId());
            m.put("oldTokenId", result.oldTokenId());
            m.put("newTokenId", result.newTokenId());
            m.put("newFingerprint", result.newFingerprint());
            m.put("servicestage", result.handles());
            sink.describe(token).forEach(m::put);
            out.json(m);
        } else {
            out.out().println("Rotated " + provider + " token " + result.oldTokenId() + " -> " + result.newTokenId()
                    + " (fingerprint " + result.newFingerprint() + ")");
            result.handles().forEach((holder, handle) -> out.out().println("  " + holder + " -> " + handle));
            sink.describe(token).forEach((k, v) -> out.out().println(k + ": " + v));
        }
        return ExitCodes.OK;
    }

    int revoke(Args args) {
        ProviderClient client = client(args.require("--provider"));
        String id = args.require("--id");
        client.revoke(id);
        if (out.json()) {
            out.json(Map.of("provider", client.providerId(), "revoked", id));
        } else {
            out.out().println("Revoked " + client.providerId() + " token " + id);
        }
        return ExitCodes.OK;
    }

    int audit(Args args) {
        Duration within = Args.duration(Optional.ofNullable(args.get("--within")).orElse("30d"), "--within");
        Map<String, Config.Provider> providers = config.providers();
        if (providers.isEmpty()) {
            throw CliException.usage("No provider is configured; nothing to audit (see 'patkit --help').");
        }
        Audit.Builder audit = Audit.builder().expiringWithin(within).progress(out::progress);
        for (Config.Provider p : providers.values()) {
            if (p.id().equals("servicestage")) {
                audit.store(client(p));
            } else {
                audit.source(client(p));
            }
        }
        for (String need : args.list("--needs")) {
            int colon = need.indexOf(':');
            if (colon <= 0 || colon == need.length() - 1) {
                throw CliException.usage("--needs takes provider:scope pairs, for example gitlab:read_api");
            }
            audit.needs(need.substring(0, colon), need.substring(colon + 1));
        }
        AuditReport report = audit.build().run();
        printAudit(report, out);
        return report.findings().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    static void printAudit(AuditReport report, Output out) {
        if (out.json()) {
            List<Map<String, Object>> tokens = new ArrayList<>();
            for (AuditEntry e : report.entries()) {
                Map<String, Object> m = Output.map(e.authorization());
                m.put("source", e.source());
                m.put("stored", e.stored());
                m.put("warnings", e.findings().stream().map(f -> f.kind().name()).toList());
                tokens.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("at", report.at().toString());
            doc.put("tokens", tokens);
            doc.put("findings", report.findings().stream().map(Output::map).toList());
            out.json(doc);
            return;
        }
        List<String> headers = new ArrayList<>(Output.HEADERS);
        headers.add("WARNINGS");
        List<List<String>> rows = new ArrayList<>();
        for (AuditEntry e : report.entries()) {
            List<String> row = new ArrayList<>(Output.row(e.authorization()));
            row.add(e.findings().isEmpty() ? "-" : e.findings().stream().map(f -> f.kind().name())
                    .collect(Collectors.joining(",")));
            rows.add(row);
        }
        out.table(headers, rows);
        for (Finding f : report.findings()) {
            out.out().println("! " + f.kind() + ": " + f.message());
        }
    }

    int servicestage(Args args) {
        String action = args.word(0, "servicestage action (list, register, delete, replace)");
        ServiceStageClient stage = client("servicestage").unwrap(ServiceStageClient.class);
        switch (action) {
            case "list" -> {
                List<GitAuthorization> auths = stage.listAuthorizations();
                if (out.json()) {
                    out.json(auths.stream().map(a -> {
                        Map<String, Object> m = Output.map(a.authorization());
                        m.put("repoType", a.repoType());
                        a.repoHome().ifPresent(h -> m.put("repoHome", h));
                        return m;
                    }).toList());
                } else {
                    out.table(List.of("NAME", "REPO_TYPE", "USER", "STATUS", "HOME"), auths.stream().map(a -> List.of(
                            a.name(), a.repoType(), a.repoUser().orElse("-"), a.status().name(), a.repoHome().orElse("-")))
                            .toList());
                }
                return ExitCodes.OK;
            }
            case "register" -> {
                PersonalAuthorization request = personal(args, args.require("--name"));
                Registration r = stage.createPersonal(request);
                printRegistration(r);
                return ExitCodes.OK;
            }
            case "delete" -> {
                String name = args.require("--name");
                stage.delete(name);
                if (out.json()) {
                    out.json(Map.of("deleted", name));
                } else {
                    out.out().println("Deleted ServiceStage authorization " + name
                            + " (the token itself stays valid at its forge)");
                }
                return ExitCodes.OK;
            }
            case "replace" -> {
                ReplaceReport report = stage.replace(args.require("--name"), personal(args, args.require("--new-name")));
                for (ReplaceReport.Step s : report.steps()) {
                    out.progress(s.action() + " " + s.status() + " " + s.detail());
                }
                if (out.json()) {
                    out.json(Map.of("old", report.oldName(), "new", report.newName(), "succeeded", report.succeeded(),
                            "oldKept", report.oldKept()));
                } else {
                    out.out().println(report.succeeded() ? "Replaced " + report.oldName() + " with " + report.newName()
                            : "Replacement failed; " + report.oldName() + " was kept: "
                                    + report.failure().map(Throwable::getMessage).orElse(""));
                }
                return report.succeeded() ? ExitCodes.OK : ExitCodes.UNCERTAIN;
            }
            default -> throw CliException.usage("Unknown servicestage action '" + action
                    + "'. Use list, register, delete or replace.");
        }
    }

    private PersonalAuthorization personal(Args args, String name) {
        String repoType = args.get("--repo-type");
        Token token;
        String provider = args.get("--token-provider");
        if (provider != null) {
            Config.Provider p = config.require(provider);
            if (!(p.credential() instanceof Token t)) {
                throw CliException.usage(provider + " is not configured with a token");
            }
            token = t;
            if (repoType == null) {
                repoType = provider;
            }
        } else if (args.get("--token-file") != null) {
            token = Token.fromFile(Path.of(args.get("--token-file")));
        } else {
            throw CliException.usage("Name the token to register: --token-provider ID or --token-file FILE");
        }
        if (repoType == null) {
            throw CliException.usage("Missing --repo-type (github, gitlab or gitee)");
        }
        RepoType type = RepoType.fromWire(repoType.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                CliException.usage("Unknown --repo-type; use github, gitlab or gitee"));
        PersonalAuthorization request = PersonalAuthorization.of(name, type, token);
        if (args.get("--host") != null) {
            request = request.withHost(URI.create(args.get("--host")));
        }
        return request;
    }

    private void printRegistration(Registration r) {
        GitAuthorization a = r.authorization();
        if (out.json()) {
            Map<String, Object> m = Output.map(a.authorization());
            m.put("outcome", r.outcome().name());
            out.json(m);
        } else {
            out.out().println("Registered " + a.name() + " (" + a.repoType() + ", user " + a.repoUser().orElse("?")
                    + ", status " + a.status() + ", " + r.outcome() + ")");
        }
    }

    private void report(Authorization a, Token token, SecretSink sink) {
        if (out.json()) {
            Map<String, Object> m = Output.map(a);
            sink.describe(token).forEach(m::put);
            out.json(m);
        } else {
            out.table(Output.HEADERS, List.of(Output.row(a)));
            sink.describe(token).forEach((k, v) -> out.out().println(k + ": " + v));
        }
    }

    private SecretSink secretSink(Args args) {
        String file = args.get("--store-file");
        if (file != null) {
            Path path = Path.of(file).toAbsolutePath();
            return new SecretSink(new FileSecretStore(path.getParent()), path.getFileName().toString(), false, path);
        }
        if (args.flag("--show-secret")) {
            return new SecretSink(new InMemorySecretStore(), "new-token", true, null);
        }
        throw CliException.usage("Say where the new secret goes: --store-file FILE (recommended) or --show-secret"
                + " (prints it once on standard output)");
    }

    /** Where a newly issued secret goes: a file (mode 600) or, when asked, standard output. */
    private record SecretSink(SecretStore store, String key, boolean show, Path file) {
        void deliver(Token token) {
            store.put(key, token);
        }

        Map<String, String> describe(Token token) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("fingerprint", token.fingerprint());
            if (show) {
                m.put("token", token.reveal());
            } else {
                m.put("stored", file.toString());
            }
            return m;
        }
    }

    @Override
    public void close() {
        if (patkit != null) {
            patkit.close();
        }
    }
}
