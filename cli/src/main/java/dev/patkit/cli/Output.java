package dev.patkit.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.patkit.core.Authorization;
import dev.patkit.core.audit.Finding;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints results as a table for people or as JSON for programs. Never prints a secret unless asked. */
final class Output {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    Output(PrintStream out, PrintStream err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    PrintStream out() {
        return out;
    }

    /** Progress and notes go to stderr so stdout stays clean for programs. */
    void progress(String line) {
        err.println(line);
    }

    void json(Object value) {
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliException(ExitCodes.OTHER, "Could not write JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    static Map<String, Object> map(Authorization a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", a.provider());
        m.put("host", a.host().toString());
        a.tokenId().ifPresent(v -> m.put("id", v));
        a.tokenName().ifPresent(v -> m.put("name", v));
        m.put("status", a.status().name());
        a.owner().ifPresent(o -> {
            Map<String, Object> owner = new LinkedHashMap<>();
            owner.put("id", o.id());
            o.login().ifPresent(v -> owner.put("login", v));
            owner.put("kind", o.kind().name());
            m.put("owner", owner);
        });
        m.put("scopes", a.scopes().isKnown() ? new ArrayList<>(new java.util.TreeSet<>(a.scopes().names())) : "UNKNOWN");
        m.put("expiresAt", a.expiresAt().map(Instant::toString).orElse(null));
        a.createdAt().ifPresent(v -> m.put("createdAt", v.toString()));
        a.lastUsedAt().ifPresent(v -> m.put("lastUsedAt", v.toString()));
        a.tokenKind().ifPresent(v -> m.put("kind", v));
        Map<String, String> sources = new LinkedHashMap<>();
        for (Authorization.Field f : Authorization.Field.values()) {
            a.sourceOf(f).ifPresent(s -> sources.put(f.name().toLowerCase(java.util.Locale.ROOT), s.name()));
        }
        m.put("sources", sources);
        return m;
    }

    static Map<String, Object> map(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind().name());
        m.put("provider", f.authorization().provider());
        f.authorization().tokenName().ifPresent(v -> m.put("token", v));
        m.put("message", f.message());
        return m;
    }

    void table(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        out.println(line(headers, widths));
        for (List<String> r : rows) {
            out.println(line(r, widths));
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
        }
        return sb.toString().stripTrailing();
    }

    static List<String> row(Authorization a) {
        return List.of(a.provider(), a.tokenName().orElse(a.tokenId().orElse("-")), a.status().name(),
                a.owner().map(o -> o.login().orElse(o.id())).orElse("-"),
                a.expiresAt().map(i -> i.toString().substring(0, 10)).orElse("never"),
                a.scopes().isKnown() ? String.join(",", new java.util.TreeSet<>(a.scopes().names())) : "UNKNOWN");
    }

    static final List<String> HEADERS = List.of("PROVIDER", "TOKEN", "STATUS", "OWNER", "EXPIRES", "SCOPES");
}
