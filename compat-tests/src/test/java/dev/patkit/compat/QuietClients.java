package dev.patkit.compat;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Switches off the java.util.logging output of the third-party clients (gitlab4j-api, Jersey,
 * hub4j github-api), which may log requests and headers, so no token reaches a log file or the
 * test output the build keeps. The loggers are held here so the settings are not collected.
 */
final class QuietClients {

    private static final List<Logger> SILENCED = List.of(
            Logger.getLogger("org.gitlab4j"),
            Logger.getLogger("org.glassfish"),
            Logger.getLogger("org.kohsuke.github"),
            Logger.getLogger("sun.net.www.protocol.http"));

    private QuietClients() {}

    /** Turns the loggers off (idempotent). */
    static void apply() {
        for (Logger l : SILENCED) {
            l.setLevel(Level.OFF);
        }
    }
}
