#!/usr/bin/env python3
"""Every test slot in tests/**/tst_*.cpp must be one its executable runs.

moc reads each test file to find the private Q_SLOTS; a construct it misreads (Qt 6.4's moc mis-lexes a raw
string literal holding an escaped quote) makes it drop every slot after that point without an error, and
those tests then silently never run. This compares the slots written in each source with the ones the built
executable lists with -functions.

    testslots.py MANIFEST    (lines "SOURCE<TAB>EXECUTABLE", written by tests/CMakeLists.txt)
"""
import os
import re
import subprocess
import sys
import time

SPECIAL = {"initTestCase", "initTestCase_data", "cleanupTestCase", "init", "cleanup"}


def written_slots(source):
    slots, in_slots = [], False
    with open(source, encoding="utf-8") as f:
        for line in f:
            section = re.match(r"^(private|public|protected)( Q_SLOTS| slots)?:\s*$", line)
            if section:
                in_slots = bool(section.group(2))
                continue
            if line.startswith("};"):
                in_slots = False
            slot = re.match(r"^    void (\w+)\(\)", line)
            if slot and in_slots:
                name = slot.group(1)
                if not name.endswith("_data") and name not in SPECIAL:
                    slots.append(name)
    return slots


def list_functions(exe, env):
    # Twice: a just-linked executable has been seen to refuse exec (EACCES) for a moment on some file systems.
    for attempt in range(2):
        try:
            return subprocess.run([exe, "-functions"], capture_output=True, text=True, timeout=120, env=env).stdout
        except OSError:
            if attempt == 0:
                time.sleep(2)
    return None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    problems = []
    skipped = []
    checked = 0
    with open(sys.argv[1], encoding="utf-8") as manifest:
        entries = [line.rstrip("\n").split("\t") for line in manifest if line.strip()]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for source, exe in entries:
        name = os.path.basename(source)
        want = written_slots(source)
        if not want:
            problems.append(f"{name}: no test slot found under 'private Q_SLOTS:'")
            continue
        if not os.path.exists(exe):
            # Not built in this build (the sanitizer builds make a subset); its own ctest entry fails if it is run.
            skipped.append(name)
            continue
        listed = list_functions(exe, env)
        if listed is None:
            problems.append(f"{name}: could not run {exe} -functions")
            continue
        got = {line.strip()[:-2] for line in listed.splitlines() if line.strip().endswith("()")}
        missing = [slot for slot in want if slot not in got]
        if missing:
            problems.append(f"{name}: written but never run (moc did not see them): {', '.join(missing)}")
        checked += 1
    for problem in problems:
        print(problem)
    if skipped:
        print(f"testslots: not built here, not checked: {', '.join(skipped)}")
    print(f"testslots: {checked} test executables checked, {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
