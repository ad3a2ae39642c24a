"""Opens every page type of a built dashboard site in headless Chromium, from file://.

Each page must load with no console errors and no failed requests, and axe-core must report no
violations of the WCAG 2.2 A and AA rules. Every chart on every page of the site must keep each
of its words inside its view box, as the browser lays them out. Screenshots of the overview, a
network page and a tool page are written for review.
Usage: check_dashboards.py SITE_DIR SCREENSHOT_DIR
"""
import glob
import json
import os
import sys
from pathlib import Path

from browser import axe, chromium


def pick(site, pattern):
    found = sorted(glob.glob(os.path.join(site, pattern)))
    return found[0] if found else None


# Each text element of each chart, measured by the browser in the chart's own units.
TEXT_OUTSIDE = """
const outside = [];
let count = 0;
for (const svg of document.querySelectorAll('svg.chart')) {
  const box = svg.viewBox.baseVal;
  for (const text of svg.querySelectorAll('text')) {
    count += 1;
    const b = text.getBBox();
    if (b.x < box.x - 0.5 || b.y < box.y - 0.5 || b.x + b.width > box.x + box.width + 0.5 || b.y + b.height > box.y + box.height + 0.5) {
      outside.push(`"${text.textContent}" spans x ${b.x.toFixed(1)} to ${(b.x + b.width).toFixed(1)}, y ${b.y.toFixed(1)} to ${(b.y + b.height).toFixed(1)}; the view box is ${box.width} by ${box.height}`);
    }
  }
}
return [count, outside];
"""


def check_chart_words(driver, site):
    """Every chart of the site, each text element inside its view box. Returns (charts' words, problems)."""
    words, problems = 0, []
    for path in sorted(glob.glob(os.path.join(site, "**", "*.html"), recursive=True)):
        if "<svg" not in Path(path).read_text(encoding="utf-8"):
            continue
        driver.get("file://" + path)
        count, outside = driver.execute_script(TEXT_OUTSIDE)
        words += count
        problems += [f"chart text outside its view box on {os.path.relpath(path, site)}: {problem}" for problem in outside]
    return words, problems


def main(site, shots):
    site = os.path.abspath(site)
    os.makedirs(shots, exist_ok=True)
    pages = {
        "overview": os.path.join(site, "index.html"),
        "network": pick(site, "networks/*.html"),
        "tool": pick(site, "tools/*.html"),
        "authority": pick(site, "authorities/*.html"),
        "provider": pick(site, "providers/*.html"),
        "compare": os.path.join(site, "compare.html"),
        "search": os.path.join(site, "search.html"),
    }
    driver = chromium()
    failures = []
    results = {}
    try:
        for kind, path in pages.items():
            if path is None:
                failures.append(f"{kind}: no page of this type was built")
                continue
            driver.get_log("browser")
            driver.get_log("performance")
            driver.get("file://" + path)
            problems = []
            for entry in driver.get_log("browser"):
                if entry["level"] in ("SEVERE", "ERROR"):
                    problems.append("console: " + entry["message"])
            for entry in driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                if message["method"] == "Network.loadingFailed":
                    problems.append("failed request: " + json.dumps(message["params"]))
                if message["method"] == "Network.requestWillBeSent":
                    url = message["params"]["request"]["url"]
                    if not url.startswith(("file://", "data:")):
                        problems.append("external request: " + url)
            found, report = axe(driver)
            problems += found
            results[kind] = {"page": os.path.relpath(path, site), "violations": len(report.get("violations", [])),
                             "rules_passed": len(report.get("passes", [])), "axe": report.get("testEngine", {}).get("version")}
            if kind in ("overview", "network", "tool"):
                height = driver.execute_script("return document.body.scrollHeight")
                driver.set_window_size(1280, min(max(height, 800), 8000))
                driver.save_screenshot(os.path.join(shots, f"{kind}.png"))
                driver.set_window_size(1280, 1600)
            failures += [f"{kind}: {problem}" for problem in problems]
        words, problems = check_chart_words(driver, site)
        if words == 0:
            problems.append("no chart text found to measure")
        failures += problems
    finally:
        driver.quit()
    for kind, result in results.items():
        print(f"  {kind:10} {result['page']:55} axe {result['axe']}: {result['violations']} violations, {result['rules_passed']} rules passed")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print(f"  every chart's {words} words lie inside their view boxes")
    print(f"  screenshots in {shots}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
