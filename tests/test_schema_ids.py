"""JSON Schema `$id`s are base URIs for `$ref` (tests/fixtures/schema_ids.json).

The fixture has the shape of SignalWire's SWML schema (`$id: PlaylistObject.json`
with `$ref: PlaylistObject.json` inside), a relative `$id` on a subschema
(`track.json`) whose own `#/$defs/...` refs resolve against it, and an absolute
one (`https://media.example/schemas/image.json`) referred to by a relative name
inside itself. Every `$ref` resolves into the document, as `referencing` has it
when the document is registered under its URI and crawled.
"""

from __future__ import annotations

from pathlib import Path

from conftest import import_package, run_cli
from generator.document.load import load
from generator.document.resolve import Located, SchemaResolver

IDS = Path(__file__).resolve().parent / "fixtures" / "schema_ids.json"


def test_refs_through_the_root_id_and_subschema_ids_land_in_the_document() -> None:
    document = load(str(IDS))
    resolver = SchemaResolver(document)
    root = Located(document.contents, document.uri, "")
    cases = {
        ("properties", "next"): "",  # the root's own $id
        ("properties", "owner"): "/$defs/Owner",  # the root's $id and a pointer
        ("properties", "tracks", "items"): "/$defs/Track",  # a relative $id on a subschema
        ("$defs", "Track", "properties", "artist"): "/$defs/Track/$defs/Artist",  # `#/...` inside `track.json`: its own $defs
        ("properties", "cover"): "/$defs/Image",  # an absolute $id
        ("$defs", "Image", "properties", "thumbnail"): "/$defs/Image",  # relative to the absolute $id
    }
    for tokens, pointer in cases.items():
        target = resolver.deref(root.child(*tokens))
        assert (target.uri, target.pointer) == (document.uri, pointer), tokens
    assert sorted(resolver.documents) == [document.uri]  # nothing was fetched


def test_the_package_has_the_types_the_ids_name_and_reads_a_document(tmp_path: Path) -> None:
    done = run_cli("generate", str(IDS), "--output", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    package = import_package(tmp_path / "out", "playlist")
    models = package.models
    data = {
        "name": "Road trip",
        "tracks": [{"title": "Holland, 1945", "artist": {"name": "Neutral Milk Hotel"}}],
        "next": {"name": "Side B"},
        "owner": {"handle": "ana"},
        "cover": {"url": "https://img.example/1.png", "thumbnail": {"url": "https://img.example/1s.png"}},
    }
    package.validate(data)
    playlist = models.Playlist.from_dict(data)
    assert isinstance(playlist.tracks[0], models.Track)
    assert isinstance(playlist.tracks[0].artist, models.Artist)
    assert isinstance(playlist.next, models.Playlist) and playlist.next.name == "Side B"
    assert isinstance(playlist.owner, models.Owner)
    assert isinstance(playlist.cover.thumbnail, models.Image)
    assert playlist.to_dict() == data
