"""Every key the site keeps in Django's caches, and how it is cleared, is in one module
(``core.caching``): no other module of ours imports ``django.core.cache``."""

import ast
import os
from pathlib import Path

from tests.helpers import PROJECT_DIR

CACHE_MODULE = "core/caching.py"
NOT_SITE_CODE = {".venv", ".git", "tests", "bench", "migrations", "node_modules"}


def python_files(root):
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in NOT_SITE_CODE]
        found += [Path(folder, name) for name in files if name.endswith(".py")]
    return found


def imports_the_cache(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django.core.cache"):
            return True
        if isinstance(node, ast.Import) and any(
            alias.name.startswith("django.core.cache") for alias in node.names
        ):
            return True
    return False


def cache_importers(root):
    """The site's modules (paths from ``root``) that import Django's caches."""
    return sorted(
        path.relative_to(root).as_posix()
        for path in python_files(root)
        if imports_the_cache(ast.parse(path.read_text(), filename=str(path)))
    )


def test_only_the_cache_module_imports_djangos_caches():
    assert cache_importers(PROJECT_DIR) == [CACHE_MODULE]


def test_the_sweep_finds_a_module_that_imports_the_cache(tmp_path):
    (tmp_path / "core").mkdir()
    (tmp_path / CACHE_MODULE).write_text("from django.core.cache import cache\n")
    (tmp_path / "triage").mkdir()
    (tmp_path / "triage" / "views.py").write_text("import django.core.cache\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text("from django.core.cache import caches\n")

    assert cache_importers(tmp_path) == [CACHE_MODULE, "triage/views.py"]
