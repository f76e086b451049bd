"""``make bench``: the build benchmark with its default set, results in bench/results/.

Runs ``bench/bench_build.py`` on the sample corpus, BBC News and Reuters-21578 with 1 and 2
processes (spaCy alone and newsgraph, side by side), times a rebuild of BBC with nothing
changed, and the Reuters growth table (25 %, 50 %, 100 %, 2 processes). Takes about two hours
on 2 cores. The markdown tables go to stdout and bench/results/build.md, every measurement to
bench/results/build.json. Extra arguments are passed on, e.g.
``python bench/run_all.py --corpora sample bbc``.
"""

import sys
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_build  # noqa: E402


def main() -> int:
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    buf = StringIO()
    with redirect_stdout(buf):
        code = bench_build.main(["--json", str(results / "build.json"), *sys.argv[1:]])
    (results / "build.md").write_text(buf.getvalue())
    print(buf.getvalue())
    return code


if __name__ == "__main__":
    sys.exit(main())
