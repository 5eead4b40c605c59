"""The web app's front-end libraries are built into the package when it is built: `pip install .`
runs `npm ci` (web/package-lock.json: pinned, with their hashes) and web/vendor.sh, unless the
files are there already (`make assets`). Without npm the package still builds, with a warning:
`newsevents serve` then says the map's libraries are missing, and the other pages work."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUILT = ROOT / "src" / "newsevents" / "web" / "static" / "vendor" / ".built"


class BuildWithAssets(build_py):
    def run(self) -> None:
        if not BUILT.exists() and (ROOT / "web" / "package-lock.json").exists():
            if shutil.which("npm") is None:
                print("warning: npm is not installed: the map's libraries are left out")
            else:
                subprocess.run(
                    ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                    cwd=ROOT / "web",
                    check=True,
                )
                subprocess.run(["bash", str(ROOT / "web" / "vendor.sh")], check=True)
                BUILT.touch()
        super().run()


setup(cmdclass={"build_py": BuildWithAssets})
