package dev.patkit.cli;

import dev.patkit.core.audit.Audit;
import dev.patkit.core.audit.AuditEntry;
import dev.patkit.core.audit.AuditReport;
import dev.patkit.core.audit.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patkit audit}, and how its findings are sorted for people: to act on, worth a look, or history. */
final class AuditCommand {

    private AuditCommand() {}

    /** What an audit's findings mean to a person: to act on, worth a look, or history. */
    static final Set<Finding.Kind> ACTIONABLE = Set.of(Finding.Kind.EXPIRES_SOON, Finding.Kind.MISSING_NEEDED_SCOPES,
            Finding.Kind.SOURCE_FAILED, Finding.Kind.STORED_BUT_INACTIVE);

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = {"Audit every token the configured providers show. Exit 1 only on findings to act on:",
                "active tokens expiring within the window, missing needed scopes, ServiceStage holding a dead token,",
                "unreadable sources. Revoked and expired tokens are history; broader-than-needed scopes are notes."},
            footer = {"", "Examples:", "  patkit audit --within 30d", "  patkit audit --within 4w --needs gitlab:read_api,github:repo --json"})
    static final class Run implements Callable<Integer> {
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
                audit.needs(TokenCommands.provider(need.substring(0, colon)), need.substring(colon + 1));
            }
            AuditReport report = audit.build().run();
            List<Finding> actionable = report.findings().stream().filter(f -> ACTIONABLE.contains(f.kind())
                    && (f.kind() != Finding.Kind.EXPIRES_SOON || f.authorization().isActive(Output.CLOCK))).toList();
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
