#!/usr/bin/env python3
"""Summarises a JFR recording: the top frames of execution samples (Java on CPU) and native method
samples (threads waiting in native code, e.g. reading the database's answer) of one thread.
Usage: jfr-top.py FILE.jfr [THREAD-NAME-SUBSTRING] [N] [FRAME-SUBSTRING]
With FRAME-SUBSTRING, only samples whose stack holds a frame containing it (e.g. PublicComplaintApiController.submit:
the submissions of a server thread, not the health checks in between)."""
import collections, re, subprocess, sys

path = sys.argv[1]
thread = sys.argv[2] if len(sys.argv) > 2 else 'main'
top_n = int(sys.argv[3]) if len(sys.argv) > 3 else 15
only = sys.argv[4] if len(sys.argv) > 4 else None
out = subprocess.run(['jfr', 'print', '--stack-depth', '256', '--events', 'jdk.ExecutionSample,jdk.NativeMethodSample', path],
                     capture_output=True, text=True, check=True).stdout
frame_re = re.compile(r'^\s+([\w$.<>/]+)\(')
kinds = collections.Counter()
top = {'jdk.ExecutionSample': collections.Counter(), 'jdk.NativeMethodSample': collections.Counter()}
app = collections.Counter()
inclusive = collections.Counter()
for block in out.split('\n}\n'):
    head = block.strip().split(' ', 1)[0]
    if head not in top:
        continue
    m = re.search(r'sampledThread = "([^"]*)"', block)
    if not m or thread not in m.group(1):
        continue
    frames = [f.group(1) for f in (frame_re.match(l) for l in block.split('stackTrace = [', 1)[-1].splitlines()) if f]
    if not frames or (only and not any(only in f for f in frames)):
        continue
    kinds[head] += 1
    top[head][frames[0]] += 1
    if head == 'jdk.ExecutionSample':
        first_app = next((f for f in frames if f.startswith('org.qualitycity')), None)
        if first_app:
            app[first_app] += 1
        for f in set(frames):
            inclusive[f] += 1
total = sum(kinds.values())
print(f'samples of thread "{thread}": {total} ({kinds["jdk.ExecutionSample"]} on CPU in Java, '
      f'{kinds["jdk.NativeMethodSample"]} in native code)')
for kind, title in (('jdk.ExecutionSample', 'top frames on CPU'), ('jdk.NativeMethodSample', 'top native frames')):
    n = max(1, kinds[kind])
    print(f'{title}:')
    for f, c in top[kind].most_common(top_n):
        print(f'  {100 * c / n:5.1f} %  {f}')
print('first application frame of CPU samples:')
n = max(1, kinds['jdk.ExecutionSample'])
for f, c in app.most_common(top_n):
    print(f'  {100 * c / n:5.1f} %  {f}')
print('inclusive (share of CPU samples with the frame anywhere on the stack), application and library frames:')
for f, c in [(f, c) for f, c in inclusive.most_common() if not f.startswith(('java.lang.Thread', 'java.util.concurrent',
             'org.apache.tomcat.util.threads', 'org.apache.catalina', 'org.apache.coyote', 'org.apache.tomcat.util.net',
             'jakarta.servlet', 'org.springframework.web.filter.OncePerRequestFilter',
             'org.springframework.security.web.ObservationFilterChainDecorator'))][:3 * top_n]:
    print(f'  {100 * c / n:5.1f} %  {f}')
