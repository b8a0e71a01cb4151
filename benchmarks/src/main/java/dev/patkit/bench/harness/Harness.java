package dev.patkit.bench.harness;

import dev.patkit.bench.clients.BenchClient;
import dev.patkit.bench.clients.Op;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The side-by-side comparison. Starts one stub process on loopback, then, round after round,
 * runs every client on every call it supports, interleaved (raw, Patkit, peer, then the reverse
 * order next round), each measurement in a fresh JVM whose class path holds that client's
 * runtime jars only ({@code target/cp-KEY.txt}, resolved by {@code run.sh}). Prints one Markdown
 * table with ratios against raw, the JVM floor, the {@code git-credential} slot and the
 * 64 MiB streaming check.
 *
 * <p>Options: {@code --rounds N} (3), {@code --cold N} cold starts per client per round (3),
 * {@code --warmup-ms} (3000), {@code --measure-ms} per latency/throughput phase (2000),
 * {@code --target DIR} (target), {@code --out FILE} (also write the report there).
 * Environment: {@code PATKIT_GIT_CREDENTIAL_CMD}, a shell command timed as
 * {@code printf 'protocol=https\nhost=gitlab.com\n\n' | CMD get}.
 */
public final class Harness {

    private static final String[] ORDER = {"raw", "patkit", "gitlab4j", "hub4j", "rawasync"};

    private final Path target;
    private final String java;
    private final Map<String, Double> footprint = new TreeMap<>();
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private String stubUrl;

    private Harness(Path target) {
        this.target = target;
        this.java = ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Runs the comparison.
     *
     * @param args see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--rounds", "3", "--cold", "3", "--warmup-ms", "3000",
                "--measure-ms", "2000", "--target", "target", "--out", ""));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!o.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            o.put(args[i], args[i + 1]);
        }
        Harness h = new Harness(Path.of(o.get("--target")));
        String report = h.run(Integer.parseInt(o.get("--rounds")), Integer.parseInt(o.get("--cold")),
                o.get("--warmup-ms"), o.get("--measure-ms"));
        System.out.println(report);
        if (!o.get("--out").isEmpty()) {
            Files.writeString(Path.of(o.get("--out")), report);
        }
        System.exit(report.contains("MEMORY FAIL") || report.contains("WRONG RESULT") ? 1 : 0);
    }

    private static String cpKey(String client, Op op) {
        if (client.equals("patkit")) {
            return op == Op.GITHUB_INSPECT ? "patkit-github" : "patkit-gitlab";
        }
        return client.equals("rawasync") ? "raw" : client;
    }

    private String classPath(String key) throws IOException {
        String jars = Files.readString(target.resolve("cp-" + key + ".txt")).trim();
        if (!footprint.containsKey(key)) {
            long bytes = 0;
            for (String jar : jars.split(File.pathSeparator)) {
                bytes += Files.size(Path.of(jar));
            }
            footprint.put(key, (double) bytes);
        }
        return target.resolve("classes") + File.pathSeparator + jars;
    }

    private static List<String> clients(Op op) {
        List<String> out = new ArrayList<>();
        for (String c : ORDER) {
            boolean supports = switch (c) {
                case "gitlab4j" -> op != Op.GITHUB_INSPECT;
                case "hub4j" -> op == Op.GITHUB_INSPECT;
                default -> true;
            };
            if (supports) {
                out.add(c);
            }
        }
        return out;
    }

    private void add(String key, double value) {
        samples.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private String run(int rounds, int cold, String warmupMs, String measureMs) throws Exception {
        Process stub = new ProcessBuilder(java, "-cp", target.resolve("classes").toString(),
                "dev.patkit.bench.stub.StubServer", "4").redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(stub.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            if (line == null || !line.startsWith("STUB ")) {
                throw new IllegalStateException("the stub did not start: " + line);
            }
            stubUrl = line.substring(5).trim();
            List<String> problems = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (Op op : Op.values()) {
                    List<String> order = clients(op);
                    if (round % 2 == 1) {
                        Collections.reverse(order);
                    }
                    for (int rep = 0; rep < cold; rep++) {
                        for (String c : order) {
                            if (c.equals("rawasync")) {
                                continue; // a warm-path diagnostic only
                            }
                            coldRun(c, op, problems);
                        }
                        floorRun();
                    }
                    for (String c : order) {
                        warmRun(c, op, warmupMs, measureMs, problems);
                    }
                }
                System.err.printf(Locale.ROOT, "round %d of %d done%n", round + 1, rounds);
            }
            String credential = gitCredentialSlot(Math.max(5, rounds * cold));
            String memory = memoryCheck();
            return table(rounds, cold, warmupMs, measureMs) + "\n" + credential + "\n" + memory
                    + (problems.isEmpty() ? "" : "\nWRONG RESULT or HANG: " + problems + "\n");
        } finally {
            stub.destroy();
        }
    }

    private void coldRun(String client, Op op, List<String> problems) throws Exception {
        List<String> cmd = List.of(java, "-cp", classPath(cpKey(client, op)), "dev.patkit.bench.harness.Worker",
                "cold", client, op.label(), stubUrl);
        long t0 = System.nanoTime();
        Process p = watched(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start(), 120);
        String result = firstLineStartingWith(p, "RESULT ");
        double ms = (System.nanoTime() - t0) / 1e6;
        p.waitFor();
        if (result == null || !result.substring(7).equals(BenchClient.expected(op))) {
            problems.add(client + " " + op.label() + " cold: " + result);
            return;
        }
        add(client + "|" + op.label() + "|cold_ms", ms);
    }

    private void floorRun() throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(java, "-cp", target.resolve("classes").toString(),
                "dev.patkit.bench.harness.Floor").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        firstLineStartingWith(p, "RESULT ");
        add("floor|cold_ms", (System.nanoTime() - t0) / 1e6);
        p.waitFor();
    }

    private void warmRun(String client, Op op, String warmupMs, String measureMs, List<String> problems)
            throws Exception {
        List<String> cmd = List.of(java, "-cp", classPath(cpKey(client, op)), "dev.patkit.bench.harness.Worker",
                "warm", client, op.label(), stubUrl, warmupMs, measureMs);
        long limit = 60 + 10 * (Long.parseLong(warmupMs) + 4 * Long.parseLong(measureMs)) / 1000;
        Process p = watched(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start(), limit);
        String line = firstLineStartingWith(p, "WARM ");
        p.waitFor();
        if (line == null) {
            problems.add(client + " " + op.label() + " warm: exit " + p.exitValue() + " (killed after " + limit
                    + " s if 137: a hang)");
            return;
        }
        for (String kv : line.substring(5).trim().split(" ")) {
            String[] parts = kv.split("=");
            add(client + "|" + op.label() + "|" + parts[0], Double.parseDouble(parts[1]));
        }
    }

    /** Kills a measurement that outlives its time limit, so one hung client cannot stop the run. */
    private static Process watched(Process p, long seconds) {
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return p;
    }

    private static String firstLineStartingWith(Process p, String prefix) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    private String gitCredentialSlot(int reps) throws Exception {
        String cmd = System.getenv("PATKIT_GIT_CREDENTIAL_CMD");
        double floor = median(samples.get("floor|cold_ms"));
        StringBuilder sb = new StringBuilder("### `patkit git-credential get` (target: median <= 300 ms wall)\n\n");
        if (cmd == null || cmd.isBlank()) {
            sb.append(String.format(Locale.ROOT, "| command | median ms | runs |\n|---|---:|---:|\n"
                    + "| JVM floor (empty main, same JVM) | %.0f | %d |\n"
                    + "| `patkit git-credential get` | SLOT: not measured (set PATKIT_GIT_CREDENTIAL_CMD) | - |\n",
                    floor, samples.get("floor|cold_ms").size()));
            return sb.toString();
        }
        List<Double> wall = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("bash", "-c", cmd + " get").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write("protocol=https\nhost=gitlab.com\n\n".getBytes(StandardCharsets.UTF_8));
            }
            if (p.waitFor() != 0) {
                failures++;
            }
            wall.add((System.nanoTime() - t0) / 1e6);
        }
        double m = median(wall);
        sb.append(String.format(Locale.ROOT, "| command | median ms | runs | failures | target |\n|---|---:|---:|---:|---|\n"
                + "| JVM floor (empty main, same JVM) | %.0f | %d | 0 | |\n"
                + "| `%s get` | %.0f | %d | %d | %s |\n", floor, samples.get("floor|cold_ms").size(), cmd, m, reps,
                failures, m <= 300 && failures == 0 ? "holds" : "MISSED"));
        return sb.toString();
    }

    private String memoryCheck() throws Exception {
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", classPath("patkit-gitlab"),
                "dev.patkit.bench.harness.MemoryCheck", stubUrl).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = firstLineStartingWith(p, "MEMORY ");
        int exit = p.waitFor();
        return "### Streaming 100,000 tokens through Patkit's GitLab list() with -Xmx64m\n\n"
                + (line == null ? "MEMORY FAIL (exit " + exit + ", no report: out of memory?)" : line) + "\n";
    }

    private static double median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private double m(String client, Op op, String metric) {
        return median(samples.get(client + "|" + op.label() + "|" + metric));
    }

    private static String ratio(double value, double raw) {
        return Double.isNaN(value) || Double.isNaN(raw) || raw == 0 ? "-" : String.format(Locale.ROOT, "%.2f", value / raw);
    }

    private String table(int rounds, int cold, String warmupMs, String measureMs) {
        StringBuilder sb = new StringBuilder();
        Runtime.Version v = Runtime.version();
        sb.append(String.format(Locale.ROOT, "## Comparison, %s, JDK %s (%s), %d cores, %d rounds x %d cold starts,"
                + " warm-up %s ms, phases %s ms%n%n", LocalDate.now(), v, System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().availableProcessors(), rounds, cold, warmupMs, measureMs));
        sb.append("Medians over rounds. `x` = ratio to raw JDK + Jackson doing the same call"
                + " (lower is better, except throughput).\n\n");
        sb.append("| call | client | cold start ms | x | warm median ms | x | p99 ms | x | 1-thread calls/s | x"
                + " | 4-thread calls/s | x | alloc KB/call | x | runtime jars MiB | x | peak RSS MiB | x |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Op op : Op.values()) {
            double rc = m("raw", op, "cold_ms");
            double rl = m("raw", op, "median_ms");
            double rp = m("raw", op, "p99_ms");
            double r1 = m("raw", op, "tp1");
            double r4 = m("raw", op, "tp4");
            double ra = m("raw", op, "alloc_bytes");
            double rf = footprint.getOrDefault("raw", Double.NaN);
            double rr = m("raw", op, "rss_kb");
            for (String c : clients(op)) {
                double f = footprint.getOrDefault(cpKey(c, op), Double.NaN);
                sb.append(String.format(Locale.ROOT,
                        "| %s | %s | %.0f | %s | %.3f | %s | %.3f | %s | %.0f | %s | %.0f | %s | %.1f | %s | %.2f | %s | %.0f | %s |%n",
                        op.label(), c.equals("patkit") ? "**patkit**" : c.equals("rawasync") ? "(raw sendAsync.join)" : c, m(c, op, "cold_ms"), ratio(m(c, op, "cold_ms"), rc),
                        m(c, op, "median_ms"), ratio(m(c, op, "median_ms"), rl), m(c, op, "p99_ms"), ratio(m(c, op, "p99_ms"), rp),
                        m(c, op, "tp1"), ratio(m(c, op, "tp1"), r1), m(c, op, "tp4"), ratio(m(c, op, "tp4"), r4),
                        m(c, op, "alloc_bytes") / 1024, ratio(m(c, op, "alloc_bytes"), ra), f / 1048576, ratio(f, rf),
                        m(c, op, "rss_kb") / 1024, ratio(m(c, op, "rss_kb"), rr)));
            }
        }
        String rows = sb.toString().replace("| NaN |", "| - |");
        sb.setLength(0);
        sb.append(rows);
        sb.append("\n### Patkit against the issue's targets (GitLab inspect unless named)\n\n");
        sb.append("| target | limit | measured | verdict |\n|---|---|---|---|\n");
        Op gl = Op.GITLAB_INSPECT;
        target(sb, "warm latency vs raw (gl-inspect)", "<= 1.05", m("patkit", gl, "median_ms") / m("raw", gl, "median_ms"), 1.05, true);
        target(sb, "warm latency vs raw (gh-inspect)", "<= 1.05",
                m("patkit", Op.GITHUB_INSPECT, "median_ms") / m("raw", Op.GITHUB_INSPECT, "median_ms"), 1.05, true);
        target(sb, "4-thread throughput vs raw (gl-inspect)", ">= 0.95", m("patkit", gl, "tp4") / m("raw", gl, "tp4"), 0.95, false);
        target(sb, "4-thread throughput vs raw (gh-inspect)", ">= 0.95",
                m("patkit", Op.GITHUB_INSPECT, "tp4") / m("raw", Op.GITHUB_INSPECT, "tp4"), 0.95, false);
        target(sb, "allocation per call vs raw (gl-inspect)", "<= 1.5", m("patkit", gl, "alloc_bytes") / m("raw", gl, "alloc_bytes"), 1.5, true);
        target(sb, "cold start to first inspect vs raw (gl-inspect)", "<= 1.05", m("patkit", gl, "cold_ms") / m("raw", gl, "cold_ms"), 1.05, true);
        double fp = footprint.getOrDefault("patkit-gitlab", Double.NaN);
        sb.append(String.format(Locale.ROOT, "| runtime jars, core + gitlab + deps | <= 2.6 MB | %.2f MiB = %.2f MB | %s |%n",
                fp / 1048576, fp / 1e6, fp / 1048576 <= 2.6 && fp / 1e6 <= 2.6 ? "holds"
                        : fp / 1048576 <= 2.6 ? "holds in MiB, not in 10^6 bytes" : "MISSED"));
        return sb.toString();
    }

    private static void target(StringBuilder sb, String name, String limit, double value, double bound, boolean atMost) {
        boolean ok = atMost ? value <= bound : value >= bound;
        sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %s |%n", name, limit, value, ok ? "holds" : "MISSED"));
    }
}
