"""Screenshots of a sample HTML report for the documentation.

    python docs/make_screenshot.py [--out docs/report.png] [--failure-out docs/report-failure.png]

Runs a small part of the suite against the embedded emulator (a Telit HE910 with the defect
``telit-wrong-cme-code``, so that the report shows failures, passes, a not-applicable test and an
observation), opens the report in headless Chromium and writes two PNGs: the top of the report
(run, module, verdicts, failures, the counts and the start of the traceability matrix) and the
evidence of the first failed test (assertion and AT transcript).

Needs the optional ``browser`` dependencies (``pip install -e .[browser]``, i.e. Playwright's Python
package) and a Chromium: ``/usr/bin/chromium`` (Debian's ``chromium`` package) or one on ``PATH``.
``playwright install`` is never needed. ``tests/report/test_browser.py`` imports this file to build
the same report.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parents[1]

PROFILE = "telit/he910"
DEFECT = "telit-wrong-cme-code"
SELECTION = "sslen or host_name or error_code or 4.3.2"  # 4.3.2: the several-sockets example, not applicable to HE910
HARNESS_ARGS = ["--profile", PROFILE, "--emulator-defect", DEFECT, "-k", SELECTION]

# The machine may have no network: keep Chromium from reaching for it (QUIC, updates, sync, first run).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

VIEWPORT_WIDTH = 1400
VIEWPORT_HEIGHT = 2200


def find_chromium() -> str | None:
    """Debian's Chromium, or a ``chromium`` on PATH; None when there is none."""
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def generate_report(reports: Path, timeout: float = 300) -> Path:
    """Run ``python -m harness run`` on the sample selection; the path of the report.html it wrote.

    The run fails (exit code 1) by design: the defect breaks the +CME ERROR codes. Any other exit code,
    or no report, raises RuntimeError with the end of the run's output.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODEM_")}
    before = set(reports.glob("*/report.html"))
    proc = subprocess.run(
        [sys.executable, "-m", "harness", "run", "--reports", str(reports), *HARNESS_ARGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    found = sorted(set(reports.glob("*/report.html")) - before)
    if proc.returncode not in (0, 1) or len(found) != 1:
        tail = (proc.stdout + proc.stderr)[-4000:]
        raise RuntimeError(f"python -m harness run exited {proc.returncode}, reports {found}:\n{tail}")
    return found[0]


def screenshot(report: Path, out: Path, failure_out: Path | None) -> None:
    """Write the top of ``report`` to ``out`` and the first failed test's evidence to ``failure_out``."""
    from playwright.sync_api import sync_playwright  # optional dependency: imported only when used

    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("no Chromium: install Debian's chromium package (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": VIEWPORT_WIDTH, "height": VIEWPORT_HEIGHT})
            page.goto(report.as_uri())
            # Failed tests are expanded on load (pytest-html's render_collapsed=passed): nothing to click.
            first_failed = page.locator("#results-table tbody.results-table-row.failed").first
            first_failed.locator("table.transcript").wait_for(state="visible")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=False)
            print(f"wrote {out}")
            if failure_out is not None:
                # pytest-html caps the log's height; its "expand [+]" shows the whole transcript.
                first_failed.locator(".logexpander").click()
                first_failed.scroll_into_view_if_needed()
                first_failed.screenshot(path=str(failure_out))
                print(f"wrote {failure_out}")
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png", help="the top of the report")
    parser.add_argument(
        "--failure-out",
        type=Path,
        default=ROOT / "docs" / "report-failure.png",
        help="the first failed test's evidence",
    )
    parser.add_argument("--no-failure", action="store_true", help="write only --out")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write the sample run's reports to DIR and keep them")
    args = parser.parse_args(argv)
    failure_out = None if args.no_failure else args.failure_out
    if args.keep is not None:
        screenshot(generate_report(args.keep.resolve()), args.out, failure_out)
        return 0
    with TemporaryDirectory(prefix="report-screenshot-") as tmp:
        screenshot(generate_report(Path(tmp)), args.out, failure_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
