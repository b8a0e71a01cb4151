package dev.patkit.cli;

import dev.patkit.core.audit.AuditReport;
import dev.patkit.core.audit.Finding;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code patkit demo}: the walk-through of {@link dev.patkit.cli.demo.DemoRun} against fake forges.
 * The testkit and WireMock it needs are in the distribution's {@code lib/demo}, off the class path
 * of every other command: this command loads them, and the demo itself, through a class loader of
 * their own. (In the build's own tests the demo is on the test class path and is used directly.)
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Walk through Patkit against fake forges started in this process; needs no token and no network.",
        footer = {"", "Examples:", "  patkit demo", "  patkit demo --json"})
final class DemoCommand implements Callable<Integer> {

    static final String DEMO = "dev.patkit.cli.demo.DemoRun";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Output output = PatkitCommand.of(spec).output();
        PrintStream out = output.json() ? new PrintStream(java.io.OutputStream.nullOutputStream(), false,
                java.nio.charset.StandardCharsets.UTF_8) : output.out();
        Function<dev.patkit.core.Authorization, Map<String, Object>> view = Output::map;
        BiFunction<AuditReport, PrintStream, List<Map<String, Object>>> audit = (report, to) -> {
            List<Finding> actionable = report.findings().stream()
                    .filter(f -> AuditCommand.ACTIONABLE.contains(f.kind())).toList();
            List<Finding> history = report.findings().stream().filter(f -> f.kind() == Finding.Kind.INACTIVE).toList();
            List<Finding> notes = report.findings().stream().filter(f -> !actionable.contains(f) && !history.contains(f))
                    .toList();
            AuditCommand.print(report, actionable, notes, history, new Output(to, to, false, false));
            return actionable.stream().map(Output::map).toList();
        };
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        URLClassLoader own = null;
        try {
            Class<?> demo;
            try {
                demo = Class.forName(DEMO, true, DemoCommand.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                own = demoLoader();
                demo = Class.forName(DEMO, true, own);
            }
            thread.setContextClassLoader(demo.getClassLoader());
            Object summary = demo.getMethod("run", PrintStream.class, Function.class, BiFunction.class)
                    .invoke(null, out, view, audit);
            if (output.json()) {
                output.json(summary);
            }
            return ExitCodes.OK;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            thread.setContextClassLoader(before);
            if (own != null) {
                own.close();
            }
        }
    }

    /** A class loader over the distribution's lib/demo, whose parent is the command's own. */
    private static URLClassLoader demoLoader() throws IOException {
        Path lib = Path.of(System.getProperty("patkit.home", ".")).resolve("lib").resolve("demo");
        if (!Files.isDirectory(lib)) {
            throw new CliException(ExitCodes.OTHER, "patkit demo needs the testkit and WireMock in " + lib
                    + ", which is missing; reinstall the distribution (mvn package builds cli/target/patkit).");
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        return new URLClassLoader("patkit-demo", urls.toArray(URL[]::new), DemoCommand.class.getClassLoader());
    }
}
