"""The release a process runs: the part of every shared cache key that a deploy changes.

Pages are cached under the content version, which only a publish changes; a deploy that changes
only a template, a view or a stylesheet would otherwise serve the old HTML until it expired. The
release is ``RELEASE`` from the environment (a build may set it to its commit), or else a digest
of everything a page is rendered from: the code, the templates, the static sources and the
translations, so every process of one release, on any machine, names the same keys.
"""

import hashlib
import os
from pathlib import Path

RENDERED_FROM = (".py", ".html", ".txt", ".css", ".js", ".svg", ".mo")
SKIPPED = {".venv", ".git", "tests", "bench", "node_modules", "media", "staticfiles", "__pycache__"}


def rendered_from(root):
    """The files a page is rendered from, in a stable order."""
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED]
        found += [Path(folder, name) for name in files if name.endswith(RENDERED_FROM)]
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def release_digest(root):
    digest = hashlib.sha256()
    for path in rendered_from(Path(root)):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
