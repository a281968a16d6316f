"""Every shell and Python example in the README runs as written, in a fresh folder of tiny posts.

Each block is taken from README.md itself, so an example that stops working fails here. Lines that
cannot run in a test are skipped by a stated rule (SKIPPED below), never silently.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

README = ROOT / "README.md"
#: Shell lines not run here, and why.
SKIPPED = {
    "pip install": "installs the package: the test runs the checkout that is already installed",
    "python -m pytest": "runs this very test suite",
    "--scheduler tcp://": "needs a Dask scheduler at that address",
}

EN = ("---\ntitle: {title}\ndate: {date}\nauthor: Ann Lee\ntags: [mesh]\n---\n\n## Why\n\n"
      "Envoy was built at Lyft because Nginx lacked dynamic configuration. Istio was created in 2017 by Google, "
      "IBM and Lyft. The sidecar proxy intercepts all traffic between services.\n")
ZH = "---\ntitle: 网格\n---\n\n服务网格把重试移出应用代码。Istio 创建于 2017 年，因为团队需要双向 TLS。\n"
SRT = ("1\n00:00:01,000 --> 00:00:04,000\nso today we are going to talk about the service mesh\n\n"
       "2\n00:00:04,000 --> 00:00:08,000\nEnvoy was built at Lyft because Nginx lacked features.\n\n"
       "3\n00:00:08,000 --> 00:00:12,000\nIstio was created in 2017 by Google, IBM and Lyft.\n")
VTT = "WEBVTT\n\n" + SRT.replace(",", ".").replace("1\n00", "00", 1)


def _blocks(kind: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(rf"```{kind}\n(.*?)```", text, flags=re.S)


def _fresh_folder(root: Path) -> None:
    """The files the examples name: post.md, talk.srt/.vtt, bilingual.md, notes.txt, posts/, content/posts/."""
    (root / "post.md").write_text(EN.format(title="Envoy", date="2024-03-01"), encoding="utf-8")
    (root / "bilingual.md").write_text(EN.format(title="Mesh", date="2024-02-01") + "\n" + ZH.split("---\n\n")[1],
                                       encoding="utf-8")
    (root / "notes.txt").write_text("Envoy is a proxy. It was built at Lyft because Nginx lacked features.\n",
                                    encoding="utf-8")
    (root / "talk.srt").write_text(SRT, encoding="utf-8")
    (root / "talk.vtt").write_text(VTT, encoding="utf-8")
    for folder in ("posts", "content/posts", "archive"):
        (root / folder).mkdir(parents=True)
        (root / folder / "a.md").write_text(EN.format(title="Alpha", date="2024-03-01"), encoding="utf-8")
        (root / folder / "b.md").write_text(EN.format(title="Beta", date="2023-05-01"), encoding="utf-8")
    (root / "my-templates").mkdir()
    shutil.copyfile(ROOT / "quizzes" / "en.toml", root / "my-templates" / "mine.toml")
    corpora = root / "corpora"
    corpora.mkdir()
    shutil.copyfile(ROOT / "corpora" / "istiocon-2021-5-key-takeaways.zh.md",
                    corpora / "istiocon-2021-5-key-takeaways.zh.md")


def _env(root: Path) -> dict[str, str]:
    return {**os.environ, "SUMMARIZE_CACHE_DIR": str(root / ".user-cache"), "HOME": str(root)}


def _shell_lines() -> list[str]:
    lines = []
    for block in _blocks("sh"):
        lines += [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return lines


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    _fresh_folder(root)
    if shutil.which("summarize") is None:
        pytest.skip("the summarize console script is not on PATH (pip install -e . installs it)")
    return root


def test_the_readme_has_examples() -> None:
    """The extraction itself works: a change to the fence style must not make this test vacuous."""
    assert len(_shell_lines()) >= 15 and len(_blocks("python")) >= 2


@pytest.mark.parametrize("line", _shell_lines())
def test_shell_example_runs(line: str, folder: Path) -> None:
    command = line.split("  #", 1)[0]  # a trailing comment may mention what the command does not do
    reason = next((why for key, why in SKIPPED.items() if key in command), None)
    if reason:
        pytest.skip(reason)
    if "cat notes.txt" not in line and "dask" in line:
        pytest.importorskip("distributed")
    done = subprocess.run(["bash", "-c", line], cwd=folder, env=_env(folder), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, f"{line}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("index", range(len(_blocks("python"))))
def test_python_example_runs(index: int, folder: Path) -> None:
    block = _blocks("python")[index]
    if "from jinja2" in block:
        pytest.importorskip("jinja2")
    script = folder / f"example_{index}.py"
    script.write_text(block, encoding="utf-8")
    done = subprocess.run([sys.executable, script.name], cwd=folder, env=_env(folder), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    if "build.py" in block:
        assert (folder / "public" / "digest.html").read_text(encoding="utf-8").startswith("<section")
        assert (folder / "public" / "digest.apkg").stat().st_size > 0
