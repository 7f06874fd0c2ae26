"""Score people and organisations against hand labels.

    python tests/entities/score.py       # precision, recall and F1 per type, and every miss

Labels are TSV: text, people, organisations. People are `name/title`
separated by `;` (a title may list accepted forms with `|`; `name/` for none).
Organisations are separated by `;`, each with its accepted names joined by
`|` (서울시|서울특별시). A predicted person is right when its name is labelled;
its title is right when it is one of the labelled forms. A predicted
organisation is right when its name or one of its aliases is an accepted name
of a labelled one.

`seeds.tsv` labels the bodies of the five seeds (the text column names the
seed); `sentences.tsv` holds sentences written in the style of Korean wire news;
`broadcast.tsv` labels eight real broadcast pages of the shared corpus
(../shared/corpus/broadcast/gt/<id>.txt, read from there; labelled by hand before
the tool's output was read), `broadcast2.tsv` ten more and `broadcast3.tsv` eight
more and `broadcast4.tsv` fifteen more, labelled the same way and scored apart.

    python tests/entities/score.py broadcast2.tsv    # one label file only
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from extract import extract_path, extract_text  # noqa: E402
from schemas import Article  # noqa: E402


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    titles_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.titles_right += other.titles_right
        self.misses += other.misses

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Labelled:
    where: str
    text: str
    people: dict[str, set[str]]
    organisations: list[set[str]]


def _split(field_: str) -> list[str]:
    return [part.strip() for part in field_.split(";") if part.strip()]


def read(name: str) -> list[Labelled]:
    items = []
    for number, raw in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = ([*raw.split("\t"), "", ""])[:3]
        people = {}
        for person in _split(cols[1]):
            person_name, _, titles = person.partition("/")
            people[person_name.strip()] = {t.strip() for t in titles.split("|") if t.strip()}
        organisations = [{n.strip() for n in org.split("|")} for org in _split(cols[2])]
        items.append(Labelled(f"{name}:{number}", cols[0], people, organisations))
    return items


def _key(name: str) -> str:
    """Names compare without their spaces: A 씨 = A씨, 존 서플 = 존서플."""
    return name.replace(" ", "")


def score(article: Article, label: Labelled) -> tuple[Counts, Counts]:
    people, orgs = Counts(), Counts()
    predicted = {_key(p.name): p for p in article.people}
    label = Labelled(label.where, label.text, {_key(n): t for n, t in label.people.items()}, label.organisations)
    for name, person in predicted.items():
        if name in label.people:
            people.tp += 1
            wanted = label.people[name]
            if (person.title or "") in wanted or (not wanted and not person.title):
                people.titles_right += 1
            else:
                people.misses.append(f"{label.where}: {name}: title {person.title!r}, labelled {sorted(wanted)}")
        else:
            people.fp += 1
            people.misses.append(f"{label.where}: extra person {name!r} ({person.title})")
    for name in label.people.keys() - predicted.keys():
        people.fn += 1
        people.misses.append(f"{label.where}: missed person {name!r}")
    matched: set[int] = set()
    for org in article.organisations:
        names = {org.name, *org.aliases}
        hits = [i for i, accepted in enumerate(label.organisations) if names & accepted]
        if hits:
            orgs.tp += 1
            matched.update(hits)
        else:
            orgs.fp += 1
            orgs.misses.append(f"{label.where}: extra organisation {org.name!r}")
    for i, accepted in enumerate(label.organisations):
        if i not in matched:
            orgs.fn += 1
            orgs.misses.append(f"{label.where}: missed organisation {'|'.join(sorted(accepted))!r}")
    return people, orgs


BROADCAST = ROOT / ".." / "shared" / "corpus" / "broadcast" / "gt"
BROADCAST_FILES = ("broadcast.tsv", "broadcast2.tsv", "broadcast3.tsv", "broadcast4.tsv")


def run(name: str) -> tuple[Counts, Counts]:
    people, orgs = Counts(), Counts()
    for label in read(name):
        if name == "seeds.tsv":
            article = extract_path(ROOT / "seeds" / label.text)
        elif name in BROADCAST_FILES:  # the page text stays in the shared corpus; only labels live here
            body = (BROADCAST / f"{label.text}.txt").read_text(encoding="utf-8")
            article = extract_text(body, clean=False, published_at="2023-04-20")
        else:
            article = extract_text(label.text, clean=False, published_at="2024-06-03")
        p, o = score(article, label)
        people.add(p)
        orgs.add(o)
    return people, orgs


def report(name: str, people: Counts, orgs: Counts) -> str:
    title_accuracy = people.titles_right / people.tp if people.tp else 1.0
    return (f"{name}: people P {people.precision:.3f} R {people.recall:.3f} F1 {people.f1:.3f} "
            f"(title accuracy {title_accuracy:.3f}); organisations P {orgs.precision:.3f} "
            f"R {orgs.recall:.3f} F1 {orgs.f1:.3f}")


def main() -> None:
    for name in sys.argv[1:] or ("seeds.tsv", "sentences.tsv", *BROADCAST_FILES):
        if not (HERE / name).exists() or (name in BROADCAST_FILES and not BROADCAST.exists()):
            continue
        people, orgs = run(name)
        print(report(name, people, orgs))
        for miss in people.misses + orgs.misses:
            print("   ", miss)


if __name__ == "__main__":
    main()
