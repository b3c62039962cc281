"""A spec in many files (tests/fixtures/multifile/, Redocly's layout): path items and Operation
objects that are `$ref`s into other files, schemas and parameters shared from others.

Each file is read and parsed once per run, however many `$ref`s lead into it, and an
error inside one of them names that file and its own line.
"""

from __future__ import annotations

import inspect
import shutil
from collections import Counter
from importlib import import_module
from pathlib import Path

import pytest

from conftest import import_package, run_cli
from test_cli import ERROR_LINE, cli_env

MULTIFILE = Path(__file__).resolve().parent / "fixtures" / "multifile"
FILES = sorted(p.relative_to(MULTIFILE).as_posix() for p in MULTIFILE.rglob("*.yaml"))


def test_the_fixture_spans_several_files_with_operation_refs() -> None:
    assert len(FILES) >= 5
    operation_refs = [line for line in (MULTIFILE / "openapi.yaml").read_text().splitlines() if "$ref: operations/" in line]
    assert len(operation_refs) == 2  # Operation objects that are `$ref`s, beside a path item that is one


def test_operation_refs_across_files_are_followed(tmp_path: Path) -> None:
    done = run_cli("generate", str(MULTIFILE / "openapi.yaml"), "--output", str(tmp_path / "out"), env=cli_env())
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # a `$ref` on an Operation object is no defect: it is followed
    package = import_package(tmp_path / "out", "shelf")
    client = import_module("shelf.client")
    methods = {name: inspect.signature(fn) for name, fn in inspect.getmembers(client.BooksResource, inspect.isfunction)}
    assert {"list_books", "create_book", "get_book", "delete_book"} <= set(methods)
    assert list(methods["get_book"].parameters)[1] == "id"  # the shared path parameter, from parameters.yaml
    # The shared query parameter, from parameters.yaml: its default is documented, and left to the server.
    assert "limit: The server's default: ``20``." in (client.BooksResource.list_books.__doc__ or "")
    book = package.models.Book.from_dict({"id": "b1", "title": "Emma", "author": {"name": "Austen"}})
    assert book.author.name == "Austen"  # a `$ref` inside the shared schemas file, relative to it


def test_each_file_is_read_and_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.config import Job
    from generator.document import load as load_module
    from generator.openapi.validate import validate
    from generator.pipeline import generate_files

    reads: Counter[str] = Counter()
    parses: Counter[str] = Counter()
    read_text, parse = load_module.read_text, load_module.parse

    def counting_read(uri: str) -> str:
        reads[uri] += 1
        return read_text(uri)

    def counting_parse(text: str, uri: str) -> object:
        parses[uri] += 1
        return parse(text, uri)

    monkeypatch.setattr(load_module, "read_text", counting_read)
    monkeypatch.setattr(load_module, "parse", counting_parse)
    monkeypatch.setenv("SDKWRIGHT_NO_CACHE", "1")
    result = generate_files(Job(str(MULTIFILE / "openapi.yaml"), tmp_path / "out", "shelf"))
    assert result.warnings == ()
    expected = {(MULTIFILE / name).resolve().as_uri(): 1 for name in FILES}
    assert dict(reads) == expected
    assert dict(parses) == expected

    # The validator (in a process of its own during generation) reads through the same store.
    root = load_module.load(str(MULTIFILE / "openapi.yaml"))
    store = load_module.Documents(root)
    store.load_referenced()
    before = (dict(reads), dict(parses))
    assert validate(root, documents=store) == []
    assert (dict(reads), dict(parses)) == before


def test_an_error_inside_another_file_names_that_file_and_its_line(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(MULTIFILE, spec)
    operation = spec / "operations" / "get_book.yaml"
    operation.write_text(operation.read_text().replace("schemas.yaml#/Book", "schemas.yaml#/Missing"))
    line = 1 + operation.read_text().splitlines().index("          $ref: ../components/schemas.yaml#/Missing")
    done = run_cli("generate", "openapi.yaml", "--output", "out", cwd=spec, env=cli_env())
    assert done.returncode == 2, done.stderr
    (error,) = done.stderr.splitlines()
    match = ERROR_LINE.match(error)
    assert match is not None, error
    assert (match["file"], match["line"], match["pointer"]) == (
        "operations/get_book.yaml",
        str(line),
        "#/responses/200/content/application~1json/schema/$ref",
    ), error
    assert "unresolvable $ref '../components/schemas.yaml#/Missing'" in match["message"]

    # A schema defect inside the shared schemas file is named there too.
    shutil.copyfile(MULTIFILE / "operations" / "get_book.yaml", operation)
    schemas = spec / "components" / "schemas.yaml"
    schemas.write_text(schemas.read_text().replace("    title:\n      type: string", "    title:\n      type: strin", 1))
    done = run_cli("generate", "openapi.yaml", "--output", "out", cwd=spec, env=cli_env())
    assert done.returncode == 2, done.stderr
    match = ERROR_LINE.match(done.stderr.strip())
    assert match is not None, done.stderr
    assert (match["file"], match["line"], match["pointer"]) == ("components/schemas.yaml", "8", "#/Book/properties/title/type")
