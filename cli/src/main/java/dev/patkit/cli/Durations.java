package dev.patkit.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Values people type: durations ({@code 30d}, {@code 4w}, {@code 1y}, {@code 12h}, ISO {@code P30D}; a year is 365 days, an ISO month 30) and dates. */
final class Durations {

    private Durations() {}

    static Duration parse(String text, String option) {
        String t = text.strip();
        try {
            if (t.matches("\\d{1,6}[hdwy]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    case 'w' -> Duration.ofDays(7 * n);
                    default -> Duration.ofDays(365 * n);
                };
            }
            if (t.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
                String iso = t.toUpperCase(java.util.Locale.ROOT);
                if (iso.contains("T")) {
                    return Duration.parse(iso);
                }
                java.time.Period p = java.time.Period.parse(iso);
                return Duration.ofDays(p.getYears() * 365L + p.getMonths() * 30L + p.getDays());
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // fall through to the message
        }
        throw CliException.usage(option + " takes a duration such as 30d, 4w, 1y, 12h or P30D; not '"
                + text + "'.");
    }

    static LocalDate date(String text, String option) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw CliException.usage(option + " takes a date such as 2027-01-31; not '" + text + "'.");
        }
    }
}
