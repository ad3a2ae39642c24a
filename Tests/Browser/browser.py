"""What the browser checks share: headless Chromium from Debian, and axe-core's WCAG 2.2 A and AA rules."""
import json
from pathlib import Path

import axe_playwright_python
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def chromium():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(120)
    return driver


def axe(driver):
    """Runs axe-core on the open page: (problems as text, the report)."""
    driver.execute_script(AXE)
    report = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {preload: false, runOnly: {type: 'tag', values: %s}}).then(done, e => done({error: String(e)}));" % json.dumps(WCAG))
    problems = ["axe failed: " + report["error"]] if "error" in report else []
    for violation in report.get("violations", []):
        targets = [node["target"] for node in violation["nodes"]][:3]
        problems.append(f"axe {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return problems, report
