package dev.patkit.core.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An slf4j provider for tests that keeps every log event at every level (TRACE included), fully
 * formatted with its throwable's stack trace, so tests can search the logs for secrets.
 *
 * <p>When the environment variable {@code PATKIT_LOG_DIR} names a directory (the canary sweep sets
 * it), every event is also appended to {@code slf4j-<pid>.log} there, so the sweep can search the
 * TRACE-level logs of the whole build. WireMock's own loggers go to {@code wiremock-<pid>.log}
 * instead: they print the requests WireMock received, tokens included, which the sweep excludes.
 */
public final class LogCapture implements SLF4JServiceProvider {

    private static final List<String> EVENTS = new ArrayList<>();
    private static final Path LOG_DIR = logDir();
    private static Writer patkitLog;
    private static Writer wiremockLog;

    private final ILoggerFactory loggers = CapturingLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** Required by {@link java.util.ServiceLoader}. */
    public LogCapture() {}

    /** @return every event logged so far, formatted */
    public static synchronized List<String> events() {
        return new ArrayList<>(EVENTS);
    }

    /** @return all events joined */
    public static String all() {
        return String.join("\n", events());
    }

    /** Forgets the events logged so far. */
    public static synchronized void clear() {
        EVENTS.clear();
    }

    private static synchronized void record(String logger, String event) {
        EVENTS.add(event);
        if (LOG_DIR == null) {
            return;
        }
        try {
            boolean wiremock = logger.startsWith("com.github.tomakehurst") || logger.startsWith("wiremock")
                    || logger.startsWith("org.eclipse.jetty");
            if (wiremock) {
                wiremockLog = append(wiremockLog, event, "wiremock-");
            } else {
                patkitLog = append(patkitLog, event, "slf4j-");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Writer append(Writer writer, String event, String prefix) throws IOException {
        Writer w = writer;
        if (w == null) {
            w = Files.newBufferedWriter(LOG_DIR.resolve(prefix + ProcessHandle.current().pid() + ".log"),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        w.write(event);
        w.write('\n');
        w.flush();
        return w;
    }

    private static Path logDir() {
        String dir = System.getenv("PATKIT_LOG_DIR");
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path p = Path.of(dir);
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {}

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                Throwable throwable) {
            StringBuilder sb = new StringBuilder().append(level).append(' ').append(name).append(": ")
                    .append(MessageFormatter.basicArrayFormat(pattern, args));
            if (throwable != null) {
                StringWriter w = new StringWriter();
                throwable.printStackTrace(new PrintWriter(w));
                sb.append('\n').append(w);
            }
            record(name, sb.toString());
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
