"""The compiled templates kept beside the templates: the same text as compiling afresh, never stale."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import jinja2
import pytest

from generator.emit.template_cache import cache_folder, compiled_templates


def _environment(folder: Path) -> jinja2.Environment:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), trim_blocks=True, keep_trailing_newline=True)
    environment.bytecode_cache = compiled_templates(environment, folder)
    return environment


@pytest.fixture
def writes_bytecode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", None)


def test_a_template_is_compiled_once_and_then_read_back(tmp_path: Path, writes_bytecode: None) -> None:
    (tmp_path / "page.j2").write_text("{% for x in items %}<{{ x }}>{% endfor %}\n", encoding="utf-8")
    first = _environment(tmp_path).get_template("page.j2").render(items=[1, 2])
    cached = list(cache_folder(tmp_path).iterdir())
    assert len(cached) == 1
    # A new environment (a new run) loads the compiled code instead of compiling.
    environment = _environment(tmp_path)
    environment.compile = None  # type: ignore[method-assign,assignment]
    assert environment.get_template("page.j2").render(items=[1, 2]) == first == "<1><2>"


def test_an_edited_template_is_compiled_afresh(tmp_path: Path, writes_bytecode: None) -> None:
    template = tmp_path / "page.j2"
    template.write_text("old {{ x }}\n", encoding="utf-8")
    assert _environment(tmp_path).get_template("page.j2").render(x=1) == "old 1\n"
    stat = template.stat()
    template.write_text("new {{ x }}\n", encoding="utf-8")
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same time stamp: only the text tells
    assert _environment(tmp_path).get_template("page.j2").render(x=1) == "new 1\n"


def test_other_settings_do_not_share_compiled_code(tmp_path: Path, writes_bytecode: None) -> None:
    (tmp_path / "page.j2").write_text("{% if true %}\nx\n{% endif %}\n", encoding="utf-8")
    trimmed = _environment(tmp_path).get_template("page.j2").render()
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), keep_trailing_newline=True)
    environment.bytecode_cache = compiled_templates(environment, tmp_path)
    assert (trimmed, environment.get_template("page.j2").render()) == ("x\n", "\nx\n\n")


def test_nothing_is_written_without_bytecode_or_where_the_folder_is_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.j2").write_text("{{ x }}\n", encoding="utf-8")
    monkeypatch.setattr(sys, "pycache_prefix", None)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert _environment(tmp_path).get_template("page.j2").render(x=1) == "1\n"
    assert not cache_folder(tmp_path).exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    cache_folder(tmp_path).write_text("a file where the folder would be", encoding="utf-8")
    assert _environment(tmp_path).get_template("page.j2").render(x=2) == "2\n"


def test_the_folder_follows_the_pycache_prefix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "prefix"))
    folder = cache_folder(tmp_path / "templates")
    assert folder.is_relative_to(tmp_path / "prefix") and folder.name == "templates"
