"""The rule stage on KLUE-NER news sentences: DT (dates) and QT (amounts), lenient span overlap.

    python tests/expressions/klue_tune.py            # both halves, labelled
    python tests/expressions/klue_tune.py --misses even   # also list the misses of one half

The sentences are split by line number in news.jsonl: even lines (0, 2, 4 …) are the half the rules
were tuned on, odd lines the held-out half. Gold spans are grouped:

- DT: `duration` (3년간, 2년 만에, 10여 년, 3개월, 40주년, 징역 8월, a day count followed by 만에 or
  정도 — not dates; the rules must not find them),
  `vague` (최근, 당시, 현재 … — words with no date in them), and `date` (everything else).
  Recall is counted on `date`; precision counts a found date as right when it overlaps a gold DT that
  is not a duration.
- QT: `money`, `percent`, `measure`, `count` are amounts; ages, scores, ranks, ordinals and bare
  numbers (`other`) are not chased. Recall is counted on the amount groups.

The data is read from `../shared/data/klue-ner/` next to the repository (CC BY-SA 4.0); nothing of it
is copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DATA = ROOT / ".." / "shared" / "data" / "klue-ner" / "news.jsonl"

from extract import rules  # noqa: E402

DURATION = regex.compile(
    r"(?:간|동안|만에|만이|만의|째|개월|시간|주일|주간|일간|년간|달간|여년|여\s?년|여\s?일)"
    r"|^(?:\d{1,3}|[한두세네]|다섯|여섯|일곱|여덟|아홉|열|수십?|몇)\s?(?:년|달|주|일|해)(?:\s?(?:여|가량|정도|이상|남짓|넘게|이내|반))?$"
    r"|^하루|^이틀|^사흘|^나흘|^닷새|^엿새|^이레|^열흘|^보름|^한\s?달|^[0-9]+\s?~\s?[0-9]+\s?(?:년|일|달)$")
DAY_ONLY = regex.compile(r"^\d{1,2}\s?일$")
NUMERIC = regex.compile(r"[0-9０-９]|[일이삼사오육칠팔구십백천]\s?(?:월|일)|올해|지난해|작년|내년|어제|오늘|내일|그제|"
                        r"이날|전날|당일|다음\s?날|이튿날|이듬해|지난달|이번\s?달|다음\s?달|지난주|이번\s?주|다음\s?주|요일|"
                        r"상반기|하반기|분기|연말|연초|금년|재작년|그저께|모레|주말")
MONEY = regex.compile(r"(?:원|달러|엔|유로|위안|弗|파운드|루블|페소|바트|루피|동)(?:화)?\s?(?:대|가량|정도|이상|이하|여)?$|^[$￦₩]")
PERCENT = regex.compile(r"(?:%|％|퍼센트|포인트|%[pP])\s?(?:가량|정도|이상|이하|안팎|대)?$")
MEASURE = regex.compile(r"(?:t|톤|kg|㎏|g|km|㎞|m|cm|mm|㎜|㎝|kW|MW|GW|㎾|㎿|kWh|MWh|GWh|㎥|㎡|m2|m²|평|배럴|인치|kcal|℃|"
                        r"도|리터|ℓ|L|헥타르|ha|TEU|마일|피트|mg|배|㎖|ml|cc|킬로미터|미터|센티미터|킬로그램|그램|㏊|에이커)"
                        r"\s?(?:가량|정도|이상|이하|안팎|남짓|여|씩)?$")
COUNT = regex.compile(r"(?:명|개|곳|건|가구|세대|척|병|장|표|마리|권|채|그루|개사|社|개국|개소|종|석|가지|차례|편|곡|병상|"
                      r"관객|관람객|그릇|벌|켤레|자루|송이|통|필지|명분|포기|알|쌍|조각|봉지|상자|박스|캔|잔|인분|"
                      r"(?<![1-9]0)대)\s?(?:가량|정도|이상|이하|안팎|남짓|여|씩|분)?$|^조회\s?수")


# A gold span followed by 간, 동안, 만에, 째, 정도 … (9일 만에, 2일 정도) or preceded by a sentence (징역 8월)
# is a length of time.
DURATION_AFTER = regex.compile(r"^\s?(?:간|동안|만에|만인|만의|만이|째|정도|가량|여\s?일|넘게|남짓)")
DURATION_BEFORE = regex.compile(r"(?:징역|금고|집행유예|구류|자격정지)\s?$")


def dt_group(text: str, before: str = "", after: str = "") -> str:
    if (DURATION.search(text) and not DAY_ONLY.match(text)) or "주년" in text:
        return "duration"
    if DURATION_AFTER.match(after) or DURATION_BEFORE.search(before):
        return "duration"
    return "date" if NUMERIC.search(text) else "vague"


# 16대 대선, 4대강, 18대 국회: ordinals and names, not counts of things.
ORDINAL_AFTER = regex.compile(r"^\s?(?:대선|국회|총선|대통령|강|그룹|기업|은행|의원|회장|지방선거|정부|왕)")


def qt_group(text: str, after: str = "") -> str:
    if text.strip().endswith("대") and ORDINAL_AFTER.match(after):
        return "other"
    for name, pattern in (("money", MONEY), ("percent", PERCENT), ("measure", MEASURE), ("count", COUNT)):
        if pattern.search(text.strip()):
            return name
    return "other"


def sentences(half: str) -> list[dict]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    parity = 0 if half == "even" else 1
    return [json.loads(line) for number, line in enumerate(lines) if number % 2 == parity and line.strip()]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(half: str, ruleset: rules.RuleSet) -> dict:
    gold_dt: Counter[str] = Counter()
    found_dt: Counter[str] = Counter()
    gold_qt: Counter[str] = Counter()
    found_qt: Counter[str] = Counter()
    predicted = right = 0
    misses: dict[str, list[str]] = {"date": [], "fp": [], "qt": []}
    for item in sentences(half):
        text = item["text"]
        found, _ = ruleset.candidates(text, None)
        winners = rules.resolve(found, text)
        dates = [(w.start, w.end) for w in winners if w.rule.type == "date"]
        amounts = [(w.start, w.end) for w in winners if w.rule.type == "amount"]
        golds = [(e["start"], e["end"], e["type"], e["text"]) for e in item["entities"]]
        dt_spans = [(s, e, dt_group(t, text[:s], text[e:])) for s, e, kind, t in golds if kind == "DT"]
        for s, e, group in dt_spans:
            gold_dt[group] += 1
            hit = any(_overlaps((s, e), d) for d in dates)
            found_dt[group] += hit
            if group == "date" and not hit:
                misses["date"].append(f"{text[s:e]!r} in {text}")
        for span in dates:
            predicted += 1
            ok = any(_overlaps(span, (s, e)) for s, e, group in dt_spans if group != "duration")
            right += ok
            if not ok:
                misses["fp"].append(f"{text[span[0]:span[1]]!r} in {text}")
        for s, e, kind, t in golds:
            if kind != "QT":
                continue
            group = qt_group(t, text[e:])
            gold_qt[group] += 1
            hit = any(_overlaps((s, e), a) for a in amounts)
            found_qt[group] += hit
            if group != "other" and not hit:
                misses["qt"].append(f"[{group}] {t!r} in {text}")
    return {"gold_dt": gold_dt, "found_dt": found_dt, "gold_qt": gold_qt, "found_qt": found_qt,
            "predicted": predicted, "right": right, "misses": misses}


def report(half: str, result: dict) -> str:
    label = "even lines, tuned on" if half == "even" else "odd lines, held out"
    g, f = result["gold_dt"], result["found_dt"]
    recall = f["date"] / g["date"] if g["date"] else 0.0
    precision = result["right"] / result["predicted"] if result["predicted"] else 0.0
    with_vague = (f["date"] + f["vague"]) / (g["date"] + g["vague"]) if g["date"] + g["vague"] else 0.0
    amount_groups = ("money", "percent", "measure", "count")
    gq, fq = result["gold_qt"], result["found_qt"]
    gold_amounts = sum(gq[k] for k in amount_groups)
    qt_recall = sum(fq[k] for k in amount_groups) / gold_amounts if gold_amounts else 0.0
    lines = [
        f"KLUE news, {label}:",
        f"  DT gold {sum(g.values())}: date {g['date']}, duration {g['duration']} (not dates), vague {g['vague']}",
        f"  DT lenient recall (dates) {recall:.3f} ({f['date']}/{g['date']}); with vague words {with_vague:.3f}; "
        f"precision {precision:.3f} ({result['right']}/{result['predicted']}); durations found {f['duration']}",
        f"  QT gold {sum(gq.values())}: " + ", ".join(f"{k} {gq[k]}" for k in (*amount_groups, "other")),
        f"  QT lenient recall on amounts {qt_recall:.3f} ({sum(fq[k] for k in amount_groups)}/{gold_amounts}); "
        + ", ".join(f"{k} {fq[k]}/{gq[k]}" for k in amount_groups),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", choices=("even", "odd"), help="list the misses of this half")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"no KLUE data at {DATA}")
    ruleset = rules.load()
    for half in ("even", "odd"):
        result = score(half, ruleset)
        print(report(half, result))
        if args.misses == half:
            for kind, items in result["misses"].items():
                print(f"  -- {kind} ({len(items)})")
                for item in items:
                    print("    " + item)


if __name__ == "__main__":
    main()
