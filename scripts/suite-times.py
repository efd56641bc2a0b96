#!/usr/bin/env python3
"""The test suite's time by class, from Surefire's reports: each class's time, its tests' sum, and the rest (the
class's set-up: a Spring context started for it, @BeforeAll, a shared browser), slowest first; with a Maven log,
also the application contexts started (Spring's "Started X in N seconds" lines) and how long each took.
Usage: suite-times.py [REPORTS-DIR (target/surefire-reports)] [MAVEN-LOG] [N (all)]
docs/benchmarks/suite-time.md records the figures."""
import glob, os, re, sys
import xml.etree.ElementTree as ET

reports = sys.argv[1] if len(sys.argv) > 1 else 'target/surefire-reports'
log = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != '-' else None
top_n = int(sys.argv[3]) if len(sys.argv) > 3 else None
rows = []
for f in glob.glob(os.path.join(reports, 'TEST-*.xml')):
    r = ET.parse(f).getroot()
    tests = r.findall('testcase')
    own = sum(float(t.get('time') or 0) for t in tests)
    slowest = max(tests, key=lambda t: float(t.get('time') or 0), default=None)
    rows.append((float(r.get('time')), own, len(tests), r.get('name').replace('org.qualitycity.', ''),
                 '' if slowest is None else '%s %.1f s' % (slowest.get('name'), float(slowest.get('time') or 0))))
rows.sort(reverse=True)
print('%8s %8s %8s %5s  %-50s %s' % ('class s', 'tests s', 'set-up s', 'tests', 'class', 'slowest test'))
for t, own, n, name, slow in rows[:top_n]:
    print('%8.1f %8.1f %8.1f %5d  %-50s %s' % (t, own, t - own, n, name, slow))
print('%8.1f %8.1f %8.1f %5d  total of %d classes' % (sum(r[0] for r in rows), sum(r[1] for r in rows),
                                                     sum(r[0] - r[1] for r in rows), sum(r[2] for r in rows), len(rows)))
if log:
    started = re.compile(r'Started (\w+) in ([\d.]+) seconds')
    found = [m.groups() for m in map(started.search, open(log, errors='replace')) if m]
    print('\n%d application contexts started:' % len(found))
    for name, secs in found:
        print('  %7.1f s  %s' % (float(secs), name))
