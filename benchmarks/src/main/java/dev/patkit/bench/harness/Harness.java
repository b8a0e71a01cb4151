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
 * The side-by-side comparison. Starts one stub process on loopback (a stub that answers at once
 * and one that answers 20 ms late), then, round after round, runs every client on every scenario
 * it supports, interleaved (raw, Patkit, peer, then the reverse order next round), each
 * measurement in a fresh JVM whose class path holds that client's runtime jars only
 * ({@code target/cp-KEY.txt}, resolved by {@code run.sh}). Prints one Markdown table per
 * scenario with ratios against raw, every target with its verdict, the 100,000-token list under
 * {@code -Xmx8m}, AK/SK signatures per second and the {@code git-credential} slot.
 *
 * <p>Options: {@code --rounds N} (3), {@code --cold N} cold starts per client per round (3),
 * {@code --early N} requests before the early latency (2000), {@code --warm N} requests before
 * the warm figures (40000), {@code --max-s S} cap on a client's warm-up (60; peers far slower than
 * raw stop there and say how many calls they made), {@code --phase-ms} per throughput phase (2000),
 * {@code --target DIR} (target), {@code --out FILE} (also write the report there).
 * Environment: {@code PATKIT_GIT_CREDENTIAL_CMD}, a shell command timed as
 * {@code printf 'protocol=https\nhost=gitlab.com\n\n' | CMD get}.
 */
public final class Harness {

    private static final String[] ORDER = {"raw", "patkit", "gitlab4j", "hub4j"};
    private static final Op[] SCENARIOS = {Op.GITLAB_INSPECT, Op.GITHUB_INSPECT, Op.GITLAB_LIST, Op.SERVICESTAGE_LIST};

    private final Path target;
    private final String java;
    private final Map<String, Double> footprint = new TreeMap<>();
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private final List<String[]> verdicts = new ArrayList<>();
    private String stubUrl;
    private String slowUrl;

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
        Map<String, String> o = new LinkedHashMap<>(Map.of("--rounds", "3", "--cold", "3", "--early", "2000",
                "--warm", "40000", "--max-s", "60", "--phase-ms", "2000", "--target", "target", "--out", ""));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!o.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            o.put(args[i], args[i + 1]);
        }
        Harness h = new Harness(Path.of(o.get("--target")));
        String report = h.run(Integer.parseInt(o.get("--rounds")), Integer.parseInt(o.get("--cold")), o);
        System.out.println(report);
        if (!o.get("--out").isEmpty()) {
            Files.writeString(Path.of(o.get("--out")), report);
        }
        System.exit(report.contains("MEMORY FAIL") || report.contains("WRONG RESULT") ? 1 : 0);
    }

    private static String cpKey(String client, Op op) {
        if (client.equals("patkit")) {
            return switch (op) {
                case GITHUB_INSPECT -> "patkit-github";
                case SERVICESTAGE_LIST -> "patkit-servicestage";
                default -> "patkit-gitlab";
            };
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
                case "gitlab4j" -> op == Op.GITLAB_INSPECT || op == Op.GITLAB_LIST;
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

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private String run(int rounds, int cold, Map<String, String> o) throws Exception {
        String loadBefore = loadAverage();
        Process stub = new ProcessBuilder(java, "-cp", target.resolve("classes").toString(),
                "dev.patkit.bench.stub.StubServer", "4", "20").redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(stub.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            if (line == null || !line.startsWith("STUB ")) {
                throw new IllegalStateException("the stub did not start: " + line);
            }
            String[] urls = line.substring(5).trim().split(" ");
            stubUrl = urls[0];
            slowUrl = urls[1];
            List<String> problems = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (Op op : SCENARIOS) {
                    List<String> order = clients(op);
                    if (round % 2 == 1) {
                        Collections.reverse(order);
                    }
                    for (int rep = 0; rep < cold; rep++) {
                        for (String c : order) {
                            coldRun(c, op, problems);
                        }
                        floorRun();
                    }
                    for (String c : order) {
                        warmRun(c, op, o, problems);
                        System.err.printf(Locale.ROOT, "round %d: %s %s done%n", round + 1, op.label(), c);
                    }
                }
            }
            String memory = memoryCheck(problems);
            String aksk = akskRate();
            String credential = gitCredentialSlot(Math.max(5, rounds * cold));
            String loadAfter = loadAverage();
            return table(rounds, cold, o, loadBefore, loadAfter) + "\n" + memory + "\n" + aksk + "\n" + credential
                    + "\n" + verdictTable()
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

    private void warmRun(String client, Op op, Map<String, String> o, List<String> problems) throws Exception {
        List<String> cmd = List.of(java, "-cp", classPath(cpKey(client, op)), "dev.patkit.bench.harness.Worker",
                "warm", client, op.label(), stubUrl, slowUrl, o.get("--early"), o.get("--warm"), o.get("--max-s"),
                o.get("--phase-ms"));
        long limit = 120 + 3 * Long.parseLong(o.get("--max-s")) + 30 * Long.parseLong(o.get("--phase-ms")) / 1000;
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

    /**
     * Times {@code printf 'protocol=https\nhost=gitlab.com\n\n' | CMD get} as whole processes: with the
     * launcher's start-up cache off ({@code PATKIT_CDS=off}) and on (after one run that makes it),
     * on the default JDK and, when {@code PATKIT_BENCH_JDK25} names a JDK 25 home, on that one.
     */
    private String gitCredentialSlot(int reps) throws Exception {
        String cmd = System.getenv("PATKIT_GIT_CREDENTIAL_CMD");
        double floor = median(samples.get("floor|cold_ms"));
        StringBuilder sb = new StringBuilder("### `patkit git-credential get`, cold (target: median <= 150 ms wall on JDK 17,"
                + " with the documented launcher)\n\n");
        if (cmd == null || cmd.isBlank()) {
            sb.append(String.format(Locale.ROOT, "| command | median ms | runs |\n|---|---:|---:|\n"
                    + "| JVM floor (empty main, same JVM) | %.0f | %d |\n"
                    + "| `patkit git-credential get` | SLOT: not measured (set PATKIT_GIT_CREDENTIAL_CMD) | - |\n",
                    floor, samples.get("floor|cold_ms").size()));
            verdicts.add(new String[] {"`git-credential get` cold, median (JDK 17)", "<= 150 ms", "not measured", "NOT MEASURED"});
            return sb.toString();
        }
        sb.append("| JDK | start-up cache | median ms | runs | failures |\n|---|---|---:|---:|---:|\n");
        sb.append(String.format(Locale.ROOT, "| this JVM, empty main (floor) | - | %.0f | %d | 0 |%n", floor,
                samples.get("floor|cold_ms").size()));
        List<String[]> jdks = new ArrayList<>();
        jdks.add(new String[] {"default (" + Runtime.version().feature() + ")", ""});
        String jdk25 = System.getenv("PATKIT_BENCH_JDK25");
        if (jdk25 != null && !jdk25.isBlank()) {
            jdks.add(new String[] {"25", "JAVA_HOME='" + jdk25 + "' "});
        }
        for (String[] jdk : jdks) {
            for (boolean cache : new boolean[] {false, true}) {
                String full = jdk[1] + (cache ? "" : "PATKIT_CDS=off ") + cmd + " get";
                if (cache) {
                    credentialRun(full); // makes the cache in the background
                    Thread.sleep(20_000);
                }
                List<Double> wall = new ArrayList<>();
                int failures = 0;
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    if (!credentialRun(full)) {
                        failures++;
                    }
                    wall.add((System.nanoTime() - t0) / 1e6);
                }
                double m = median(wall);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %d | %d |%n", jdk[0],
                        cache ? "as shipped (the AOT cache from JDK 25 on)" : "off (PATKIT_CDS=off)",
                        m, reps, failures));
                if (cache && jdk[1].isEmpty()) {
                    verdicts.add(new String[] {"`git-credential get` cold, median (JDK " + Runtime.version().feature()
                            + ", bin/patkit as shipped)", "<= 150 ms", String.format(Locale.ROOT, "%.0f ms", m),
                            m <= 150 && failures == 0 ? "holds" : "MISSED"});
                }
            }
        }
        sb.append("\nCommand: `printf 'protocol=https\\nhost=gitlab.com\\n\\n' | ").append(cmd).append(" get`\n");
        return sb.toString();
    }

    private static boolean credentialRun(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("protocol=https\nhost=gitlab.com\n\n".getBytes(StandardCharsets.UTF_8));
        }
        return p.waitFor() == 0;
    }

    /** The 100,000-token list, Patkit and raw, each in a JVM capped at 8 MiB of heap. */
    private String memoryCheck(List<String> problems) throws Exception {
        StringBuilder sb = new StringBuilder("### 100,000 tokens listed (1000 pages of 100) with -Xmx8m\n\n");
        double[] cpu = new double[2];
        int i = 0;
        for (String client : List.of("raw", "patkit")) {
            Process p = new ProcessBuilder(java, "-Xmx8m", "-cp", classPath(cpKey(client, Op.GITLAB_LIST_BIG)),
                    "dev.patkit.bench.harness.Worker", "memory", client, Op.GITLAB_LIST_BIG.label(), stubUrl)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String line = firstLineStartingWith(p, "MEMORY ");
            int exit = p.waitFor();
            sb.append("- ").append(client).append(": ")
                    .append(line == null ? "MEMORY FAIL (exit " + exit + ", no report: out of memory?)" : line).append('\n');
            if (line == null || !line.startsWith("MEMORY PASS")) {
                problems.add(client + " 100,000 tokens under -Xmx8m");
                cpu[i++] = Double.NaN;
                continue;
            }
            cpu[i++] = Double.parseDouble(line.replaceAll(".*cpu_us_per_token=([0-9.]+).*", "$1"));
        }
        verdicts.add(new String[] {"100,000 tokens listed under -Xmx8m (Patkit)", "passes",
                Double.isNaN(cpu[1]) ? "failed" : "passes", Double.isNaN(cpu[1]) ? "MISSED" : "holds"});
        sb.append(String.format(Locale.ROOT, "%nCPU per listed token in that run (one cold JVM, includes start-up and"
                + " JIT): Patkit %.2f us, raw %.2f us, %s x%n", cpu[1], cpu[0], ratio(cpu[1], cpu[0])));
        return sb.toString();
    }

    private String akskRate() throws Exception {
        Process p = new ProcessBuilder(java, "-cp", classPath("patkit-servicestage"), "dev.patkit.bench.harness.Worker",
                "aksk", "3000").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = firstLineStartingWith(p, "AKSK ");
        p.waitFor();
        double rate = line == null ? Double.NaN : Double.parseDouble(line.replaceAll(".*signatures_per_s=([0-9.]+).*", "$1"));
        verdicts.add(new String[] {"AK/SK signatures, one core", ">= 500,000/s", String.format(Locale.ROOT, "%.0f/s", rate),
                rate >= 500_000 ? "holds" : "MISSED"});
        return String.format(Locale.ROOT, "### AK/SK signing (ServiceStage SDK-HMAC-SHA256, one thread, 3 s)%n%n%.0f signatures/s%n",
                rate);
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

    static String ratio(double value, double raw) {
        return Double.isNaN(value) || Double.isNaN(raw) || raw == 0 ? "-" : String.format(Locale.ROOT, "%.2f", value / raw);
    }

    private String table(int rounds, int cold, Map<String, String> o, String loadBefore, String loadAfter) {
        StringBuilder sb = new StringBuilder();
        Runtime.Version v = Runtime.version();
        sb.append(String.format(Locale.ROOT, "## Comparison, %s, JDK %s (%s), %d cores, %d rounds x %d cold starts,"
                + " early after %s requests, warm after %s requests (capped at %s s), throughput phases %s ms%n%n"
                + "Load average (/proc/loadavg) before: %s; after: %s%n%n", LocalDate.now(), v,
                System.getProperty("java.vm.vendor"), Runtime.getRuntime().availableProcessors(), rounds, cold,
                o.get("--early"), o.get("--warm"), o.get("--max-s"), o.get("--phase-ms"), loadBefore, loadAfter));
        sb.append("Medians over rounds. `x` = ratio to raw (JDK HttpClient + Jackson records, same HTTP version) in the"
                + " same run. Throughput: each thread with its own token. A list's CPU and allocation per listed token are"
                + " the per-call figures divided by the tokens a call lists (500 GitLab, 20 ServiceStage).\n\n");
        String[][] cols = {{"cold_ms", "cold start ms", "%.0f"}, {"early_ms", "latency after 2k ms", "%.3f"},
            {"late_ms", "latency after 40k ms", "%.3f"}, {"p99_ms", "p99 after 40k ms", "%.3f"},
            {"rtt_ms", "latency @20ms RTT ms", "%.2f"}, {"cpu_us", "CPU us/call", "%.1f"},
            {"alloc_bytes", "alloc KB/call", "%.1f"}, {"tp1", "1-thread calls/s", "%.0f"}, {"tp4", "4-thread calls/s", "%.0f"},
            {"tp32", "32-thread calls/s", "%.0f"}, {"calls", "warm calls made", "%.0f"}};
        for (Op op : SCENARIOS) {
            sb.append("### ").append(op.label()).append("\n\n| client |");
            StringBuilder sep = new StringBuilder("|---|");
            for (String[] c : cols) {
                sb.append(' ').append(c[1]).append(" | x |");
                sep.append("---:|---:|");
            }
            sb.append(" jars MiB | peak RSS MiB |\n").append(sep).append("---:|---:|\n");
            for (String c : clients(op)) {
                sb.append("| ").append(c.equals("patkit") ? "**patkit**" : c).append(" |");
                for (String[] col : cols) {
                    double value = m(c, op, col[0]);
                    double raw = m("raw", op, col[0]);
                    double scale = col[0].equals("alloc_bytes") ? 1024 : 1;
                    sb.append(' ').append(Double.isNaN(value) ? "-" : String.format(Locale.ROOT, col[2], value / scale))
                            .append(" | ").append(col[0].equals("calls") ? "" : ratio(value, raw)).append(" |");
                }
                sb.append(String.format(Locale.ROOT, " %.2f | %.0f |%n", footprint.getOrDefault(cpKey(c, op), Double.NaN)
                        / 1048576, m(c, op, "rss_kb") / 1024));
            }
            sb.append('\n');
        }
        String rows = sb.toString().replace(" NaN |", " - |");
        verdicts();
        return rows;
    }

    private void verdict(String name, String limit, double value, double bound, boolean atMost) {
        boolean ok = atMost ? value <= bound : value >= bound;
        verdicts.add(new String[] {name, limit, Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f x", value),
                Double.isNaN(value) ? "NOT MEASURED" : ok ? "holds" : "MISSED"});
    }

    private double patkitOverRaw(Op op, String metric) {
        return m("patkit", op, metric) / m("raw", op, metric);
    }

    private void verdicts() {
        for (Op list : List.of(Op.GITLAB_LIST, Op.SERVICESTAGE_LIST)) {
            verdict("CPU per listed token (" + list.label() + ")", "<= 1.15 x", patkitOverRaw(list, "cpu_us"), 1.15, true);
            verdict("allocation per listed token (" + list.label() + ")", "<= 1.3 x", patkitOverRaw(list, "alloc_bytes"), 1.3, true);
        }
        for (Op inspect : List.of(Op.GITLAB_INSPECT, Op.GITHUB_INSPECT)) {
            verdict("latency after 2,000 calls (" + inspect.label() + ")", "<= 1.10 x", patkitOverRaw(inspect, "early_ms"), 1.10, true);
            verdict("latency after 40,000 calls (" + inspect.label() + ")", "<= 1.05 x", patkitOverRaw(inspect, "late_ms"), 1.05, true);
            verdict("CPU per call after 40,000 calls (" + inspect.label() + ")", "<= 1.05 x", patkitOverRaw(inspect, "cpu_us"), 1.05, true);
            verdict("allocation per call (" + inspect.label() + ")", "<= 1.2 x", patkitOverRaw(inspect, "alloc_bytes"), 1.2, true);
        }
        for (Op op : SCENARIOS) {
            verdict("throughput at 4 threads, distinct tokens (" + op.label() + ")", ">= 0.95 x", patkitOverRaw(op, "tp4"), 0.95, false);
            verdict("throughput at 32 threads, distinct tokens (" + op.label() + ")", ">= 0.95 x", patkitOverRaw(op, "tp32"), 0.95, false);
        }
        for (Op op : SCENARIOS) {
            verdict("latency at 20 ms RTT (" + op.label() + ")", "<= 1.02 x", patkitOverRaw(op, "rtt_ms"), 1.02, true);
        }
    }

    private String verdictTable() {
        StringBuilder sb = new StringBuilder("### Patkit against its targets (ratios to raw in this run)\n\n"
                + "| figure | target | measured | verdict |\n|---|---|---:|---|\n");
        for (String[] v : verdicts) {
            sb.append("| ").append(String.join(" | ", v)).append(" |\n");
        }
        return sb.toString();
    }
}
