"""The pages of `newsevents serve` in a real headless Chromium (Debian's chromium and
chromium-driver, driven by selenium; `make browser` installs them).

The store holds the example reports, coded as `make run` codes them, and one hostile report
whose text carries a script, an onerror handler and a javascript: link. The server runs in
this process on 127.0.0.1. A screenshot of each page is written to the folder the run prints
at its end (screenshots/ at the top of the repository).

`make test` sets NEWSEVENTS_REQUIRE_BROWSER, so there a missing Chromium fails the run;
elsewhere these tests are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.store import Store
from newsevents.web.app import create_app
from test_api import hostile_doc, hostile_event

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "screenshots"
TOKEN = "browser-test-token-0123456789abcdef"
WAIT = 30  # seconds a page may take to become what a test waits for

pytestmark = pytest.mark.slow


def _missing() -> str | None:
    for tool in ("chromium", "chromedriver"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (make browser: Debian's chromium and chromium-driver)"
    return None


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    missing = _missing()
    if missing:
        if os.environ.get("NEWSEVENTS_REQUIRE_BROWSER"):
            pytest.fail(missing)
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    # Headless, and no calls home: this machine's network is closed to all but loopback.
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    service = Service(shutil.which("chromedriver") or "chromedriver")
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_page_load_timeout(WAIT)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """The example reports and a hostile one in a store, served on a free loopback port."""
    import uvicorn

    db = tmp_path_factory.mktemp("served") / "news.db"
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "examples"), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    store = Store(str(db))
    store.add(hostile_doc(), [hostile_event()])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(store, TOKEN, reviewer="browser"),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    uvi = uvicorn.Server(config)
    thread = threading.Thread(target=uvi.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not uvi.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    uvi.should_exit = True
    thread.join(timeout=WAIT)
    store.close()


def shot(browser: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1280, min(max(int(height) + 40, 800), 4000))
    browser.save_screenshot(str(SHOTS / f"{name}.png"))
    browser.set_window_size(1280, 1000)


def wait_for(browser: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT).until(condition)


def map_ready(browser: Any) -> int:
    """Open state of the map once it has drawn its incidents: how many it drew."""
    from selenium.webdriver.common.by import By

    element = browser.find_element(By.ID, "map")
    wait_for(browser, lambda _: element.get_attribute("data-state") in ("ready", "failed"))
    assert element.get_attribute("data-state") == "ready"
    return int(element.get_attribute("data-markers"))


def on_map(browser: Any) -> int:
    """Incidents the map shows: single circles plus the counts on clusters."""
    from selenium.webdriver.common.by import By

    circles = browser.find_elements(By.CSS_SELECTOR, "path.incident-marker")
    clusters = browser.find_elements(By.CSS_SELECTOR, ".marker-cluster span")
    return len(circles) + sum(int(c.text) for c in clusters)


def incident_of(store: Store, location: str) -> str:
    return str(next(r["event_id"] for r in store.incidents() if r["location"] == location))


def test_the_map_shows_the_example_incidents(driver: Any, server: tuple[str, Store]) -> None:
    base, store = server
    placed = [r for r in store.incidents() if r["latitude"] is not None]
    assert len(placed) >= 6
    driver.get(base + "/")
    assert map_ready(driver) == len(placed)
    wait_for(driver, lambda b: on_map(b) == len(placed))
    shot(driver, "map")


def test_filtering_by_type_changes_the_table_and_the_map(
    driver: Any, server: tuple[str, Store]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, store = server
    driver.get(base + "/table")
    rows = driver.find_elements(By.CSS_SELECTOR, "#incidents tbody tr")
    assert len(rows) == len(list(store.incidents()))
    Select(driver.find_element(By.ID, "filter-type")).select_by_value("Protests")
    driver.find_element(By.ID, "apply").click()
    wait_for(driver, lambda b: "type=Protests" in b.current_url)
    rows = driver.find_elements(By.CSS_SELECTOR, "#incidents tbody tr")
    protests = [r for r in store.incidents() if r["event_type"] == "Protests"]
    assert 0 < len(rows) == len(protests) < len(list(store.incidents()))
    assert {r.get_attribute("data-type") for r in rows} == {"Protests"}
    shot(driver, "table")
    # The same filter goes with the view to the map: its address holds it.
    driver.find_element(By.LINK_TEXT, "Map").click()
    wait_for(driver, lambda b: "type=Protests" in b.current_url)
    assert map_ready(driver) == len(protests)


def test_the_timeline_draws_incidents_per_day_by_type(
    driver: Any, server: tuple[str, Store]
) -> None:
    from selenium.webdriver.common.by import By

    base, store = server
    driver.get(base + "/timeline")
    bars = driver.find_elements(By.CSS_SELECTOR, "#timeline rect")
    assert bars
    drawn = {b.get_attribute("data-type") for b in bars}
    assert drawn == {r["event_type"] for r in store.incidents() if r["event_date"]}
    shot(driver, "timeline")


def test_the_incident_page_highlights_the_evidence(driver: Any, server: tuple[str, Store]) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    base, store = server
    driver.get(f"{base}/incidents/{incident_of(store, 'Gusau')}")
    marks = driver.find_elements(By.CSS_SELECTOR, "mark.evidence")
    fields = {f for m in marks for f in m.get_attribute("data-fields").split(", ")}
    assert {"fatalities", "location", "event_date"} <= fields
    killed = next(m for m in marks if "fatalities" in m.get_attribute("data-fields"))
    assert "seven" in killed.text
    # Hovering shows which fields the quote supports.
    ActionChains(driver).move_to_element(killed).perform()
    after = driver.execute_script(
        "return getComputedStyle(arguments[0], '::after').content", killed
    )
    assert "evidence for:" in after
    assert "fatalities" in after
    assert driver.find_element(By.ID, "figures").text.count("police") >= 1
    shot(driver, "incident")


def test_accepting_an_event_with_the_token_shows_in_the_audit_trail(
    driver: Any, server: tuple[str, Store]
) -> None:
    from selenium.webdriver.common.by import By

    base, store = server
    page = f"{base}/incidents/{incident_of(store, 'Jalalabad')}"
    driver.get(page)
    assert driver.find_element(By.ID, "status").text == "machine"
    driver.find_element(By.ID, "token").send_keys("not-the-token")
    driver.find_element(By.ID, "accept").click()
    result = driver.find_element(By.ID, "review-result")
    wait_for(driver, lambda _: "token is wrong" in result.text)
    assert driver.find_elements(By.ID, "audit-empty")

    token = driver.find_element(By.ID, "token")
    token.clear()
    token.send_keys(TOKEN)
    driver.find_element(By.ID, "reason").send_keys("checked against the ministry's statement")
    driver.find_element(By.ID, "accept").click()
    wait_for(driver, lambda b: b.find_elements(By.ID, "audit"))
    assert driver.find_element(By.ID, "status").text == "reviewed"
    trail = driver.find_element(By.ID, "audit").text
    assert "accept" in trail
    assert "browser" in trail
    assert "checked against the ministry's statement" in trail
    shot(driver, "incident-reviewed")


def test_a_hostile_report_s_script_does_not_run(driver: Any, server: tuple[str, Store]) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    base, store = server
    suva = incident_of(store, "Suva")
    for path in (f"/incidents/{suva}", "/table", "/?q=suva", "/api/sources/fiji/market.html"):
        driver.get(base + path)
        if "/incidents/" in path:
            wait_for(driver, lambda b: b.find_elements(By.CSS_SELECTOR, "mark.evidence"))
        with pytest.raises(NoAlertPresentException):
            _ = driver.switch_to.alert.text
        assert driver.title != "pwned"
        assert driver.execute_script("return document.body.className") != "pwned"
        assert not driver.find_elements(By.CSS_SELECTOR, "img[src='x']")
    driver.get(base + f"/incidents/{suva}")
    text = driver.find_element(By.CSS_SELECTOR, ".source .text").text
    assert "<script>document.title='pwned'</script>" in text  # shown as the words it is
    links = [a.get_attribute("href") or "" for a in driver.find_elements(By.TAG_NAME, "a")]
    assert not any(h.startswith("javascript:") for h in links)
    shot(driver, "hostile")


def test_the_api_docs_page(driver: Any, server: tuple[str, Store]) -> None:
    from selenium.webdriver.common.by import By

    base, _ = server
    driver.get(base + "/docs")
    titles = [h.text for h in driver.find_elements(By.CSS_SELECTOR, ".endpoint h2")]
    assert "GET /api/incidents" in titles
    shot(driver, "docs")
