#!/usr/bin/env python3
"""Compile-fail test harness: compiles one source file and checks the outcome against its `// expect:` lines.

usage: expect_compile_error.py COMPILER SOURCE [compiler flags...]

Every `// expect: TEXT` line in SOURCE must appear in the compiler's output (`A || B`: either), and the
compilation must fail.
A source with `// expect-success` must compile (the harness's control). Exit 0 when the outcome is as expected.
"""
import subprocess
import sys


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    compiler, source, flags = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(source, encoding="utf-8") as f:
        lines = f.read().splitlines()
    expected = [line.split("// expect:", 1)[1].strip() for line in lines if line.startswith("// expect:")]
    must_succeed = any(line.startswith("// expect-success") for line in lines)
    if not expected and not must_succeed:
        print(f"{source}: no '// expect:' line", file=sys.stderr)
        return 2
    run = subprocess.run([compiler, *flags, "-fsyntax-only", source], capture_output=True, text=True)
    output = run.stdout + run.stderr
    if must_succeed:
        if run.returncode != 0:
            print(f"{source}: expected to compile, but:\n{output}", file=sys.stderr)
            return 1
        print(f"{source}: compiles, as expected")
        return 0
    if run.returncode == 0:
        print(f"{source}: compiled, but it must fail with: {expected}", file=sys.stderr)
        return 1
    missing = [e for e in expected if not any(alternative.strip() in output for alternative in e.split("||"))]
    if missing:
        print(f"{source}: the compiler's output lacks {missing}:\n{output}", file=sys.stderr)
        return 1
    first_error = next((l for l in output.splitlines() if "erpoll: " in l), "")
    print(f"{source}: fails as expected: {first_error.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
