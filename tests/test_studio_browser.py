"""An annotator's view, in a real browser: headless Chromium from Debian's `chromium` package, driven by
Playwright's Python API (never a downloaded browser). The annotator logs in, opens a pushed task, sees the
text, the target and the stance choices, selects the pronoun source "He", finds whom the machine took it for in
the source's name field and types a corrected name over it, picks a stance and submits; `builder studio pull`
then returns it with the name.

The screenshots of the task and of the selected source are kept in pytest's temporary folder (printed with `-s`,
kept for the last runs).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from label_studio_sdk import LabelStudio

from builder.records import Annotation, AnnotationStatus, Stance
from builder.studio.config import FROM_SOURCE_NAME, SOURCE_NAME_PROMPT
from builder.studio.pull import LEDGER_FILE
from tests import studio_support
from tests.paths import REPO
from tests.test_studio_push_pull import TARGETS, token_for

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

studio = studio_support.studio


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: `apt-get install chromium` (scripts/test.sh installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return CHROMIUM


def _cli(*args: str, url: str, token: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": token}
    command = [sys.executable, "-m", "builder.cli", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, check=False, timeout=300)


def test_an_annotator_labels_a_pushed_task_in_the_browser(chromium, studio, tmp_path):
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    url, token = studio_support.require_studio()
    project = f"test browser {uuid.uuid4().hex[:8]}"
    ingested = _cli(
        "ingest", "samples", "--out", str(tmp_path / "out"), "--targets", str(TARGETS), url=url, token=token
    )
    assert ingested.returncode == 0, ingested.stderr
    pushed = _cli(
        "studio",
        "push",
        str(tmp_path / "out" / "documents.jsonl"),
        "--project",
        project,
        "--targets",
        str(TARGETS),
        url=url,
        token=token,
    )
    assert pushed.returncode == 0, pushed.stderr
    [found] = [p for p in studio.projects.list(title=project) if p.title == project]
    try:
        # The first task: the Putin–Trump call, whose "He stressed again ..." the extractor took for Zelensky's.
        task = next(iter(studio.tasks.list(project=found.id, fields="task_only", include="id,data")))
        [prediction] = studio.predictions.list(task=task.id)
        [(region, guess)] = [
            (item["id"], item["value"]["text"]) for item in prediction.result if item["type"] == "textarea"
        ]
        [pronoun] = [
            item["value"]["text"] for item in prediction.result if item.get("id") == region and item["type"] == "labels"
        ]
        assert (pronoun, guess) == ("He", ["Volodymyr Zelensky"])
        corrected = "Volodymyr Zelenskyy"
        email, password = f"annotator-ui-{uuid.uuid4().hex[:6]}@example.com", "password-ui-123"
        annotator = LabelStudio(base_url=url, api_key=token_for(url, email, password))
        screenshot, speaker_shot = tmp_path / "task.png", tmp_path / "speaker.png"

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{url}/user/login/")
            page.fill("input[name=email]", email)
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            page.wait_for_url(lambda address: "/user/login" not in address)
            page.goto(f"{url}/projects/{found.id}/data?task={task.id}")
            for shown in ("target_text", "target_description", "title"):
                page.get_by_text(task.data[shown], exact=True).filter(visible=True).first.wait_for(timeout=60_000)
            page.get_by_text(task.data["text"][:40]).filter(visible=True).first.wait_for(timeout=5_000)
            for stance in Stance:
                assert page.locator(f"input[type=radio][name='{stance.value}']").count() >= 1
            page.screenshot(path=str(screenshot))
            print(f"screenshot: {screenshot}")
            # Selecting the source shows its name field, under its prompt, holding the machine's guess.
            prompt = page.get_by_text(SOURCE_NAME_PROMPT, exact=True)
            assert not prompt.is_visible()
            highlights = page.locator("span.htx-highlight").filter(has_text=re.compile(rf"^{re.escape(pronoun)}$"))
            highlights.first.scroll_into_view_if_needed()
            highlights.first.click()
            prompt.filter(visible=True).first.wait_for(timeout=5_000)
            guessed = page.locator(f"input[value='{guess[0]}']").filter(visible=True)
            guessed.first.wait_for(timeout=5_000)
            name_field = guessed.first.element_handle()  # the selector stops matching once the name is changed
            name_field.evaluate("field => field.scrollIntoView({block: 'center'})")
            page.screenshot(path=str(speaker_shot))
            print(f"screenshot: {speaker_shot}")
            name_field.fill(corrected)
            name_field.press("Enter")  # the field keeps its text when it loses focus (Enter blurs it)
            page.locator("label:has(input[name='AGAINST'])").first.click()
            page.get_by_role("button", name="Submit").click()
            deadline = time.monotonic() + 30
            while not annotator.annotations.list(id=task.id) and time.monotonic() < deadline:
                time.sleep(0.5)
            browser.close()
        assert screenshot.stat().st_size > 10_000
        assert speaker_shot.stat().st_size > 10_000
        [submitted] = annotator.annotations.list(id=task.id)
        [named] = [item for item in submitted.result if item["type"] == "textarea"]
        # As a push writes a pre-filled name: the source region's id, its offsets, the field's lines as `text`.
        assert (named["id"], named["from_name"], named["value"]["text"]) == (region, FROM_SOURCE_NAME, [corrected])

        pulled = _cli(
            "studio", "pull", "--project", project, "--out", str(tmp_path / "annotations"), url=url, token=token
        )
        assert pulled.returncode == 0, pulled.stderr
        lines = (tmp_path / "annotations" / LEDGER_FILE).read_text(encoding="utf-8").splitlines()
        [record] = [Annotation.model_validate_json(line) for line in lines]
        assert record.task_key == task.data["task_key"]
        assert record.status is AnnotationStatus.submitted
        assert record.labels is not None
        assert record.labels.stance is Stance.AGAINST
        assert record.labels.claims, "the pre-annotated claims the annotator kept"
        assert {(a["text"], a.get("name")) for a in record.labels.attributions if a["role"].value == "source"} >= {
            (pronoun, corrected)
        }
        assert record.prediction_model_version == task.data["extractor_version"]
        assert record.lead_time_seconds is not None
    finally:
        studio.projects.delete(id=found.id)
