package org.qualitycity.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} (a separate process, so the load generator does not share the server's JVM) with 50
 * connections and reads requests/s and the latency percentiles; notes the load average before the run.
 */
final class Wrk {

    record Result(double reqPerSec, double p50ms, double p99ms, long non2xx, String loadAverage) {
        @Override
        public String toString() {
            return String.format("%.0f req/s, p50 %.1f ms, p99 %.1f ms, non-2xx %d (load average before: %s)",
                    reqPerSec, p50ms, p99ms, non2xx, loadAverage);
        }
    }

    private Wrk() {
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static Result run(String url, int seconds, String script, String... headers) throws Exception {
        int connections = Integer.getInteger("qc.bench.clients", 50);
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "--timeout", "10s"));
        if (script != null) {
            cmd.add("-s");
            cmd.add(script);
        }
        for (String h : headers) {
            cmd.add("-H");
            cmd.add(h);
        }
        cmd.add(url);
        String load = loadAverage();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return new Result(number(out, "Requests/sec:\\s+([0-9.]+)"), millis(out, "50%"), millis(out, "99%"),
                (long) number(out, "Non-2xx or 3xx responses:\\s+([0-9]+)"), load);
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double millis(String out, String pct) {
        Matcher m = Pattern.compile("\\s" + pct + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return -1;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
