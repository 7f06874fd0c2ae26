"""Stage 6, resolve: rule matches, people and organisations to the article's records.

Overlapping rule matches are settled (priority, then longest, then earliest;
an `ignore` rule that wins removes the others), then people and organisations
are found on Kiwi's tokens, and everything becomes record dicts sorted by offset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from extract import lexicon
from extract.entities import candidates as proposals
from extract.entities import organisations, people
from extract.rules import Candidate, RuleSet, resolve
from extract.segment import Paragraph


def _mention(body: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": body[start:end]}


# Rules run over chunks of whole paragraphs (at most CHUNK characters, or one longer
# paragraph), so a rule that times out loses only that chunk's matches. Paragraph breaks
# inside a chunk are masked with a character no rule can match (same length, so offsets
# hold): no match crosses a paragraph.
_BREAK, _MASK = "\n\n", "\x00\x00"
CHUNK = 10_000


def chunks(body: str) -> list[tuple[int, int, int, int]]:
    """(start, end, first paragraph, last paragraph) of each chunk of the body (paragraphs counted from 1)."""
    found: list[tuple[int, int, int, int]] = []
    start = 0
    for number, text in enumerate(body.split(_BREAK), start=1):
        end = start + len(text)
        if found and end - found[-1][0] <= CHUNK:
            found[-1] = (found[-1][0], end, found[-1][2], number)
        else:
            found.append((start, end, number, number))
        start = end + len(_BREAK)
    return found


def match_rules(body: str, ruleset: RuleSet, reference: dt.date | None, *,
                stop: Callable[[], bool] | None = None) -> tuple[list[Candidate], list[str]]:
    """Stage 5: every rule's matches in the body, none across a paragraph break (`stop`: see RuleSet.candidates)."""
    candidates: list[Candidate] = []
    warnings: list[str] = []
    for start, end, first, last in chunks(body):
        where = f"paragraph {first}" if first == last else f"paragraphs {first}-{last}"
        found, notes = ruleset.candidates(body[start:end].replace(_BREAK, _MASK), reference,
                                          where=f"{where} (characters {start}-{end})", stop=stop, offset=start)
        warnings.extend(notes)
        candidates.extend(c for c in found if "\x00" not in c.text)
    return candidates, warnings


def records(body: str, paragraphs: list[Paragraph], candidates: list[Candidate],
            lex: lexicon.Lexicon | None = None) -> tuple[dict[str, list], list[str]]:
    """The article's records; `lex`: the word lists (default the loaded ones)."""
    warnings: list[str] = []
    amounts, dates = [], []
    for cand in resolve(candidates, body):
        warnings.extend(cand.warnings)
        record = {"text": cand.text, **cand.fields, "start": cand.start, "end": cand.end, "rule": cand.rule.id}
        (amounts if cand.rule.type == "amount" else dates).append(record)

    lex = lex or lexicon.load()
    mentions, unsure = people.set_aside_unsure([m for p in paragraphs for m in people.find(p, lex)])
    proposed = proposals.find(body, paragraphs, mentions, lex)
    mentions += people.plausible(proposed.people, paragraphs, lex, mentions)
    mentions += people.members(paragraphs, mentions, lex)
    mentions += people.listed_alike(paragraphs, mentions, lex)
    mentions += people.back_references(body, mentions, lex)
    mentions += proposed.unlinked(mentions, lex)
    mentions = people.link_pseudonyms(people.titled_before(mentions, body, lex), lex)
    mentions = people.restore_unsure(people.given_names(mentions, lex), unsure)
    actors, roles = people.played(paragraphs, lex)
    mentions = people.not_roles(mentions + actors, roles, body, lex)
    orgs = organisations.find(body, paragraphs, mentions, lex, proposed.organisations)
    mentions = organisations.not_bodies(mentions, orgs)
    org_names = {o.name for o in orgs}

    persons: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, int]] = set()
    for m in sorted(mentions, key=lambda m: m.start):
        org = organisations.record_name(m.organisation, lex) if m.organisation else None
        org = org if org in org_names else None
        person = persons.setdefault(m.name, {"name": m.name, "title": m.title, "organisation": org, "mentions": []})
        person["organisation"] = person["organisation"] or org
        person["title"] = person["title"] or m.title  # 권경애 …, later 권경애 변호사
        if (m.name, m.start) not in seen:
            seen.add((m.name, m.start))
            person["mentions"].append(_mention(body, m.start, m.end))
    people_records = sorted(persons.values(), key=lambda p: p["mentions"][0]["start"])
    org_records = sorted(
        ({"name": o.name, "kind": o.kind, "aliases": o.aliases,
          "mentions": [_mention(body, s, e) for s, e in sorted(o.mentions)]} for o in orgs),
        key=lambda o: o["mentions"][0]["start"],
    )
    return {"amounts": amounts, "dates": dates, "people": people_records, "organisations": org_records}, warnings
