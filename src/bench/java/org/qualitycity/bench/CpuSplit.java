package org.qualitycity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time (user + system, from /proc) of this JVM (the server), of the embedded PostgreSQL (the postmaster,
 * its live children and its exited children) and of the load generator (this JVM's exited children: wrk),
 * so that a benchmark can say which process the machine's CPU went to, per request.
 */
final class CpuSplit {

    private static final double TICK_MS = 10; // USER_HZ = 100 on Linux

    record Sample(long jvm, long postgres, long children) {
    }

    record Delta(double jvmMs, double postgresMs, double wrkMs) {
        String perRequest(double requests) {
            return String.format("CPU per request: server JVM %.2f ms, PostgreSQL %.2f ms (wrk %.2f ms)",
                    jvmMs / requests, postgresMs / requests, wrkMs / requests);
        }
    }

    private final long postmaster;

    CpuSplit(long backendPid) {
        this.postmaster = field(backendPid, 4);
    }

    Sample sample() {
        long self = ProcessHandle.current().pid();
        long pg = field(postmaster, 14) + field(postmaster, 15) + field(postmaster, 16) + field(postmaster, 17);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long pid = Long.parseLong(name);
                    if (field(pid, 4) == postmaster) {
                        pg += field(pid, 14) + field(pid, 15);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Sample(field(self, 14) + field(self, 15), pg, field(self, 16) + field(self, 17));
    }

    static Delta between(Sample a, Sample b) {
        return new Delta((b.jvm - a.jvm) * TICK_MS, (b.postgres - a.postgres) * TICK_MS, (b.children - a.children) * TICK_MS);
    }

    /** Field {@code n} (1-based, as in proc(5)) of /proc/PID/stat; -1 when the process is gone. */
    private static long field(long pid, int n) {
        try {
            String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[n - 3]);
        } catch (IOException | RuntimeException e) {
            return n == 4 ? -1 : 0;
        }
    }
}
