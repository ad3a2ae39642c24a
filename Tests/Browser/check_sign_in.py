"""Signs in as the demonstration Hartlepool editor in headless Chromium, end to end.

The registry at BASE_URL signs people in through the development OpenID provider
(oidc-provider-mock from PyPI). The browser opens the sign-in page, follows the button to the
provider, chooses `hartlepool-editor`, lands on its authority's home, opens its account page
with its name and authority,
submits the token form empty and sees its errors, signs out, and is then signed out. Each page,
in each state, must pass axe-core's WCAG 2.2 A and AA rules and log no console errors.
Usage: check_sign_in.py BASE_URL SCREENSHOT_DIR
"""
import os
import time
import sys

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import axe, chromium


def main(base, shots):
    os.makedirs(shots, exist_ok=True)
    driver = chromium()
    failures, checked = [], []

    def check(state, expect_title=None, status=None):
        if expect_title:
            # A form is sent in a task of its own: wait for its answer rather than judge the page
            # it was sent from.
            try:
                WebDriverWait(driver, 10).until(lambda d: d.title.startswith(expect_title))
            except TimeoutException:
                pass  # reported below, with the title the page has
        problems, report = axe(driver)
        for entry in driver.get_log("browser"):
            message = entry["message"]
            # Only the registry's pages are judged (the provider's links a stylesheet from the
            # internet); a form shown again with its errors is answered 400 on purpose.
            if not message.startswith(base) or "favicon" in message:
                continue
            if status and f"status of {status}" in message:
                continue
            if entry["level"] in ("SEVERE", "ERROR"):
                problems.append("console: " + message)
        if expect_title and not driver.title.startswith(expect_title):
            problems.append(f"title is {driver.title!r}, expected it to start {expect_title!r}")
        checked.append(f"  {state:34} {driver.current_url[len(base):].split('/revoke')[0][:28] or '/':28} axe: {len(report.get('violations', []))} violations, {len(report.get('passes', []))} rules passed")
        failures.extend(f"{state}: {problem}" for problem in problems)

    def text():
        """The page's main text; read again if a navigation replaced the page while reading."""
        for _ in range(20):
            try:
                return driver.find_element(By.TAG_NAME, "main").text
            except (StaleElementReferenceException, NoSuchElementException):
                time.sleep(0.1)
        return driver.find_element(By.TAG_NAME, "main").text

    def sign_in_as(subject):
        """Signs in as one of the provider's people and waits to land on their home."""
        driver.get(base + "/sign-in?return_to=/manage")
        driver.find_element(By.LINK_TEXT, "Sign in with the development provider").click()
        driver.find_element(By.CSS_SELECTOR, f"button[name=sub][value={subject}]").click()
        WebDriverWait(driver, 10).until(lambda d: d.current_url.rstrip("/").endswith("/manage"))

    def sign_out():
        """Sends the header's sign-out form and waits for its answer: a form is sent in a task
        of its own, so a page asked for straight after could be replaced by the signed-out one."""
        driver.find_element(By.CSS_SELECTOR, "header button").click()
        WebDriverWait(driver, 10).until(lambda d: d.current_url.startswith(base + "/signed-out"))

    def resend(field, value):
        """Types `value` over a field's answer and sends the page's form."""
        element = driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)
        driver.find_element(By.CSS_SELECTOR, "main form button").click()

    try:
        driver.get(base + "/sign-in")
        check("sign-in page", "Sign in")
        if "Development sign-in" not in text():
            failures.append("the sign-in page does not say it is a development sign-in")
        driver.find_element(By.LINK_TEXT, "Sign in with the development provider").click()
        # The provider's own page lists the demonstration people as buttons.
        driver.find_element(By.CSS_SELECTOR, "button[name=sub][value=hartlepool-editor]").click()
        # The provider's redirect back, then the registry's own: wait for the last.
        try:
            WebDriverWait(driver, 15).until(lambda d: d.current_url.startswith(base + "/manage"))
        except TimeoutException:
            failures.append(f"after signing in the browser is at {driver.current_url}, not /manage")
        check("authority home", "Hartlepool")
        home = text()
        for expected in ["Your authority's entries", "Pilots", "Your entries", "Download your call-for-evidence answers"]:
            if expected not in home:
                failures.append(f"the authority's home does not show {expected!r}")
        driver.save_screenshot(os.path.join(shots, "authority-home.png"))

        # Register a pilot: search the catalogue, choose the tool, answer, fix errors, check, register.
        driver.find_element(By.LINK_TEXT, "Register a pilot").click()
        check("register: which tool", "Which tool is the pilot of?")
        driver.find_element(By.ID, "q").send_keys("ecomap")
        driver.find_element(By.CSS_SELECTOR, "form[action='/manage/pilots/new'] button").click()
        check("register: tools found", "Which tool is the pilot of?")
        driver.find_element(By.ID, "tool").click()
        driver.find_element(By.CSS_SELECTOR, "form[action='/manage/pilots/new/details'] button").click()
        check("register: about the pilot", "About the pilot")
        driver.find_element(By.ID, "title").send_keys("Ecomaps in the family help teams")
        driver.find_element(By.ID, "origin").click()
        driver.find_element(By.CSS_SELECTOR, "form[action='/manage/pilots/new/check'] button").click()
        check("register: about the pilot, with errors", "Error: About the pilot", status=400)
        driver.save_screenshot(os.path.join(shots, "register-errors.png"))
        summary = driver.find_element(By.CSS_SELECTOR, ".error-summary").text
        for expected in ["Select who may read the pilot", "Select the phase the pilot is in", "Enter the date it began"]:
            if expected not in summary:
                failures.append(f"the error summary does not say {expected!r}: {summary!r}")
        if driver.find_element(By.ID, "title").get_attribute("value") != "Ecomaps in the family help teams" or not driver.find_element(By.ID, "origin").is_selected():
            failures.append("the answers given were not kept")
        driver.find_element(By.ID, "sharing_level-public").click()
        driver.find_element(By.ID, "phase-pilot").click()
        for field, value in [("since-day", "3"), ("since-month", "3"), ("since-year", "2025")]:
            driver.find_element(By.ID, field).send_keys(value)
        driver.find_element(By.CSS_SELECTOR, "form[action='/manage/pilots/new/check'] button").click()
        check("register: check answers", "Check your answers")
        driver.find_element(By.CSS_SELECTOR, "form[action='/manage/pilots'] button").click()
        check("home, pilot registered", "Hartlepool")
        if "Pilot registered: Ecomaps in the family help teams" not in driver.find_element(By.TAG_NAME, "main").text:
            failures.append("the home does not confirm the registered pilot")

        # Then discontinue it: the reasons left out first, then given.
        # The pilot just registered, by its id, so a database used before cannot offer another.
        registered = driver.current_url.split("registered=")[-1]
        driver.find_element(By.CSS_SELECTOR, f"a[href='/manage/pilots/{registered}/phase']").click()
        check("phase change", "What phase is the pilot in now?")
        driver.find_element(By.ID, "phase-discontinued").click()
        for field, value in [("since-day", "4"), ("since-month", "4"), ("since-year", "2025")]:
            driver.find_element(By.ID, field).send_keys(value)
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("phase change, with errors", "Error: What phase is the pilot in now?", status=400)
        driver.find_element(By.ID, "reasons").click()
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("home, phase changed", "Hartlepool")
        if "Phase changed: Ecomaps in the family help teams is now discontinued" not in driver.find_element(By.TAG_NAME, "main").text:
            failures.append("the home does not confirm the phase change")

        # Its page, then a resourcing line and an assessment, each first sent with a mistake.
        driver.find_element(By.CSS_SELECTOR, f"main a[href='/manage/pilots/{registered}']").click()
        check("pilot page, nothing recorded", "Ecomaps in the family help teams")
        driver.find_element(By.LINK_TEXT, "Add a resourcing line").click()
        check("resourcing line", "Add a resourcing line")
        driver.find_element(By.ID, "stage-implement").click()
        driver.find_element(By.ID, "amount").send_keys("12.345")
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("resourcing line, with errors", "Error: Add a resourcing line", status=400)
        resend("amount", "£18,000")
        check("pilot page, resourcing added", "Ecomaps in the family help teams")
        if "£18,000" not in text():
            failures.append("the pilot page does not show the resourcing line in pounds")
        # Changed in two tabs at once: the second save meets the first and shows both.
        driver.find_element(By.CSS_SELECTOR, "main a[href*='/resourcing/'][href$='/edit']").click()
        check("change a resourcing line", "Change the resourcing line")
        editing, first_tab = driver.current_url, driver.current_window_handle
        driver.switch_to.new_window("tab")
        driver.get(editing)
        resend("amount", "£19,000")
        # Saved in that tab before it is closed, or the close could cancel the save.
        WebDriverWait(driver, 10).until(lambda d: not d.current_url.endswith("/edit"))
        driver.close()
        driver.switch_to.window(first_tab)
        resend("amount", "£20,000")
        check("resourcing line, changed meanwhile", "Someone else changed this resourcing line", status=409)
        if "£19,000" not in text() or "£20,000" not in text():
            failures.append("the conflict page does not show both amounts")
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("pilot page, resourcing changed", "Ecomaps in the family help teams")
        if "£20,000" not in text():
            failures.append("the editor's amount was not saved over the other")
        driver.find_element(By.CSS_SELECTOR, "main a[href*='/resourcing/'][href$='/history']").click()
        check("resourcing line history", "History of the resourcing line")
        if "£19,000" not in text():
            failures.append("the history does not show the change")
        driver.find_element(By.LINK_TEXT, "Back").click()
        driver.find_element(By.CSS_SELECTOR, "a[href*='/resourcing/'][href$='/delete']").click()
        check("delete a resourcing line?", "Delete this resourcing line?")
        driver.find_element(By.LINK_TEXT, "Keep it").click()
        driver.find_element(By.LINK_TEXT, "Add an assessment").click()
        check("assessment", "Add a risk or ethics assessment")
        driver.find_element(By.ID, "kind").click()
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("assessment, with errors", "Error: Add a risk or ethics assessment", status=400)
        driver.find_element(By.ID, "status-completed").click()
        driver.find_element(By.ID, "safeguards-bias_testing").click()
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("pilot page, assessment added", "Ecomaps in the family help teams")
        if "DPIA" not in text():
            failures.append("the pilot page does not show the assessment")
        driver.find_element(By.CSS_SELECTOR, "main a[href*='/assessments/'][href$='/edit']").click()
        check("change an assessment", "Change the assessment")
        driver.find_element(By.ID, "risks").click()
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("pilot page, assessment changed", "Ecomaps in the family help teams")
        driver.find_element(By.CSS_SELECTOR, "main a[href*='/assessments/'][href$='/history']").click()
        check("assessment history", "History of the assessment")
        driver.find_element(By.LINK_TEXT, "Back").click()
        driver.find_element(By.LINK_TEXT, "Add an evaluation").click()
        check("evaluation", "Add an evaluation")
        driver.find_element(By.ID, "evaluator-external").click()
        driver.find_element(By.ID, "status-completed").click()
        driver.find_element(By.ID, "findings").send_keys("Families found the ecomaps easier to discuss.")
        driver.find_element(By.ID, "measure-0-name").send_keys("Ecomaps drawn per month")
        driver.find_element(By.ID, "measure-0-value").send_keys("many")
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("evaluation, with errors", "Error: Add an evaluation", status=400)
        resend("measure-0-value", "48")
        check("pilot page, evaluation added", "Ecomaps in the family help teams")
        if "An independent evaluator" not in text() and "External" not in text():
            failures.append("the pilot page does not show the evaluation")
        driver.find_element(By.CSS_SELECTOR, "main a[href*='/evaluations/'][href$='/edit']").click()
        check("change an evaluation", "Change the evaluation")
        resend("measure-1-name", "Families who asked for a copy")
        check("pilot page, evaluation changed", "Ecomaps in the family help teams")
        driver.find_element(By.CSS_SELECTOR, "main a[href*='/evaluations/'][href$='/history']").click()
        check("evaluation history", "History of the evaluation")
        driver.find_element(By.LINK_TEXT, "Back").click()
        driver.find_element(By.LINK_TEXT, "Add a lesson or barrier").click()
        check("lesson or barrier", "Add a lesson or barrier")
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("lesson or barrier, with errors", "Error: Add a lesson or barrier", status=400)
        driver.find_element(By.ID, "kind-barrier").click()
        resend("text", "Families wanted paper copies of their ecomaps.")
        check("pilot page, lesson added", "Ecomaps in the family help teams")
        if "Families wanted paper copies" not in text():
            failures.append("the pilot page does not show the lesson")
        driver.find_element(By.CSS_SELECTOR, "main a[href*='/lessons/'][href$='/edit']").click()
        check("change a lesson", "Change the lesson or barrier")
        resend("text", "Families wanted paper copies of their ecomaps to keep.")
        check("pilot page, lesson changed", "Ecomaps in the family help teams")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Change its details").click()
        check("change the pilot", "Change the pilot's details")
        resend("title", " ")
        check("change the pilot, with errors", "Error: Change the pilot's details", status=400)
        resend("title", "Ecomaps in the family help teams")
        check("pilot page, details changed", "Ecomaps in the family help teams")
        driver.find_element(By.LINK_TEXT, "Its history").click()
        check("pilot history", "History of the pilot")
        driver.find_element(By.LINK_TEXT, "Back").click()
        driver.find_element(By.LINK_TEXT, "Delete the pilot").click()
        check("delete the pilot?", "Delete this pilot?")
        driver.find_element(By.LINK_TEXT, "Keep it").click()
        driver.find_element(By.PARTIAL_LINK_TEXT, "Preview it").click()
        check("preview as the public", "Ecomaps in the family help teams as the public see it")
        driver.find_element(By.LINK_TEXT, "As DfE and the sector").click()
        check("preview as DfE", "Ecomaps in the family help teams as DfE and the sector see it")
        # The sections kept once per authority, from the home's task list.
        driver.get(base + "/manage")
        driver.find_element(By.CSS_SELECTOR, "a.task-list__link[href='/manage/single-view']").click()
        check("single view", "Your single view of a child")
        # The demonstration data may have one already: a bad link is an error either way.
        resend("data_model_url", "not a link")
        check("single view, with errors", "Error: Your single view of a child", status=400)
        driver.find_element(By.ID, "status-in_development").click()
        driver.find_element(By.ID, "sharing_level-sector").click()
        resend("data_model_url", "https://hartlepool.example/single-view")
        check("home, single view saved", "Hartlepool")
        if "Single view saved" not in text():
            failures.append("the home does not confirm the single view")
        driver.get(base + "/manage/single-view/delete")
        check("delete the single view?", "Delete your single view?")
        driver.get(base + "/manage")
        driver.find_element(By.CSS_SELECTOR, "a.task-list__link[href='/manage/contact']").click()
        check("contact", "Who may DfE contact?")
        driver.find_element(By.ID, "email").send_keys("not an address")
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("contact, with errors", "Error: Who may DfE contact?", status=400)
        driver.find_element(By.ID, "name").send_keys("Sam Lead")
        driver.find_element(By.ID, "consent").click()
        resend("email", "sam.lead@hartlepool.example")
        check("home, contact saved", "Hartlepool")
        # Bulk entry: a file with a problem, then a good one, checked before it is added.
        driver.find_element(By.LINK_TEXT, "Upload your answers").click()
        check("upload answers", "Upload your call-for-evidence answers")
        files = {}
        for name, rows in [("bad", "E06000001,Maybe,"), ("good", "E06000001,Yes,Upload Check by Check Ltd: Pilot")]:
            files[name] = os.path.abspath(os.path.join(shots, f"{name}-answers.csv"))
            with open(files[name], "w", encoding="utf-8") as out:
                out.write(f"new_la_code,q01_uses_procured_tools,q02_procured_tools_and_providers\n{rows}\n")
        driver.find_element(By.ID, "file").send_keys(files["bad"])
        driver.find_element(By.ID, "sharing_level-sector").click()
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("upload, with problems", "Error: Upload your call-for-evidence answers", status=400)
        if "must be Yes or No" not in driver.find_element(By.ID, "problems").text:
            failures.append("the upload's problems are not listed by line and column")
        driver.find_element(By.ID, "file").send_keys(files["good"])
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("upload, what it adds", "Check what the file adds")
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("home, answers uploaded", "Hartlepool")
        if "Answers uploaded" not in text():
            failures.append("the home does not confirm the upload")
        driver.find_element(By.LINK_TEXT, "Hartlepool digital lead (demo)").click()
        check("account, signed in", "Your account")
        page = text()
        for expected in ["Hartlepool digital lead (demo)", "Hartlepool (E06000001)", "Tokens for your scripts"]:
            if expected not in page:
                failures.append(f"the account page does not show {expected!r}")
        header = driver.find_element(By.CSS_SELECTOR, "header").text
        if "Hartlepool digital lead (demo)" not in header or "Sign out" not in header:
            failures.append(f"the header does not name the person and offer sign-out: {header!r}")
        driver.save_screenshot(os.path.join(shots, "account.png"))

        # The token form sent empty: the page again, with the errors in a summary and at each field.
        driver.find_element(By.ID, "days-30").click()
        driver.find_element(By.CSS_SELECTOR, "button[type=submit].button").click()
        check("account, token form with errors", "Error: Your account", status=400)
        summary = driver.find_element(By.CSS_SELECTOR, ".error-summary").text
        if "What the token is for must not be empty" not in summary:
            failures.append(f"the error summary says {summary!r}")
        if not driver.find_element(By.ID, "days-30").is_selected():
            failures.append("the chosen lifetime was not kept")

        driver.find_element(By.ID, "label").send_keys("Nightly export")
        driver.find_element(By.CSS_SELECTOR, "button[type=submit].button").click()
        check("token created", "Token created")
        token = driver.find_element(By.ID, "token").get_attribute("value")
        if not token.startswith("csc_"):
            failures.append(f"the new token is {token!r}")
        driver.get(base + "/account")
        check("account with a token", "Your account")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Revoke").click()
        check("revoke confirmation", "Revoke the token")
        driver.find_element(By.CSS_SELECTOR, "button.button--warning").click()
        WebDriverWait(driver, 10).until(lambda d: "/revoke" not in d.current_url)
        if "Revoked" not in text():
            failures.append("the revoked token is not marked revoked")

        sign_out()
        check("signed out", "You have signed out")
        if "You have signed out" not in text():
            failures.append("signing out did not say so")
        driver.get(base + "/account")
        if not driver.current_url.startswith(base + "/sign-in"):
            failures.append(f"after signing out, /account is {driver.current_url}, not the sign-in page")
        check("sign-in page, signed out", "Sign in")

        # A reader: a network member's dashboards, built live, and the records behind them.
        sign_in_as("northern-network-member")
        check("reader's home", "The registry")
        driver.find_element(By.CSS_SELECTOR, "main a[href^='/manage/dashboards/network:']").click()
        check("network's live dashboards")
        if "/manage/dashboards/network:" not in driver.current_url:
            failures.append(f"the network's dashboards are at {driver.current_url}")
        driver.get(base + "/manage/pilots")
        check("pilots a reader may read", "Pilots you may read")
        driver.find_element(By.CSS_SELECTOR, "#phase option[value=implemented]").click()
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("pilots, filtered by phase", "Pilots you may read")
        driver.find_element(By.CSS_SELECTOR, "main table a").click()
        check("a pilot, read only")
        if driver.find_elements(By.PARTIAL_LINK_TEXT, "Change"):
            failures.append("a reader is offered to change a pilot")
        sign_out()

        # An administrator: people, networks and tokens.
        sign_in_as("admin")
        check("administrator's home", "The registry")
        driver.find_element(By.LINK_TEXT, "People").click()
        check("people", "People")
        driver.find_element(By.LINK_TEXT, "Invite a person").click()
        check("invite a person", "Invite a person")
        driver.find_element(By.ID, "role").click()
        driver.find_element(By.CSS_SELECTOR, "main form button").click()
        check("invite a person, with errors", "Error: Invite a person", status=400)
        driver.get(base + "/manage/people")
        driver.find_element(By.CSS_SELECTOR, "main table a").click()
        check("a person")
        driver.get(base + "/manage/networks")
        check("networks", "Networks")
        driver.find_element(By.LINK_TEXT, "Add a network").click()
        check("add a network", "Add a network")
        resend("slug", "Not a slug!")
        check("add a network, with errors", "Error: Add a network", status=400)
        driver.get(base + "/manage/networks")
        driver.find_element(By.CSS_SELECTOR, "main table a").click()
        check("a network")
        driver.find_element(By.LINK_TEXT, "Delete the network").click()
        check("delete a network?", "Delete this network?")
        driver.get(base + "/manage/tokens")
        check("tokens", "Tokens")
        revoke = driver.find_elements(By.PARTIAL_LINK_TEXT, "Revoke")
        if revoke:
            revoke[0].click()
            check("revoke someone's token?", "Revoke the token")
        driver.get(base + "/manage")
        sign_out()
    finally:
        driver.quit()
    print("\n".join(checked))
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print(f"  signed in as the Hartlepool editor, kept a token, signed out; screenshot in {shots}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/"), sys.argv[2]))
