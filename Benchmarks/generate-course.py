#!/usr/bin/env python3
"""Writes a synthetic course of N steps with branches, for the lint benchmark.

Usage: generate-course.py N OUT_DIR   (writes OUT_DIR/Paths, OUT_DIR/Locales/{fr,en})

Every tenth step is a question whose right answer skips the next (optional) step, every
25th an assessment whose low score branches forward; one path walks all steps.
"""
import os
import sys

n = int(sys.argv[1])
out = sys.argv[2]
course = f"synthetic-{n}"
os.makedirs(f"{out}/Paths", exist_ok=True)
for lang in ("fr", "en"):
    os.makedirs(f"{out}/Locales/{lang}", exist_ok=True)

ids = [f"s{i}" for i in range(n)]
graph = [
    "formatVersion: 1", f"course: {course}", 'version: "1"', "sourceLanguage: fr",
    "paths:", "  - id: all", f"    budget: PT{n * 2}M", "    tolerance: 100",
    "    steps:",
]
graph += [f"      - {i}" for i in ids]
graph += ["dimensions: [skill]", "scales:", "  - id: five", "    points: 5",
          "resources:", "  - id: doc", "    kind: guide", "    url: https://example.org", "    minutes: 5",
          "steps:"]
words = {lang: [f"formatVersion: 1", f"course: {course}", f"language: {lang}", f"title: Synthetic {n}",
                "paths:", "  all:", "    title: All", "    summary: Every step.",
                "dimensions:", "  skill: Skill", "scales:", "  five: [1, 2, 3, 4, 5]",
                "resources:", "  doc:", "    title: Doc", "    summary: Doc.", "reasons:", "  always: Always.",
                "steps:"] for lang in ("fr", "en")}
for i, sid in enumerate(ids):
    last = i == n - 1
    lines = [f"  - id: {sid}"]
    loc = [f"  {sid}:", f"    title: Step {i}"]
    if last:
        lines += ["    kind: checkpoint", "    minutes: 1", "    final: true"]
    elif i % 10 == 0 and i + 2 < n:
        lines += ["    kind: question", "    minutes: 2", "    choices:", "      - id: right", "        correct: true",
                  "      - id: wrong", "    branches:", f"      - when: {{ answer: {sid}, is: right }}",
                  f"        goto: {ids[i + 2]}"]
        loc += ["    prompt: Which?", "    choices:", "      right: { label: Right, feedback: Yes. }",
                "      wrong: { label: Wrong, feedback: No. }"]
    elif i % 10 == 1:
        lines += ["    kind: lesson", "    minutes: 3", "    optional: true"]
        loc += ["    body: Remedial **text**."]
    elif i % 25 == 5 and i + 3 < n:
        lines += ["    kind: assessment", "    minutes: 2", "    scale: five", "    items:",
                  f"      - id: i{i}", "        dimension: skill", "    branches:",
                  "      - when: { all: [ { score: skill, below: 3 }, { not: { score: skill, atLeast: 4 } } ] }",
                  f"        goto: {ids[i + 3]}"]
        loc += ["    items:", f"      i{i}: I can do it."]
    elif i % 50 == 7:
        lines += ["    kind: resources", "    minutes: 1", "    recommend:", "      - resource: doc",
                  "        because: always", "        when: { score: skill, below: 3 }"]
    else:
        lines += ["    kind: lesson", "    minutes: 2"]
        loc += ["    body: Some *text* with a [link](https://example.org)."]
    graph += lines
    for lang in words:
        words[lang] += loc

with open(f"{out}/Paths/{course}.yml", "w") as f:
    f.write("\n".join(graph) + "\n")
for lang, lines in words.items():
    with open(f"{out}/Locales/{lang}/{course}.yml", "w") as f:
        f.write("\n".join(lines) + "\n")
