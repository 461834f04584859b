"""mkdocs hooks: the site holds docs/ and also README.md (as the home page), the LLM example's README, the changelog
and the benchmark results, so each page keeps one source that reads well on GitHub and on the site.

Pages are written with links between repository paths (`docs/02-configs.md`, `../examples/llm/README.md`); the
hook maps each such path to the page it becomes on the site. A link to any other repository file is left as it is,
so the strict build reports it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent

# Repository path -> site path, for the pages that live outside docs/.
EXTRA_PAGES = {
    "README.md": "index.md",
    "examples/llm/README.md": "examples/llm.md",
    "CHANGELOG.md": "changelog.md",
}
# Repository folders a page links to, and the site page that stands for each.
FOLDERS = {"docs": "index.md", "benchmarks": "benchmarks.md"}
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _benchmarks_page() -> str:
    parts = [
        "# Benchmark results\n",
        "The tables the scripts of `benchmarks/` printed when `python benchmarks/run_all.py --results` last wrote "
        "`benchmarks/results/` (`tests/docs/test_figures.py` checks the figures the docs quote against them).\n",
    ]
    for path in sorted((ROOT / "benchmarks" / "results").glob("*.txt")):
        parts.append(f"## {path.stem}\n\n```text\n{path.read_text(encoding='utf-8').rstrip()}\n```\n")
    return "\n".join(parts)


def on_files(files: Files, config: Any) -> Files:
    for repo_path, site_path in EXTRA_PAGES.items():
        content = (ROOT / repo_path).read_text(encoding="utf-8")
        files.append(File.generated(config, site_path, content=content))
    files.append(File.generated(config, "benchmarks.md", content=_benchmarks_page()))
    return files


def _repo_path(site_path: str) -> str:
    for repo, site in EXTRA_PAGES.items():
        if site == site_path:
            return repo
    return f"docs/{site_path}"


def _site_path(repo_path: str) -> str | None:
    if repo_path in EXTRA_PAGES:
        return EXTRA_PAGES[repo_path]
    if repo_path in FOLDERS:
        return FOLDERS[repo_path]
    if repo_path.startswith("docs/"):
        return repo_path.removeprefix("docs/")
    return None


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    here_repo = _repo_path(page.file.src_uri)
    here_site = page.file.src_uri

    def relink(match: re.Match[str]) -> str:
        target = match.group(1)
        if target.startswith(("#", "http://", "https://", "mailto:")):
            return match.group(0)
        path, _, anchor = target.partition("#")
        repo_target = posixpath.normpath(posixpath.join(posixpath.dirname(here_repo), path))
        site_target = _site_path(repo_target)
        if site_target is None:
            return match.group(0)
        relative = posixpath.relpath(site_target, posixpath.dirname(here_site) or ".")
        return f"]({relative}{'#' + anchor if anchor else ''})"

    return LINK.sub(relink, markdown)
