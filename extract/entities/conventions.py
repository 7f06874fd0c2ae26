"""Where KLUE-NER's conventions differ from the product's, as data shared by the training script and the
scorer (tests/entities/klue_score.py).

- A surname or a letter alone before 씨/모 (박씨, 김모(33)씨, A씨) is KLUE's person; the product's person is
  the whole pseudonym as written (박씨, 김모(33)씨, A씨).
- KLUE tags countries and their one-syllable abbreviations (북, 미, 한) as organisations, sometimes: for the
  product they are places.
- KLUE tags generic references to public bodies (경찰, 검찰, 정부) as organisations: the product finds named
  bodies (서울경찰청, 대검찰청), not these common nouns.
"""

from __future__ import annotations

import regex

COUNTRIES = frozenset(["한국", "대한민국", "남한", "북한", "북", "남", "한", "미", "미국", "일본", "일", "중국", "중", "러시아", "러", "독일", "프랑스", "영국", "이탈리아", "스페인", "캐나다", "호주", "인도", "이란", "이라크", "시리아", "이스라엘", "터키", "튀르키예", "멕시코", "브라질", "아르헨티나", "우크라이나", "베트남", "태국", "필리핀", "인도네시아", "말레이시아", "싱가포르", "대만", "홍콩", "몽골", "우즈베키스탄", "카자흐스탄", "사우디", "사우디아라비아", "이집트", "리비아", "그리스", "네덜란드", "벨기에", "스위스", "스웨덴", "노르웨이", "핀란드", "덴마크", "폴란드", "오스트리아", "쿠바", "칠레", "페루", "콜롬비아", "베네수엘라", "나이지리아", "남아공", "파키스탄", "아프가니스탄", "예멘", "레바논", "요르단", "카타르", "쿠웨이트", "조선", "EU", "유럽", "포르투갈", "에콰도르", "알제리", "모로코", "튀니지", "케냐", "에티오피아", "아일랜드", "체코", "헝가리", "루마니아", "불가리아", "세르비아", "크로아티아", "뉴질랜드", "방글라데시", "스리랑카", "미얀마", "캄보디아", "라오스", "네팔", "볼리비아", "우루과이", "파라과이", "파나마", "팔레스타인", "아랍에미리트", "바레인"])

GENERIC_BODIES = frozenset(["경찰", "검찰", "정부", "당국", "군", "군당국", "해경", "재판부", "법원", "국가", "정권", "여당", "야당", "여야", "교육당국", "보건당국", "방역당국", "수사당국", "경찰관"])

# A person KLUE marks as a surname or a letter, written as a pseudonym: 박씨, 김모(33)씨, A씨, 김모 씨.
PSEUDONYM_TAIL = regex.compile(r"(?:모)?(?:\s?\(\d{1,3}\))?\s?씨")


def klue_person_is_pseudonym(text: str, start: int, end: int) -> int | None:
    """The end of the pseudonym when the KLUE person text[start:end] is a surname or letter before 씨/모."""
    if end - start > 2:
        return None
    match = PSEUDONYM_TAIL.match(text, end)
    return match.end() if match else None


def og_is_convention(name: str) -> bool:
    """A KLUE organisation the product does not count as one: a country or a generic public body."""
    return name in COUNTRIES or name in GENERIC_BODIES
