"""Build hook: the built front end (``frontend/dist``) goes into the package.

It lands in ``api/static/frontend``.

Everything else is declared in pyproject.toml. In a checkout the app serves ``frontend/dist``
directly; an installed copy (a wheel, ``pip install .``, the Docker image) has no checkout
beside it, so the page travels inside the package (see ``api.settings.default_frontend_dir``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

FRONTEND_DIST = Path(__file__).resolve().parent / "frontend" / "dist"


class BuildPyWithFrontend(build_py):
    """``build_py`` that also copies the built front end into the package, when there is one."""

    def run(self) -> None:
        super().run()
        # An editable install serves frontend/dist from the checkout itself.
        if getattr(self, "editable_mode", False):
            return
        if not (FRONTEND_DIST / "index.html").is_file():
            print("warning: frontend/dist is not built (make frontend); the package has no map")
            return
        target = Path(self.build_lib) / "api" / "static" / "frontend"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(FRONTEND_DIST, target)


setup(cmdclass={"build_py": BuildPyWithFrontend})
