"""Time and peak memory of reading (and checking) large inputs in each format.

Why: a linter run over a whole archive or a scraped dump meets files of tens of
megabytes and files that are one enormous line. Reading must stay linear in
time and memory; this script shows the ratio between a small and a large input
(about 10 for linear work) so that a quadratic step is seen at once.

Usage: python scripts/measure_formats.py [--small 500000] [--large 5000000] [--check] [--no-memory]
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from collections.abc import Callable

from presslint.formats import build_view

PARAGRAPH_MD = (
    "Le ministre des *Affaires étrangères* est arrivé à [Bamako](https://example.org/a) ce lundi soir, "
    "avec une délégation de `12` personnes &amp; des conseillers.. « C’est historique », a-t-il dit.\n"
    "Il repart mardi\\* vers Moscou.\n\n"
)
PARAGRAPH_HTML = (
    "<p>Le ministre des <em>Affaires étrangères</em> est arrivé à <a href=\"/bamako\">Bamako</a> ce lundi soir, "
    "avec une délégation de <code>12</code> personnes &amp; des conseillers.. &laquo;&nbsp;C&#8217;est "
    "historique&nbsp;&raquo;, a-t-il dit.<br>\n  Il repart mardi vers Moscou.</p>\n"
)
PARAGRAPH_TXT = (
    "Le ministre des Affaires étrangères est arrivé à Bamako ce lundi soir, avec une délégation de 12 "
    "personnes et des conseillers.. « C’est historique », a-t-il dit. Il repart mardi vers Moscou.\n"
)


def make(fmt: str, size: int, one_line: bool) -> str:
    unit = {"md": PARAGRAPH_MD, "html": PARAGRAPH_HTML, "txt": PARAGRAPH_TXT}[fmt]
    if one_line:  # one enormous paragraph on a single line
        unit = unit.replace("\n", " ")
    return unit * (size // len(unit) + 1)


def measure(work: Callable[[], object], memory: bool) -> tuple[float, int]:
    """Seconds (timed without tracing, which slows allocation) and, if asked, peak traced bytes."""
    gc.collect()
    t0 = time.perf_counter()
    work()
    elapsed = time.perf_counter() - t0
    peak = 0
    if memory:
        gc.collect()
        tracemalloc.start()
        work()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=500_000)
    parser.add_argument("--large", type=int, default=5_000_000)
    parser.add_argument("--check", action="store_true", help="run the default rules too, not only the reader")
    parser.add_argument("--no-memory", action="store_true", help="time only (memory tracing runs each case again)")
    parser.add_argument("--formats", default="txt,md,html")
    args = parser.parse_args()

    def reader(source: str, fmt: str) -> Callable[[], object]:
        if not args.check:
            return lambda: build_view(source, fmt)
        from presslint import api

        return lambda: api.lint(source, fmt=fmt, lang="fr")

    print(f"{'format':<6} {'layout':<9} {'size':>10} {'seconds':>9} {'peak MB':>9} {'time x':>7} {'mem x':>7}")
    for fmt in args.formats.split(","):
        for one_line in (False, True):
            rows = []
            for size in (args.small, args.large):
                source = make(fmt, size, one_line)
                rows.append((len(source), *measure(reader(source, fmt), not args.no_memory)))
            (_, t1, m1), (n2, t2, m2) = rows
            m1 = max(m1, 1)
            layout = "one-line" if one_line else "lines"
            for n, t, m in rows:
                print(f"{fmt:<6} {layout:<9} {n:>10} {t:>9.2f} {m / 1e6:>9.1f}", end="")
                print(f" {t2 / t1:>7.1f} {m2 / m1:>7.1f}" if n == n2 else "")


if __name__ == "__main__":
    main()
