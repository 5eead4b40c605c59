"""The README opens with the two commands that do all the set-up, and the Makefile has them."""

import re

from conftest import ROOT


def test_readme_opens_with_make_run_and_make_test() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```\n(.*?)```", readme, re.S)
    assert block is not None, "the README must open with a code block of commands"
    assert readme.index(block.group(0)) < readme.index("newsevents reads")
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make run", "make test"]


def test_readme_commands_are_makefile_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    assert {"run", "test", "eval", "bench"} <= targets
    run_recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert run_recipe is not None
    assert "examples/" in run_recipe.group(1)
    # It ends by saying how to open the app.
    last = run_recipe.group(1).strip().splitlines()[-1]
    assert "newsevents serve" in last


def test_readme_shows_the_app_and_its_screenshots_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "newsevents serve" in readme
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert images, "the README shows a screenshot of the app"
    for image in images:
        assert (ROOT / image).is_file(), image


def test_ci_runs_the_tests_and_the_gate() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    assert "make eval" in ci
    assert "make browser" in ci
