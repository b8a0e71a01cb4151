package dev.patkit.cli;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The commands on single tokens: list, create and revoke, and what the token commands share. */
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
        try (Stream<Authorization> all = client.tokens().list(TokenQuery.builder().state(TokenQuery.State.ACTIVE).build())) {
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

    /** The {@code --provider} and {@code --host} options of every command that acts on one configured forge. */
    static final class Target {
        @Option(names = "--provider", required = true, paramLabel = "ID", completionCandidates = ProviderIds.class,
                description = "${COMPLETION-CANDIDATES}")
        String provider;

        @Option(names = "--host", paramLabel = "HOST", description = "which configured host of the provider")
        String host;

        /** @return the provider id, checked */
        String providerId() {
            return provider(provider);
        }

        /** @return the configured profile these options name */
        Config.Profile profile(PatkitCommand root) {
            return root.config().require(providerId(), host);
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

        @Mixin
        Target target;

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
            ProviderClient client = root.clients().client(target.profile(root));
            TokenQuery.Builder q = TokenQuery.builder().search(search).ownerId(owner);
            if (state != null) {
                q.state(state);
            }
            AtomicInteger seen = new AtomicInteger();
            List<Authorization> all;
            try (Stream<Authorization> tokens = client.tokens().list(q.build())) {
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

        @Mixin
        Target target;

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
            Config.Profile profile = target.profile(root);
            NewSecrets.Sink sink = NewSecrets.sink(storeFile, showSecret);
            NewSecrets.refuseOverwrite(sink, force);
            sink.store().check(sink.key());
            var rescue = NewSecrets.rescue(root.env);
            TokenSpec tokenSpec = expiry == null ? TokenSpec.of(name, scopes) : TokenSpec.of(name, scopes, expiry);
            if (description != null) {
                tokenSpec = tokenSpec.withDescription(description);
            }
            if (forUser != null) {
                tokenSpec = tokenSpec.forOwner(forUser);
            }
            CreatedToken created = root.clients().client(profile).tokens().create(tokenSpec);
            String id = created.authorization().tokenId().orElse("?");
            try {
                sink.store().put(sink.key(), created.token());
            } catch (RuntimeException e) {
                String key = "create-" + profile.provider() + "-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".secret";
                try {
                    java.nio.file.Files.createDirectories(NewSecrets.stateDir(root.env).resolve("rescue"));
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

        @Mixin
        Target target;

        @ArgGroup(exclusive = true, multiplicity = "1")
        IdOrName which;

        @Override
        public Integer call() {
            PatkitCommand root = PatkitCommand.of(spec);
            Output out = root.output();
            ProviderClient client = root.clients().client(target.profile(root));
            String id = tokenId(client, which);
            client.tokens().revoke(id);
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
}
