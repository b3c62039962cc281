"""Allocation of one name space: every claim gets a distinct name, independent of claim order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.naming.lock import Key
from generator.naming.words import stable_suffix

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Claim(Generic[K]):
    """A request for a name: its candidates in order of preference.

    The last candidate is a fallback that carries a digest; `allocate` adds one
    more of its own if even that collides, so every claim ends with a name.
    """

    key: K
    candidates: tuple[str, ...]
    explicit: bool = False
    # The SDK's own class (`ConflictError`): it keeps its one name against every name from the spec.
    owned: bool = False


def key_text(key: Hashable) -> str:
    """A key as text, for digests and for telling the outermost of several claims (the shortest)."""
    return "#".join(key.place) if isinstance(key, Key) else str(key)


def _last_resort(claim: Claim[K]) -> str:
    last = claim.candidates[-1]
    suffix = stable_suffix(key_text(claim.key) + "\0last")
    return f"{last}{suffix.upper()}" if last[:1].isupper() else f"{last}_{suffix}"


def allocate(claims: Sequence[Claim[K]], reserved: Iterable[str] = (), kept: Mapping[K, str] | None = None) -> dict[K, str]:
    """Give every claim a distinct name; see the module docstring for the rule.

    A claim whose key `kept` names (the lock of earlier names, overrides) has
    that name; the others are allocated around them, as if those names were
    reserved. `kept` names must be distinct (`lock.kept_names` makes them so).

    In a collision, a claim keeps the name when it is the SDK's own; else when
    it is the only one for which the name is stated by the spec; else when it
    has no readable candidate left (of several such, the one with the shortest
    key); else when the name is its first candidate and a later one of all the
    others. All the others move on. Nothing depends on claim order.
    """
    fixed = {claim.key: kept[claim.key] for claim in claims if kept and claim.key in kept}
    if fixed:
        rest = [claim for claim in claims if claim.key not in fixed]
        return {**fixed, **allocate(rest, {*reserved, *fixed.values()})}
    reserved_set = frozenset(reserved)
    options = {claim.key: (*claim.candidates, _last_resort(claim)) for claim in claims}
    level = {claim.key: 0 for claim in claims}

    def current(claim: Claim[K]) -> str:
        return options[claim.key][level[claim.key]]

    def cornered(claim: Claim[K]) -> bool:  # the next candidate is only a fallback
        return level[claim.key] >= len(claim.candidates) - 2

    while True:
        holders: dict[str, list[Claim[K]]] = defaultdict(list)
        for claim in claims:
            holders[current(claim)].append(claim)
        moved = False
        for name, group in holders.items():
            if len(group) == 1 and name not in reserved_set:
                continue
            keeper = None
            if name not in reserved_set:
                owned = [c for c in group if c.owned]
                stated = [c for c in group if c.explicit and level[c.key] == 0]
                stuck = [c for c in group if cornered(c)]
                nearest = min(level[c.key] for c in group)
                preferring = [c for c in group if level[c.key] == nearest]
                if owned:
                    keeper = owned[0] if len(owned) == 1 else None
                elif stated:
                    keeper = stated[0] if len(stated) == 1 else None
                elif stuck:
                    # Only a digest is left to it: it keeps the name, and of several, the one
                    # nearest the document's root (shortest key: a schema before those inside it).
                    keeper = min(stuck, key=lambda c: (len(key_text(c.key)), key_text(c.key)))
                elif len(preferring) == 1:
                    keeper = preferring[0]  # the name is its first wish and a later one of the others'

            for claim in group:
                if claim is keeper or level[claim.key] >= len(options[claim.key]) - 1:
                    continue
                level[claim.key] += 1
                moved = True
        if not moved:
            return {claim.key: current(claim) for claim in claims}
