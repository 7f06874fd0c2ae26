"""Score the product's amounts and dates against the DT and QT spans of KLUE-NER news sentences.

    python tests/expressions/klue_score.py             # figures per half and for all
    python tests/expressions/klue_score.py --misses    # also every gold span missed, per class
    python tests/expressions/klue_score.py --pipeline  # run extract_text(..., clean=False) instead of the rule stage

Data: `../shared/data/klue-ner/news.jsonl` (1,267 news sentences, KLUE-NER v1.1 dev, CC BY-SA 4.0),
read from the shared data folder next to the repository; nothing of it is copied here.

Split: the 0-based line number of a sentence in news.jsonl decides its half. Even lines
(line % 2 == 0) are the tuning half, odd lines the held-out half; figures are printed for
each half and for all lines. Figures on the tuning half are regression figures, not estimates.

Method: each sentence runs through the rule stage (every amount, date and ignore rule and the
overlap resolution, as the pipeline's match and resolve stages do for one paragraph) with no
reference date: KLUE sentences carry no date, so spans are scored, not resolved values.
Matching is lenient: a gold span is found when a record of the right kind overlaps it; a
date record is right when it overlaps a gold DT span that is not a duration.

The product's conventions against KLUE's:
- Dates. KLUE's DT covers calendar dates and relative dates (5일, 지난해, 이날, 전날), but also
  durations (3년간, 2년 만에, 나흘간, 15일째, 하루, 2년), recurring times (매년, 매주 금요일),
  seasons, eras, holidays and anniversaries (봄, 조선시대, 광복절, 10주년). Durations are not dates
  for the product: gold DT spans are classified by form into `date` (calendar forms),
  `duration` and `other`; recall is reported without durations (the target's definition) and
  on calendar forms only, and a date record over a duration counts against precision.
- Amounts. KLUE's QT covers amounts, but also ages ((32), 84살, 30대), ranks and ordinals
  (1위, 제2차, 세 번째, 1심), scores and sports figures (96점, 3대 1, 2안타) and bare numbers. The
  product records money, counts with a counter, measures and percentages: gold QT spans are
  classified by form into money, count, measure, percent (with 배), age, rank, score and other,
  and recall is reported on the four amount classes. Amount records over ages, ranks and
  scores are counted too: those are amounts the product should not have found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
KLUE = HERE.parents[1] / ".." / "shared" / "data" / "klue-ner" / "news.jsonl"

AMOUNT_CLASSES = ("money", "count", "measure", "percent")
NOT_AMOUNT_CLASSES = ("age", "rank", "score", "other")
DATE_CLASSES = ("date", "duration", "other")

_NATIVE = "하루|이틀|사흘|나흘|닷새|엿새|이레|열흘|보름|스무날|반나절|하룻|반년|반백일|천년"
_DURATION = (
    re.compile(r"(간|동안|만|째)$"),                                     # 5년간, 이틀 동안, 15년 만, 15일째
    re.compile(r"^(약|최소|최대|지난)?(\d{1,3}([~∼-]\d{1,3})?|[한두세네]|몇|수)여?"
               r"(년|개월|달|주|주일|분기|시간)(\d{1,2}(개월|월))?(여|반)?$"),  # 2년, 1년6월, 7개월, 두달, 2~3개월
    re.compile(rf"^({_NATIVE})$"),
    re.compile(r"^(한|두|세|석|네)(달|해)$"),
)
_CALENDAR = re.compile(
    r"\d|이날|오늘|어제|내일|모레|그제|지난해|작년|올해|올|금년|내년|이듬해|재작년|전년|지난달|이달|이번달|"
    r"다음달|내달|전날|전일|다음날|이튿날|당일|지난주|이번주|다음주|내주|요일|"
    rf"({_NATIVE})(전|뒤|후)$")
_OTHER_DATE = re.compile(r"주년|주기|^매|세기|시대|시절|학년|학기|시즌|회말|세\d|월호$|^\d+([~∼-]\d+)?$|년대|"
                         r"어린이날|어버이날|한글날|패전일|식목일|광복절|삼일절|성탄절|동지날")

_MONEY = re.compile(r"(원|원권|원대|달러|엔|유로|파운드|루피|위안|페소|弗)$|[$₩€£¥]|^[\d,.]+(억|조)$")
_PERCENT = re.compile(r"(%|％|퍼센트|%p|%포인트|포인트|배)$")
_MEASURE = re.compile(
    r"(km|m|cm|mm|kg|g|t|톤|미터|킬로미터|ha|m2|㎡|㎢|평|μg/m3|°C|℃|도|배럴|kW|MW|GW|㎾|인치|화소|리터|ℓ|L)$",
    re.IGNORECASE)
_AGE = re.compile(r"(살|세)$|^\d0대(중반|초반|후반)?$|^\d0대?[~∼]\d0대$|십대$|^고\d$")
_RANK = re.compile(r"^제|범인?$|(위|위권|등|등급|번째|째|차|차전|강|호선|호|기|단|급|학년|학번|관왕|라운드|번홀|번지|심|루|루수|범|촌|"
                   r"인자|인방|선|부|성|항|섹션|단형|단독)$|^세션|^파\d|^A\d")
_SCORE = re.compile(r"(점|골|안타|타점|도움|승|패|연승|연패|타|언더파|삼진|세트|경기|전)$|\d+대\d+$|^\d+대\d")
_COUNT = re.compile(
    r"(명|개|곳|건|대|차례|번|회|개국|가지|발|장|마리|세트|가족|칸|세대|가구|표|채|쌍|자녀|딸|모녀|회사|은행|국가|학자|갑|"
    r"개소|편|병|량|줄|갈래|방|폭|사|사람|인|인승|관객|뷰|국|구|집|종|종류|석|척|호|층|권|개사|社|명분|시즌|십대)$")
_TIME = re.compile(r"(시|분|초)(쯤|께)?$|^\d+초\d+$")


def date_class(text: str, before: str = "", after: str = "") -> str:
    """date, duration or other, by the form of a gold DT span (and the words around it: 징역 6월, 9일 만에)."""
    squeezed = text.replace(" ", "")
    if re.search(r"(징역|금고|자격정지|집행유예)\s*$", before) or re.match(r"\s*(만에|만이|만의|동안|간\b|째)", after):
        return "duration"
    if any(p.search(squeezed) for p in _DURATION) and not re.search(r"^\d{4}", squeezed):
        return "duration"
    if re.fullmatch(r"\d{2,3}일", squeezed) and int(squeezed[:-1]) > 31:
        return "duration"
    if re.search(r"\d[.·ᆞ]\d", squeezed):
        return "date"  # a written date (5·18, 8.15 광복절)
    if _OTHER_DATE.search(squeezed):
        return "other"  # including a bare year before a name (2014 브라질 월드컵, 2015-16 프리미어리그)
    return "date" if _CALENDAR.search(squeezed) else "other"


def amount_class(text: str, sentence: str, start: int, end: int) -> str:
    """money, count, measure, percent, age, rank, score or other, by the form of a gold QT span."""
    squeezed = text.replace(" ", "")
    before, after = sentence[max(0, start - 1):start], sentence[end:end + 1]
    if re.fullmatch(r"\(?\d{1,3}\)?", squeezed) and (before == "(" or squeezed.startswith("(")) and \
            (after in (")", ",", "·") or squeezed.endswith(")")):
        return "age"
    if re.fullmatch(r"\d{1,3}", squeezed) and after in ("세", "살"):
        return "age"
    if _MONEY.search(squeezed):
        return "money"
    if _PERCENT.search(squeezed):
        return "percent"
    if _AGE.search(squeezed):
        return "age"
    if squeezed.startswith("제"):
        return "rank"
    if squeezed.endswith("인승"):
        return "count"
    if _SCORE.search(squeezed):
        return "score"
    if _TIME.search(squeezed):
        return "other"
    if _RANK.search(squeezed) and not re.search(r"\d[만천]", squeezed):
        return "rank"
    if _MEASURE.search(squeezed):
        return "measure"
    if _COUNT.search(squeezed):
        return "count"
    return "other"


@dataclass
class Span:
    start: int
    end: int
    text: str
    cls: str = ""


@dataclass
class Sentence:
    line: int
    id: str
    text: str
    dt: list[Span] = field(default_factory=list)
    qt: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)    # the product's
    amounts: list[Span] = field(default_factory=list)  # the product's


def load(path: Path = KLUE) -> list[Sentence]:
    sentences = []
    for line, raw in enumerate(path.read_text(encoding="utf-8").splitlines()):
        record = json.loads(raw)
        text = record["text"]
        sentence = Sentence(line, record["id"], text)
        for entity in record["entities"]:
            span = Span(entity["start"], entity["end"], entity["text"])
            if entity["type"] == "DT":
                span.cls = date_class(span.text, text[max(0, span.start - 8):span.start], text[span.end:span.end + 4])
                sentence.dt.append(span)
            elif entity["type"] == "QT":
                span.cls = amount_class(span.text, text, span.start, span.end)
                sentence.qt.append(span)
        sentences.append(sentence)
    return sentences


def extract_rules(sentences: Iterable[Sentence]) -> None:
    """The rule stage (match and resolve) on each sentence, with no reference date."""
    from extract import rules

    ruleset = rules.load()
    for sentence in sentences:
        found, _ = ruleset.candidates(sentence.text, None)
        for winner in rules.resolve(found):
            span = Span(winner.start, winner.end, winner.text)
            (sentence.dates if winner.rule.type == "date" else sentence.amounts).append(span)


def extract_pipeline(sentences: Iterable[Sentence]) -> None:
    """extract_text(..., clean=False) on each sentence; a sentence whose body differs from its text gets no
    records (it is named on stderr)."""
    from extract import extract_text

    for sentence in sentences:
        article = extract_text(sentence.text, clean=False)
        if article.body != sentence.text:
            print(f"line {sentence.line}: the body differs from the sentence; no records", file=sys.stderr)
            continue
        sentence.dates = [Span(d.start, d.end, d.text) for d in article.dates]
        sentence.amounts = [Span(a.start, a.end, a.text) for a in article.amounts]


def _overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)


@dataclass
class Figures:
    dt: Counter = field(default_factory=Counter)          # gold DT per class
    dt_found: Counter = field(default_factory=Counter)    # ... overlapped by a date record
    dates: int = 0                                        # date records
    dates_right: int = 0                                  # ... over a gold DT that is not a duration
    dates_on_durations: int = 0
    qt: Counter = field(default_factory=Counter)
    qt_found: Counter = field(default_factory=Counter)    # ... overlapped by an amount record
    missed_dt: list[tuple[Sentence, Span]] = field(default_factory=list)
    missed_qt: list[tuple[Sentence, Span]] = field(default_factory=list)
    wrong_dates: list[tuple[Sentence, Span]] = field(default_factory=list)

    def add(self, sentence: Sentence) -> None:
        for span in sentence.dt:
            self.dt[span.cls] += 1
            if _overlaps(span, sentence.dates):
                self.dt_found[span.cls] += 1
            elif span.cls == "date":
                self.missed_dt.append((sentence, span))
        not_durations = [s for s in sentence.dt if s.cls != "duration"]
        durations = [s for s in sentence.dt if s.cls == "duration"]
        for record in sentence.dates:
            self.dates += 1
            if _overlaps(record, not_durations):
                self.dates_right += 1
            else:
                self.wrong_dates.append((sentence, record))
                self.dates_on_durations += _overlaps(record, durations)
        for span in sentence.qt:
            self.qt[span.cls] += 1
            if _overlaps(span, sentence.amounts):
                self.qt_found[span.cls] += 1
            elif span.cls in AMOUNT_CLASSES:
                self.missed_qt.append((sentence, span))


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "- (0/0)"


def figures(sentences: Iterable[Sentence]) -> Figures:
    result = Figures()
    for sentence in sentences:
        result.add(sentence)
    return result


def report(label: str, f: Figures) -> list[str]:
    not_duration = f.dt["date"] + f.dt["other"]
    amounts = sum(f.qt[c] for c in AMOUNT_CLASSES)
    lines = [
        f"== {label}",
        f"DT gold: {sum(f.dt.values())} spans: {f.dt['date']} calendar dates, {f.dt['duration']} durations, "
        f"{f.dt['other']} other (recurring, seasons, eras, holidays, anniversaries)",
        f"  DT lenient recall, durations excluded: {_ratio(f.dt_found['date'] + f.dt_found['other'], not_duration)}",
        f"  DT lenient recall, calendar dates only: {_ratio(f.dt_found['date'], f.dt['date'])}",
        f"  DT lenient precision: {_ratio(f.dates_right, f.dates)} "
        f"(date records over a duration: {f.dates_on_durations})",
        f"QT gold: {sum(f.qt.values())} spans: " + ", ".join(f"{c} {f.qt[c]}" for c in AMOUNT_CLASSES + NOT_AMOUNT_CLASSES),
        f"  QT lenient recall on amounts (money, count, measure, percent): "
        f"{_ratio(sum(f.qt_found[c] for c in AMOUNT_CLASSES), amounts)}",
        "  per class: " + ", ".join(f"{c} {_ratio(f.qt_found[c], f.qt[c])}" for c in AMOUNT_CLASSES),
        "  amount records over spans that are not amounts: "
        + ", ".join(f"{c} {f.qt_found[c]}/{f.qt[c]}" for c in NOT_AMOUNT_CLASSES),
    ]
    return lines


def _misses(f: Figures) -> list[str]:
    lines = ["missed calendar DT:"]
    lines += [f"  {s.line}: {span.text!r}  in  {s.text}" for s, span in f.missed_dt]
    lines.append("date records over no calendar DT:")
    lines += [f"  {s.line}: {span.text!r}  in  {s.text}" for s, span in f.wrong_dates]
    lines.append("missed amount QT:")
    lines += [f"  {s.line}: {span.text!r} [{span.cls}]  in  {s.text}" for s, span in f.missed_qt]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="print every missed gold span (all lines)")
    parser.add_argument("--pipeline", action="store_true", help="run extract_text(clean=False), not the rule stage")
    args = parser.parse_args(argv)
    if not KLUE.exists():
        sys.exit(f"no KLUE data at {KLUE}")
    sentences = load()
    (extract_pipeline if args.pipeline else extract_rules)(sentences)
    lines = []
    for label, part in (("tuning half (even lines)", [s for s in sentences if s.line % 2 == 0]),
                        ("held-out half (odd lines)", [s for s in sentences if s.line % 2 == 1]),
                        ("all lines", sentences)):
        lines += report(f"{label}: {len(part)} sentences", figures(part))
    if args.misses:
        lines += _misses(figures(sentences))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
