"""Allocation of one name space: every claim gets a distinct name, independent of claim order."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.naming.lock import Key
from generator.naming.words import stable_suffix

K = TypeVar("K", bound=Hashable)


# Not frozen: a whole API makes some 65,000 claims, and a frozen dataclass sets each field
# through `object.__setattr__` (three times the cost); nothing changes a claim once made.
@dataclass(slots=True)
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
    fixed = {claim.key: kept[claim.key] for claim in claims if claim.key in kept} if kept else {}
    if fixed:
        rest = [claim for claim in claims if claim.key not in fixed]
        return {**fixed, **allocate(rest, {*reserved, *fixed.values()})}
    reserved_set = frozenset(reserved)
    firsts = [claim.candidates[0] for claim in claims]
    if len(set(firsts)) == len(firsts) and reserved_set.isdisjoint(firsts):
        return {claim.key: first for claim, first in zip(claims, firsts)}  # no collision: each has its first wish
    # Claims by position: keys may be tuples, hashed anew at every lookup.
    level = [0] * len(claims)
    last: dict[int, str] = {}  # the fallback of a claim that reached it (computed when needed)

    def current(i: int) -> str:
        candidates = claims[i].candidates
        if level[i] < len(candidates):
            return candidates[level[i]]
        if i not in last:
            last[i] = _last_resort(claims[i])
        return last[i]

    def cornered(i: int) -> bool:  # the next candidate is only a fallback
        return level[i] >= len(claims[i].candidates) - 2

    holders: dict[str, list[int]] = defaultdict(list)  # name -> the claims at it, in claim order
    for i in range(len(claims)):
        holders[current(i)].append(i)
    # Each round looks again only at the names claims left or reached in the round before: a
    # name whose claims stayed as they were keeps its verdict (nobody moves).
    pending: Iterable[str] = list(holders)
    while pending:
        moves: list[tuple[int, str]] = []
        for name in pending:
            group = holders[name]
            if not group or len(group) == 1 and name not in reserved_set:
                continue
            keeper = None
            if name not in reserved_set:
                owned = [i for i in group if claims[i].owned]
                stated = [i for i in group if claims[i].explicit and level[i] == 0]
                stuck = [i for i in group if cornered(i)]
                nearest = min(level[i] for i in group)
                preferring = [i for i in group if level[i] == nearest]
                if owned:
                    keeper = owned[0] if len(owned) == 1 else None
                elif stated:
                    keeper = stated[0] if len(stated) == 1 else None
                elif stuck:
                    # Only a digest is left to it: it keeps the name, and of several, the one
                    # nearest the document's root (shortest key: a schema before those inside it).
                    keeper = min(stuck, key=lambda i: (len(key_text(claims[i].key)), key_text(claims[i].key)))
                elif len(preferring) == 1:
                    keeper = preferring[0]  # the name is its first wish and a later one of the others'

            for i in group:
                if i == keeper or level[i] >= len(claims[i].candidates):
                    continue
                level[i] += 1
                moves.append((i, name))
        touched: set[str] = set()
        for i, left in moves:
            holders[left].remove(i)
            reached = current(i)
            bisect.insort(holders[reached], i)
            touched.update((left, reached))
        pending = touched
    return {claims[i].key: current(i) for i in range(len(claims))}
