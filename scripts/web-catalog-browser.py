#!/usr/bin/env python3
"""Drives a serving node's web catalog in Chromium through Selenium, as a member would.

With JavaScript switched off: search, page through the results, filter, open an entry, follow a
related offering of another cluster, open the origin's page and switch the language. With it on
(axe needs a script): the axe accessibility rules on each kind of page (search, entry, origin,
embed, 404), and screenshots at phone (390 px) and desktop (1400 px) widths, each checked for a
drawn page: text and links painted, nothing wider than the window.

Prints one JSON object with what it saw and exits 1 when a step failed.

usage: web-catalog-browser.py BASE_URL SCREENSHOT_DIR ENTRY_PATH
  ENTRY_PATH: an entry page with related offerings, e.g. /entries/de/reinraum-grundkurs
"""
import importlib.util
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

base, shots, entry_path = sys.argv[1], sys.argv[2], sys.argv[3]
report = {"steps": [], "axe": {}, "screenshots": {}, "failures": []}

# The PNG reader of the overview screenshot check, reused.
check_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "overview-screenshot-check.py")
spec = importlib.util.spec_from_file_location("screenshot_check", check_path)
screenshot_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(screenshot_check)


def browser(javascript, width=1400, height=1000):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--ignore-certificate-errors",
                     "--hide-scrollbars", f"--window-size={width},{height}", "--lang=de-DE"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "intl.accept_languages": "de-DE,de",
        "profile.managed_default_content_settings.javascript": 1 if javascript else 2,
    })
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(60)
    return driver


def step(name, ok, detail=""):
    report["steps"].append({"step": name, "ok": bool(ok), "detail": detail})
    if not ok:
        report["failures"].append(f"{name}: {detail}")


def go(driver, element):
    """Clicks a link or button and waits until the next page has replaced this one and is there
    (its footer parsed): the old page going stale comes before the new one is built, and an element
    found in between may belong to neither ("Node with given id does not belong to the document")."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 30).until(expected_conditions.staleness_of(old))
    WebDriverWait(driver, 30).until(expected_conditions.presence_of_element_located((By.TAG_NAME, "footer")))


def settled(action, attempts=3):
    """Runs an action on the current page again when the page was still being replaced."""
    for attempt in range(attempts):
        try:
            return action()
        except (StaleElementReferenceException, WebDriverException):
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)


def lang(driver):
    return driver.find_element(By.TAG_NAME, "html").get_dom_attribute("lang")


def text(driver, selector):
    found = driver.find_elements(By.CSS_SELECTOR, selector)
    return found[0].text if found else ""


def browse():
    driver = browser(javascript=False)
    try:
        driver.get(base + "/")
        step("search page in German", lang(driver) == "de" and "gefunden" in text(driver, ".count"),
             text(driver, ".count"))
        first_page = [a.get_dom_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".hits h3 a")]
        go(driver, driver.find_element(By.CSS_SELECTOR, "a[rel=next]"))
        second_page = [a.get_dom_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".hits h3 a")]
        step("next page", "page=2" in driver.current_url and "21–" in text(driver, ".count")
             and second_page and not set(first_page) & set(second_page), text(driver, ".count"))
        go(driver, driver.find_element(By.CSS_SELECTOR, "a[rel=prev]"))
        step("previous page", "1–20" in text(driver, ".count"), text(driver, ".count"))

        settled(lambda: Select(driver.find_element(By.ID, "type")).select_by_value("training"))
        go(driver, driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]"))
        titles = [h.text for h in driver.find_elements(By.CSS_SELECTOR, ".hits h3")]
        step("filter by type", "type=training" in driver.current_url and titles
             and all("Forum" not in t for t in titles), f"{driver.current_url} {titles} {text(driver, '.count')}"
             f" {text(driver, 'h1')}")

        box = driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys("Reinraum")
        go(driver, driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]"))
        hits = driver.find_elements(By.CSS_SELECTOR, ".hits h3 a")
        step("search words", hits and "Reinraum" in hits[0].text, text(driver, ".count"))
        go(driver, hits[0])
        step("open an entry", entry_path in driver.current_url and "Reinraum" in text(driver, "h1")
             and "Signiert von" in text(driver, ".provenance"), driver.current_url)

        related = driver.find_elements(By.CSS_SELECTOR, ".related .hits a")
        step("related offerings shown", related, driver.current_url)
        origin_before = driver.current_url.split("/entries/")[1].split("/")[0]
        go(driver, related[0])
        origin_after = driver.current_url.split("/entries/")[1].split("/")[0]
        step("follow a related offering", origin_after != origin_before and text(driver, "h1"),
             f"{origin_before} -> {origin_after}")

        go(driver, driver.find_element(By.CSS_SELECTOR, ".entry .meta a"))
        step("open the origin's page", "/origins/" in driver.current_url and text(driver, ".freshness"),
             text(driver, ".freshness"))

        go(driver, driver.find_element(By.CSS_SELECTOR, "a.switch"))
        step("switch to English", lang(driver) == "en" and "lang=en" in driver.current_url
             and "Search this catalog" in driver.page_source, driver.current_url)
        go(driver, driver.find_element(By.CSS_SELECTOR, "a.home"))
        step("English stays", lang(driver) == "en" and "Search words" in driver.page_source, driver.current_url)
    finally:
        driver.quit()


PAGES = {
    "search": "/?q=&type=",
    "results": "/?q=Reinraum",
    "entry": entry_path,
    "origin": None,  # filled from the entry page
    "embed": "/embed?limit=5",
    "not-found": "/entries/nobody/nothing",
}


def audit():
    from axe_selenium_python import Axe

    driver = browser(javascript=True)
    try:
        driver.get(base + entry_path)
        PAGES["origin"] = driver.find_element(By.CSS_SELECTOR, ".entry .meta a").get_dom_attribute("href")
        for name, path in PAGES.items():
            driver.get(base + path)
            axe = Axe(driver)
            axe.inject()
            results = axe.run()
            serious = [f"{v['id']} ({v['impact']}): {v['help']}" for v in results["violations"]
                       if v.get("impact") in ("serious", "critical")]
            report["axe"][name] = {"violations": len(results["violations"]), "serious": serious}
            step(f"axe {name}", not serious, "; ".join(serious))
        for width in (390, 1400):
            driver.set_window_size(width, 1000)
            for name in ("results", "entry"):
                driver.get(base + PAGES[name])
                overflow = driver.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                path = os.path.join(shots, f"{name}-{width}.png")
                driver.save_screenshot(path)
                drawn = drawn_fraction(path)
                report["screenshots"][f"{name}-{width}"] = {"path": path, "overflow": overflow, **drawn}
                step(f"screenshot {name} at {width} px",
                     overflow <= 0 and drawn["ink"] > 0.003 and drawn["links"] > 50,
                     json.dumps(drawn) + f" overflow={overflow}")
    finally:
        driver.quit()


def drawn_fraction(path):
    """How much of the screenshot is ink (dark text) and how many pixels have the link colour."""
    width, height, channels, rows = screenshot_check.read_png(path)
    ink = links = 0
    for row in rows:
        for x in range(0, width * channels, channels):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if r < 90 and g < 90 and b < 90:
                ink += 1
            if abs(r - 0x0B) < 40 and abs(g - 0x5C) < 40 and abs(b - 0xAD) < 40:
                links += 1
    return {"width": width, "height": height, "ink": round(ink / (width * height), 4), "links": links}


try:
    browse()
    audit()
except Exception as error:  # a failed step is reported with what was seen so far
    report["failures"].append(f"{type(error).__name__}: {error}")
print(json.dumps(report, indent=1, ensure_ascii=False))
sys.exit(1 if report["failures"] else 0)
