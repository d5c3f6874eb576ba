#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""One-off conversion (kept for test files written before it, e.g. on a
branch): turns a CUnit test file's `void suite_NAME(void) { CU_add_suite;
CU_add_test... }` into one `TEST(NAME, fn, "description")` line on each test
function and a `SUITE(NAME, init, clean);` line (tests/unit.h).
Usage: scripts/tests-to-self-registration.py FILE.c...  (rewrites in place;
a file it cannot convert exactly is named and left alone)."""
import re
import sys

STR = r'"(?:[^"\\]|\\.)*"'


def add_include(src):
    """#include "unit.h" in its alphabetical place among the first block of
    quoted includes (after the last include when there is none)."""
    lines = src.split("\n")
    quoted = [i for i, l in enumerate(lines) if l.startswith('#include "')]
    if quoted:
        i = quoted[0]
        while i < len(lines) and lines[i].startswith('#include "') and lines[i] < '#include "unit.h"':
            i += 1
    else:
        i = max(i for i, l in enumerate(lines) if l.startswith("#include")) + 1
    lines.insert(i, '#include "unit.h"')
    return "\n".join(lines)


def convert(path):
    src = open(path, encoding="utf-8").read()
    m = re.search(r'^void (suite_\w+)\(void\)\n\{\n(.*?)^\}\n', src, re.M | re.S)
    if not m:
        return "no suite function"
    body = m.group(2)
    sm = re.search(r'CU_pSuite (\w+) = CU_add_suite\(\s*"(\w+)"\s*,\s*(\w+)\s*,\s*(\w+)\s*\);', body)
    if not sm or "suite_" + sm.group(2) != m.group(1):
        return "suite name"
    var, name, init, clean = sm.groups()
    adds = re.findall(r'CU_add_test\(\s*' + var + r'\s*,\s*(' + STR + r')\s*,\s*(\w+)\s*\)\s*;', body)
    rest = re.sub(r'CU_add_test\(\s*' + var + r'\s*,\s*' + STR + r'\s*,\s*\w+\s*\)\s*;', '', body)
    rest = rest.replace(sm.group(0), '')
    if rest.strip():
        return "other statements in the suite function: " + rest.strip()
    if len({fn for _, fn in adds}) != len(adds):
        return "a test registered twice"
    for desc, fn in adds:
        pat = re.compile(r'^static void ' + fn + r'\(void\)(?!;)', re.M)
        if len(pat.findall(src)) != 1:
            return "definition of " + fn
        src = pat.sub(lambda _: 'TEST(%s, %s, %s)' % (name, fn, desc), src)
    m = re.search(r'^void (suite_\w+)\(void\)\n\{\n(.*?)^\}\n', src, re.M | re.S)
    src = src[:m.start()] + 'SUITE(%s, %s, %s);\n' % (name, init, clean) + src[m.end():]
    if '"unit.h"' not in src:
        src = add_include(src)
    open(path, "w", encoding="utf-8").write(src)
    return None


status = 0
for p in sys.argv[1:]:
    why = convert(p)
    if why:
        print("%s: not converted: %s" % (p, why), file=sys.stderr)
        status = 1
sys.exit(status)
