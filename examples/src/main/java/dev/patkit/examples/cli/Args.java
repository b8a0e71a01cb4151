package dev.patkit.examples.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsed {@code --name value} options, flags and positional words. */
final class Args {

    private static final List<String> FLAGS = List.of("--json", "--help", "--show-secret", "--yes");

    private final List<String> words = new ArrayList<>();
    private final Map<String, List<String>> options = new LinkedHashMap<>();

    Args(List<String> argv) {
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.startsWith("--")) {
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                } else if (FLAGS.contains(a)) {
                    value = "true";
                } else if (i + 1 < argv.size()) {
                    value = argv.get(++i);
                } else {
                    throw CliException.usage("Option " + a + " needs a value");
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                words.add(a);
            }
        }
    }

    List<String> words() {
        return words;
    }

    String word(int i, String what) {
        if (words.size() <= i) {
            throw CliException.usage("Missing " + what);
        }
        return words.get(i);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String get(String name) {
        List<String> v = options.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    String require(String name) {
        String v = get(name);
        if (v == null || v.isBlank()) {
            throw CliException.usage("Missing " + name);
        }
        return v;
    }

    LocalDate date(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw CliException.usage(name + " must be a date like 2027-01-31");
        }
    }

    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String v : all(name)) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** Parses durations like {@code 30d}, {@code 12h}, {@code 90m}. */
    static Duration duration(String text, String name) {
        if (text == null || !text.matches("\\d{1,6}[dhm]")) {
            throw CliException.usage(name + " must be a number followed by d, h or m, for example 30d");
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
