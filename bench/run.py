"""presslint benchmark: start-up, throughput per rule family, scaling, memory, --jobs speed-up.

Run from the repository root after installing presslint:

    python bench/run.py            # prints a table
    python bench/run.py --json     # the same figures as JSON

Inputs are built from the real text the repository ships (the example article
and the clean test corpus), repeated to 10 KB, 1 MB and 10 MB; a one-line file;
and a folder of 2,000 article-sized files. Every figure of one run comes from
the same machine state, so compare them as ratios, not as absolute numbers.

Start-up is measured as an installed package runs: with Python's bytecode cache
on (an environment that sets PYTHONDONTWRITEBYTECODE would otherwise recompile
every module at each run), after one warm-up run; the median of 15 runs is the
figure, the best is shown beside it. Throughput is timed in a fresh process
after linting every source article once, so that lazily built patterns, word
lists and libraries are not counted as throughput; each input is linted three
times and the best run is the figure, since the noise of a shared machine only
ever adds time (the median is shown beside it). Both wall and CPU seconds are
recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = ("PUN", "TYP", "SCR", "EDT", "CON", "VOI")


def source_texts() -> dict[str, list[str]]:
    """Real text shipped in the repository, by language."""
    texts: dict[str, list[str]] = {"fr": [], "en": []}
    texts["fr"].append((ROOT / "examples" / "bamako-fr.txt").read_text(encoding="utf-8"))
    for path in sorted((ROOT / "tests" / "corpus" / "clean").glob("*/*.txt")):
        texts.setdefault(path.parent.name, []).append(path.read_text(encoding="utf-8"))
    return texts


def build_text(texts: list[str], size: int) -> str:
    """Articles joined by blank lines until ``size`` bytes (UTF-8) are reached."""
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        piece = texts[i % len(texts)].strip() + "\n\n"
        parts.append(piece)
        total += len(piece.encode("utf-8"))
        i += 1
    return "".join(parts)


def presslint_exe() -> str:
    exe = Path(sys.executable).parent / "presslint"
    return str(exe) if exe.exists() else (shutil.which("presslint") or "presslint")


def _cached_bytecode_env() -> dict[str, str]:
    """The environment with Python's bytecode cache on, as an installed package has it."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def wall(cmd: list[str], repeat: int = 1) -> float:
    """Median wall time of a command, in seconds; a command that fails is an error, not a figure."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
                              env=_cached_bytecode_env())
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"bench: {' '.join(cmd)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return statistics.median(times)


def best_wall(cmd: list[str], repeat: int = 1) -> float:
    """Shortest wall time of ``repeat`` runs of a command, in seconds."""
    return min(wall(cmd) for _ in range(repeat))


def cpu(cmd: list[str], repeat: int = 1) -> float:
    """Median CPU seconds (user + system) of a command and its children."""
    times = []
    for _ in range(repeat):
        before = os.times()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       env=_cached_bytecode_env())
        after = os.times()
        times.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
    return statistics.median(times)


CHILD = r"""
import json, resource, statistics, sys, time
from presslint import api
from presslint.config import Settings
warm_path, lang, select, repeat, paths = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]
texts = [open(path, encoding="utf-8").read() for path in paths]
settings = Settings(select=tuple(select.split(","))) if select else Settings()
# Load rules, lexicons, lazily compiled patterns and lazily imported libraries outside the timing,
# on every source article once: the throughput is the steady rate of a process that has met them.
api.lint(open(warm_path, encoding="utf-8").read(), lang=lang, config=settings)
walls, cpus, counts = [[] for _ in texts], [[] for _ in texts], [0] * len(texts)
for _ in range(repeat):
    for i, text in enumerate(texts):  # several inputs take turns: each meets the machine's slow minutes alike
        start, start_cpu = time.perf_counter(), time.process_time()
        diags = api.lint(text, lang=lang, config=settings)
        walls[i].append(time.perf_counter() - start)
        cpus[i].append(time.process_time() - start_cpu)
        counts[i] = len(diags)
        del diags  # not alive during the next run: the peak is that of one run
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps([{"seconds": min(w), "cpu_seconds": min(c), "median_seconds": statistics.median(w),
                   "diagnostics": n, "peak_mb": peak} for w, c, n in zip(walls, cpus, counts)]))
"""

PEAK_OF_CHILD = r"""
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def cli_peak_mb(cmd: list[str]) -> int:
    """Peak resident memory of a command, from a fresh process whose only child it is."""
    out = subprocess.run([sys.executable, "-c", PEAK_OF_CHILD, *cmd], capture_output=True, text=True, check=True,
                         env=_cached_bytecode_env())
    return round(float(out.stdout.strip()))


LOOP = "n = 0\nfor i in range(8_000_000):\n    n += i % 7\n"  # about half a second of pure Python


def loops_wall(processes: int) -> float:
    """Wall time of two runs of ``LOOP``: one after the other in one process, or one in each of two at once."""
    start = time.perf_counter()
    if processes == 1:
        subprocess.run([sys.executable, "-c", LOOP * 2], check=True)
    else:
        running = [subprocess.Popen([sys.executable, "-c", LOOP]) for _ in range(processes)]
        if any(p.wait() for p in running):
            raise SystemExit("bench: the parallel loop failed")
    return time.perf_counter() - start


WARM_UP: dict[str, Path] = {}  # language -> every source article once, written by main()


def measure_lint(path: Path, lang: str, select: str = "", repeat: int = 3,
                 alongside: Path | None = None) -> list[dict[str, float]]:
    """Best of ``repeat`` runs in one fresh process (the noise of a shared machine only adds time), and their median.

    With ``alongside``, that input is linted in turn with ``path`` in the same
    process, for a ratio of the two that a drift of the machine's speed during
    the run does not bias (the peak memory is then that of both).
    """
    paths = [str(path)] + ([str(alongside)] if alongside else [])
    out = subprocess.run([sys.executable, "-c", CHILD, str(WARM_UP[lang]), lang, select, str(repeat), *paths],
                         capture_output=True, text=True, check=True, env=_cached_bytecode_env())
    data: list[dict[str, float]] = json.loads(out.stdout.strip().splitlines()[-1])
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--files", type=int, default=2000, help="files in the --jobs folder")
    args = parser.parse_args()

    texts = source_texts()
    exe = presslint_exe()
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}",
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    with tempfile.TemporaryDirectory(prefix="presslint-bench-") as tmp_name:
        tmp = Path(tmp_name)
        for lang in ("fr", "en"):
            WARM_UP[lang] = tmp / f"warm-up-{lang}.txt"
            WARM_UP[lang].write_text("\n\n".join(t.strip() for t in texts[lang]) + "\n", encoding="utf-8")
        one_line = tmp / "one-line.txt"
        one_line.write_text("Le ministre est arrivé lundi à Bamako.\n", encoding="utf-8")
        check_one = [exe, "check", "--exit-zero", str(one_line)]
        wall(check_one)  # warm the file cache and write the bytecode cache
        results["startup_ms"] = round(1000 * wall(check_one, repeat=15), 1)
        results["startup_best_ms"] = round(1000 * best_wall(check_one, repeat=15), 1)
        results["startup_cpu_ms"] = round(1000 * cpu(check_one, repeat=15), 1)
        results["version_ms"] = round(1000 * wall([exe, "--version"], repeat=15), 1)
        # The floor under presslint's own start-up: the interpreter, then the CLI framework.
        results["python_ms"] = round(1000 * wall([sys.executable, "-c", "pass"], repeat=15), 1)
        results["import_typer_ms"] = round(1000 * wall([sys.executable, "-c", "import typer"], repeat=15), 1)

        sizes = {"10KB": 10_000, "1MB": 1_000_000, "10MB": 10_000_000}
        files: dict[str, Path] = {}
        for label, size in sizes.items():
            path = tmp / f"fr-{label}.txt"
            path.write_text(build_text(texts["fr"], size), encoding="utf-8")
            files[label] = path
        en_1mb = tmp / "en-1MB.txt"
        en_1mb.write_text(build_text(texts["en"], 1_000_000), encoding="utf-8")

        def row(m: dict[str, float], path: Path) -> dict[str, float]:
            kb = path.stat().st_size / 1000
            return {"seconds": round(m["seconds"], 3), "cpu_seconds": round(m["cpu_seconds"], 3),
                    "median_seconds": round(m["median_seconds"], 3),
                    "kb_per_s": round(kb / m["seconds"]), "cpu_kb_per_s": round(kb / m["cpu_seconds"]),
                    "peak_mb": round(m["peak_mb"]), "diagnostics": int(m["diagnostics"])}

        whole: dict[str, dict[str, float]] = {}
        for label in ("10KB", "1MB", "10MB"):
            whole[label] = row(measure_lint(files[label], "fr")[0], files[label])
        whole["1MB-en"] = row(measure_lint(en_1mb, "en")[0], en_1mb)
        # Scaling: the 10 MB and 1 MB texts linted in turn in one process, so that the ratio compares
        # runs that met the same moments of a shared machine.
        big, small = measure_lint(files["10MB"], "fr", alongside=files["1MB"])
        results["default_rules"] = whole
        results["ratio_10MB_over_1MB"] = round(big["seconds"] / small["seconds"], 2)
        results["cpu_ratio_10MB_over_1MB"] = round(big["cpu_seconds"] / small["cpu_seconds"], 2)
        # The whole command on 10 MB, as a user runs it: reading and decoding the file, the report.
        results["cli_10MB_peak_mb"] = cli_peak_mb([exe, "check", "--exit-zero", "--format", "concise", str(files["10MB"])])

        families: dict[str, int] = {}
        for family in FAMILIES:
            try:
                m = measure_lint(files["1MB"], "fr", family)[0]
            except subprocess.CalledProcessError:
                continue  # family not present in this build
            families[family] = round(files["1MB"].stat().st_size / 1000 / m["seconds"])
        results["kb_per_s_by_family_1MB_fr"] = families

        folder = tmp / "folder"
        folder.mkdir()
        articles = texts["fr"] + texts["en"]
        for i in range(args.files):
            (folder / f"article-{i:05d}.txt").write_text(articles[i % len(articles)], encoding="utf-8")
        # `--jobs 1` and `--jobs 2` take turns, five rounds: both meet the same moments of a shared machine
        # (run one after the other, a slow minute of the host during one of them alone decided the ratio),
        # and the best time of each is the one the host disturbed least.
        # Each round also measures what two processes gain on this machine at that moment with nothing to
        # share (the ceiling for any --jobs 2), so that a busy host is told apart from presslint's overhead.
        check_folder = [exe, "check", "--exit-zero", "--format", "concise", str(folder)]
        rounds, ceiling = [], []
        for _ in range(5):
            rounds.append((wall([*check_folder, "--jobs", "1"]), wall([*check_folder, "--jobs", "2"])))
            ceiling.append(loops_wall(1) / loops_wall(2))
        j1, j2 = min(r[0] for r in rounds), min(r[1] for r in rounds)
        results["folder"] = {"files": args.files, "jobs1_s": round(j1, 2), "jobs2_s": round(j2, 2),
                             "speedup": round(j1 / j2, 2),
                             "speedup_by_round": [round(a / b, 2) for a, b in rounds],
                             "two_processes_by_round": [round(x, 2) for x in ceiling]}
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]

    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"machine: {results['machine']}; load average {results['load_average_at_start']} at start, "
          f"{results['load_average_at_end']} at end")
    print(f"start-up (check one-line file): {results['startup_ms']} ms wall (median; best {results['startup_best_ms']}), "
          f"{results['startup_cpu_ms']} ms CPU   "
          f"(--version: {results['version_ms']} ms; python -c pass: {results['python_ms']} ms; "
          f"import typer: {results['import_typer_ms']} ms)")
    print(f"{'input':<8} {'best s':>8} {'median s':>9} {'CPU s':>8} {'KB/s':>8} {'CPU KB/s':>9} {'peak MB':>8} "
          f"{'diags':>7}")
    for label, m in whole.items():
        print(f"{label:<8} {m['seconds']:>8} {m['median_seconds']:>9} {m['cpu_seconds']:>8} {m['kb_per_s']:>8} "
              f"{m['cpu_kb_per_s']:>9} {m['peak_mb']:>8} {m['diagnostics']:>7}")
    print(f"10 MB / 1 MB time ratio: {results['ratio_10MB_over_1MB']} (CPU: {results['cpu_ratio_10MB_over_1MB']})")
    print(f"peak memory of `presslint check --format concise` on 10 MB: {results['cli_10MB_peak_mb']} MB")
    print("throughput by family on 1 MB (KB/s): " + ", ".join(f"{k} {v}" for k, v in families.items()))
    f = results["folder"]
    assert isinstance(f, dict)
    print(f"folder of {f['files']} files: --jobs 1 {f['jobs1_s']} s, --jobs 2 {f['jobs2_s']} s, speed-up {f['speedup']}x "
          f"(best of five rounds; round by round: {', '.join(f'{x}x' for x in f['speedup_by_round'])})")
    print("two processes with nothing to share, round by round (the machine's ceiling for --jobs 2): "
          + ", ".join(f"{x}x" for x in f["two_processes_by_round"]))


if __name__ == "__main__":
    main()
