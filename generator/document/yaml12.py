"""The YAML 1.2 core-schema loader the load stage parses YAML documents with (imported only for YAML)."""

from __future__ import annotations

import re
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class SpecLoader(_BaseLoader):
    """A YAML 1.2 core-schema loader: keys stay strings, dates stay strings.

    OpenAPI documents are YAML 1.2, where `on`, `yes` and `2020-01-01` are
    strings, status codes used as keys (`200:`) are names, not numbers, and
    `<<` is an ordinary key (YAML 1.2 has no merge keys).
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:  # type: ignore[override]
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(self.construct_object(key_node))
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


SpecLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
):
    SpecLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _construct_int(loader: SpecLoader, node: yaml.ScalarNode) -> int:
    # YAML 1.2: a leading zero is decimal; 0o and 0x mark octal and hex.
    value = str(node.value)
    return int(value, 0) if value[:2] in ("0o", "0x") else int(value)


SpecLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
SpecLoader.add_constructor("tag:yaml.org,2002:timestamp", SpecLoader.construct_yaml_str)  # type: ignore[type-var]
