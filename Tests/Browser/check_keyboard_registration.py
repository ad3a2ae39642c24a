"""A whole registration with the keyboard alone, in headless Chromium, then read back.

The demonstration Hartlepool editor signs in through the development OpenID provider, adds a
tool new to the catalogue with a new provider, registers a public pilot of it, moves it to
"implemented", adds a resourcing line, an assessment and an evaluation, makes a token for
their scripts and signs out: every control reached with Tab (radios chosen with the arrow
keys, as people do), typed into, and pressed with Enter or Space; no clicks. Each page passes
axe-core's WCAG 2.2 A and AA rules. What was entered is then read back through the API with
the token, and the pilot found on the dashboards the server rebuilds.
Usage: check_keyboard_registration.py BASE_URL
"""
import json
import sys
import time
import urllib.request
import uuid

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

from browser import axe, chromium


class Stuck(Exception):
    pass


class Keyboard:
    """Moves focus with Tab only, as someone without a mouse does."""

    def __init__(self, driver):
        self.driver = driver

    def press(self, *keys):
        ActionChains(self.driver).send_keys(*keys).perform()

    def focused(self):
        return self.driver.switch_to.active_element

    def tab_to(self, matches, what, limit=250):
        """Presses Tab until the focused element satisfies `matches`; fails if it never does."""
        for _ in range(limit):
            if matches(self.focused()):
                return self.focused()
            self.press(Keys.TAB)
        raise Stuck(f"Tab never reached {what} on {self.driver.current_url}")

    def tab_to_css(self, css):
        targets = self.driver.find_elements(By.CSS_SELECTOR, css)
        if not targets:
            raise Stuck(f"no {css} on {self.driver.current_url}")
        return self.tab_to(lambda element: element == targets[0], css)

    def go(self):
        """Presses Enter on the focused link, button or field and waits for the next page."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.press(Keys.ENTER)
        WebDriverWait(self.driver, 15).until(staleness_of(page))

    def type(self, field_id, text):
        self.tab_to_css(f"#{field_id}")
        ActionChains(self.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(Keys.DELETE).perform()
        self.press(text)

    def choose(self, name, value):
        """A radio: Tab into its group, then the arrow keys until `value` is chosen."""
        self.tab_to(lambda element: element.get_attribute("name") == name, f"the {name} radios")
        for _ in range(40):
            if self.focused().get_attribute("value") == value and self.focused().is_selected():
                return
            self.press(Keys.ARROW_DOWN)
        raise Stuck(f"the arrow keys never chose {name}={value}")

    def tick(self, name, value):
        self.tab_to_css(f"input[name='{name}'][value='{value}']")
        self.press(Keys.SPACE)

    def follow(self, link_text):
        self.tab_to(lambda element: element.tag_name == "a" and element.text.strip() == link_text, f"the link {link_text!r}")
        self.go()

    def submit(self, css="main form button[type=submit], main form button:not([type])"):
        buttons = [b for b in self.driver.find_elements(By.CSS_SELECTOR, css) if "button--secondary" not in b.get_attribute("class")]
        if not buttons:
            raise Stuck(f"no button {css} on {self.driver.current_url}")
        self.tab_to(lambda element: element == buttons[-1], f"the button {buttons[-1].text!r}")
        self.go()


def api(base, path, token):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.loads(reply.read())


def main(base):
    driver = chromium()
    keys = Keyboard(driver)
    failures, pages = [], 0
    suffix = uuid.uuid4().hex[:6]
    tool_name, pilot_title = f"Keyboard Scribe {suffix}", f"Keyboard Scribe in the front door {suffix}"

    def page(title):
        nonlocal pages
        pages += 1
        problems, _ = axe(driver)
        if not driver.title.startswith(title):
            summary = driver.find_elements(By.CSS_SELECTOR, ".error-summary")
            problems.append(f"title is {driver.title!r}, expected {title!r}" + (f": {summary[0].text!r}" if summary else ""))
            raise Stuck("; ".join(problems))
        failures.extend(f"{title}: {problem}" for problem in problems)

    def text():
        return driver.find_element(By.TAG_NAME, "main").text

    try:
        driver.get(base + "/sign-in")
        page("Sign in")
        keys.follow("Sign in with the development provider")
        keys.tab_to_css("button[name=sub][value=hartlepool-editor]")
        keys.go()
        page("Hartlepool")

        keys.follow("Register a pilot")
        page("Which tool is the pilot of?")
        keys.type("q", tool_name)
        keys.go()
        page("Which tool is the pilot of?")
        # "Add the tool to the catalogue" under near matches, or "add it" when there are none.
        keys.tab_to_css("main a[href^='/manage/tools/new']")
        keys.go()
        page("Who provides the tool?")
        keys.choose("provider", "new")
        keys.submit()
        page("About the tool")
        keys.submit()
        page("Error: About the tool")
        keys.choose("kind", "transcription")
        keys.choose("technology", "speech_to_text")
        keys.type("provider_name", f"Keyboard Scribe Ltd {suffix}")
        keys.submit()
        page("About the pilot")
        tool = driver.find_element(By.CSS_SELECTOR, "input[name=tool]").get_attribute("value")

        keys.type("title", pilot_title)
        keys.choose("origin", "procured")
        keys.choose("sharing_level", "public")
        keys.choose("phase", "pilot")
        for field, value in [("since-day", "2"), ("since-month", "6"), ("since-year", "2025")]:
            keys.type(field, value)
        keys.submit()
        page("Check your answers")
        keys.submit()
        page("Hartlepool")
        pilot = driver.current_url.split("registered=")[-1]

        keys.tab_to_css(f"a[href='/manage/pilots/{pilot}/phase']")
        keys.go()
        page("What phase is the pilot in now?")
        keys.choose("phase", "implemented")
        for field, value in [("since-day", "1"), ("since-month", "9"), ("since-year", "2025")]:
            keys.type(field, value)
        keys.submit()
        page("Hartlepool")

        keys.tab_to_css(f"main a[href='/manage/pilots/{pilot}']")
        keys.go()
        page(pilot_title)
        keys.follow("Add a resourcing line")
        page("Add a resourcing line")
        keys.choose("stage", "implement")
        keys.type("amount", "£21,500")
        keys.submit()
        page(pilot_title)
        keys.follow("Add an assessment")
        page("Add a risk or ethics assessment")
        keys.choose("kind", "dpia")
        keys.choose("status", "completed")
        keys.tick("safeguards", "human_review")
        keys.submit()
        page(pilot_title)
        keys.follow("Add an evaluation")
        page("Add an evaluation")
        keys.choose("evaluator", "external")
        keys.choose("status", "completed")
        keys.type("findings", "Recording time fell by a third.")
        keys.type("measure-0-name", "Hours recording a visit")
        keys.type("measure-0-value", "2")
        keys.submit()
        page(pilot_title)

        keys.follow("Hartlepool digital lead (demo)")
        page("Your account")
        keys.type("label", f"Read-back {suffix}")
        keys.choose("days", "30")
        keys.submit("main form button[type=submit].button")
        page("Token created")
        token = driver.find_element(By.ID, "token").get_attribute("value")
        keys.tab_to_css("header button")
        keys.go()
        page("You have signed out")
    except Stuck as stuck:
        failures.append(str(stuck))
        token = None
    finally:
        driver.quit()

    if token:
        record = api(base, f"/api/v1/pilots/{pilot}", token)
        found = {
            "the tool": api(base, f"/api/v1/tools/{tool}", token).get("provider_name") == f"Keyboard Scribe Ltd {suffix}",
            "the pilot": record.get("title") == pilot_title and record.get("tool_id") == tool,
            "the phase change": record.get("phase") == "implemented",
            "the resourcing line": any(line.get("amount_gbp") in ("21500", "21500.00") for line in api(base, f"/api/v1/pilots/{pilot}/resourcing", token)["items"]),
            "the assessment": any(a.get("kind") == "dpia" and "human_review" in a.get("safeguards", []) for a in api(base, f"/api/v1/pilots/{pilot}/assessments", token)["items"]),
            "the evaluation": any(e.get("findings") == "Recording time fell by a third." for e in api(base, f"/api/v1/pilots/{pilot}/evaluations", token)["items"]),
        }
        failures.extend(f"the API does not show {what} as entered" for what, ok in found.items() if not ok)
        published = None
        started = time.time()
        while time.time() - started < 120:
            try:
                with urllib.request.urlopen(f"{base}/dashboards/tools/{tool}.html", timeout=5) as reply:
                    if pilot_title in reply.read().decode():
                        published = time.time() - started
                        break
            except OSError:
                pass
            time.sleep(0.5)
        if published is None:
            failures.append(f"the rebuilt dashboards never showed the pilot at /dashboards/tools/{tool}.html")

    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print(f"  {pages} pages with the keyboard alone, 0 axe violations; tool, pilot, phase change, resourcing, "
          f"assessment and evaluation read back through the API; on the dashboards {published:.1f} s after sign-out")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/")))
