#!/usr/bin/env python3
"""Check that every step's `minutes` covers the time a learner needs to read it.

Usage:
  reading-time.py [--wpm N] [--quiet] GRAPH [GRAPH...]
      GRAPH is a Paths/<course>.yml; the words are read from the course's
      source language, Locales/<lang>/<course>.yml beside it (../Locales).

For each step, prints the words a learner reads on it, the reading floor,
the work the text announces, the estimate (`minutes`), and what is left for
reflection or work once reading is paid for:

  words    every word the step shows in the source language: title, body,
           prompt, deliverable, its template and self-check items, each item
           and the scale labels once; for a
           question, every choice label plus the feedback the learner reads
           (the longest one for a single-choice question, all of them for a
           multiple-choice question, where several can be chosen); for a
           resources step, the title and summary of every resource it can
           recommend and the reason of every recommendation.
  floor    ceil(words / WPM), WPM = 200 words a minute for French prose.
  work     the work the step asks for: its countdown, or for an activity a
           duration its body names ("un quart d'heure", "environ une heure",
           "25 minutes"), the larger of the two. Reflection asked by a lesson
           or a question has no fixed length: it is the author's judgement,
           shown in the column `left`.
  need     floor + work: the least honest estimate.

Exits 1 when a step's `minutes` is below its need (a line `FAIL` says which),
2 on a usage or reading error, else 0. Method: docs/authoring.md, "How to
estimate a step".
"""

import argparse
import math
import re
import sys
from pathlib import Path

try:
    import yaml
except ImportError as exc:  # pragma: no cover - environment problem
    print(f"reading-time: missing Python module: {exc.name} (needs PyYAML)", file=sys.stderr)
    sys.exit(2)

WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿŒœ]")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")

# Durations a French body may announce, in minutes. Longest phrases first, so that
# "trois quarts d'heure" is not also read as "une heure". The apostrophe may be straight or
# typographic (’), as French typography writes it.
DURATIONS = [
    (re.compile(r"trois quarts d['’]heure", re.I), 45),
    (re.compile(r"un quart d['’]heure", re.I), 15),
    (re.compile(r"une demi-heure", re.I), 30),
    (re.compile(r"une quarantaine de minutes", re.I), 40),
    (re.compile(r"une trentaine de minutes", re.I), 30),
    (re.compile(r"une vingtaine de minutes", re.I), 20),
    (re.compile(r"une dizaine de minutes", re.I), 10),
    (re.compile(r"vingt-cinq minutes", re.I), 25),
    (re.compile(r"\bune heure\b", re.I), 60),
    (re.compile(r"(?<![0-9])([0-9]{1,3}) minutes", re.I), None),
]


def words(text):
    """Words of a text as a learner reads it: link targets and markup left out."""
    if not text:
        return 0
    if isinstance(text, list):
        return sum(words(t) for t in text)
    if isinstance(text, dict):
        return sum(words(t) for t in text.values())
    text = LINK.sub(r"\1", str(text))
    return sum(1 for token in text.split() if WORD.search(token))


def announced(text):
    """The largest duration a body names, in minutes (0 when none)."""
    found = 0
    for pattern, minutes in DURATIONS:
        for match in pattern.finditer(text or ""):
            found = max(found, minutes if minutes is not None else int(match.group(1)))
    return found


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def step_words(step, texts, locale):
    """Words shown on `step` (graph) given its texts (locale `steps.<id>`)."""
    count = sum(words(texts.get(key)) for key in ("title", "body", "prompt", "deliverable", "template"))
    count += words(texts.get("items")) + words(texts.get("selfCheck"))
    if step.get("kind") == "assessment" and step.get("scale"):
        count += words((locale.get("scales") or {}).get(step["scale"]))
    choices = texts.get("choices") or {}
    if choices:
        count += sum(words(choice.get("label")) for choice in choices.values())
        feedback = [words(choice.get("feedback")) for choice in choices.values()]
        if step.get("answer") == "multiple":
            count += sum(feedback)
        else:
            count += max(feedback, default=0)
    resources = locale.get("resources") or {}
    reasons = locale.get("reasons") or {}
    recommended = set()
    for recommendation in step.get("recommend") or []:
        if recommendation.get("resource") not in recommended:
            recommended.add(recommendation.get("resource"))
            resource = resources.get(recommendation.get("resource")) or {}
            count += words(resource.get("title")) + words(resource.get("summary"))
        count += words(reasons.get(recommendation.get("because")))
    return count


def check(graph_path, wpm, quiet):
    graph = load(graph_path)
    course = graph["course"]
    language = graph.get("sourceLanguage", "fr")
    locale_path = Path(graph_path).resolve().parent.parent / "Locales" / language / f"{course}.yml"
    locale = load(locale_path)
    texts_of = locale.get("steps") or {}
    paths_of = {}
    for path in graph.get("paths") or []:
        for step_id in path.get("steps") or []:
            paths_of.setdefault(step_id, []).append(path["id"].split("-")[-1])
    failures = 0
    if not quiet:
        print(f"{graph_path} ({language}, {wpm} words a minute)")
        print(f"{'step':<22} {'kind':<10} {'words':>5} {'floor':>5} {'work':>4} {'need':>4} {'min':>4} {'left':>4}  paths")
    total = {"words": 0, "floor": 0, "minutes": 0}
    for step in graph.get("steps") or []:
        step_id = step["id"]
        texts = texts_of.get(step_id) or {}
        count = step_words(step, texts, locale)
        floor = math.ceil(count / wpm)
        work = int(step.get("countdown") or 0)
        if step.get("kind") == "activity":
            work = max(work, announced(texts.get("body")))
        need = floor + work
        minutes = int(step.get("minutes", 0))
        verdict = "" if minutes >= need else "  FAIL"
        failures += bool(verdict)
        total["words"] += count
        total["floor"] += floor
        total["minutes"] += minutes
        if not quiet or verdict:
            where = ",".join(paths_of.get(step_id, [])) or "-"
            print(
                f"{step_id:<22} {step.get('kind', '?'):<10} {count:>5} {floor:>5} {work:>4} {need:>4} "
                f"{minutes:>4} {minutes - need:>4}  {where}{verdict}"
            )
            if verdict:
                print(
                    f"FAIL {graph_path}: {step_id}: minutes {minutes} is below its need {need} "
                    f"({count} words = {floor} min of reading, + {work} min of announced work)"
                )
    if not quiet:
        print(
            f"{'total':<22} {'':<10} {total['words']:>5} {total['floor']:>5} {'':>4} {'':>4} "
            f"{total['minutes']:>4}"
        )
    return failures


def main():
    parser = argparse.ArgumentParser(description="Check step estimates against reading time.")
    parser.add_argument("graphs", nargs="+", help="Paths/<course>.yml files")
    parser.add_argument("--wpm", type=int, default=200, help="reading speed, words a minute (200)")
    parser.add_argument("--quiet", action="store_true", help="print only the failures")
    arguments = parser.parse_args()
    failures = 0
    try:
        for graph in arguments.graphs:
            failures += check(graph, arguments.wpm, arguments.quiet)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        print(f"reading-time: {error}", file=sys.stderr)
        return 2
    if failures:
        print(f"{failures} step(s) estimated below their reading time and announced work")
        return 1
    if arguments.quiet:
        print("every estimate covers its reading time and announced work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
