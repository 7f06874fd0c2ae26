"""The entity model (extract/entities/) and how its proposals join the title rules."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import extract_text, segment
from extract.entities import conventions, model, train

from .entities import klue_score


def _people(text: str) -> dict[str, tuple[str | None, list[str]]]:
    article = extract_text(text, clean=False)
    return {p.name: (p.title, [m.text for m in p.mentions]) for p in article.people}


def _organisations(text: str) -> set[str]:
    return {o.name for o in extract_text(text, clean=False).organisations}


def test_the_model_ships_inside_the_package() -> None:
    assert model.MODEL_PATH.parent.parent.name == "extract" and model.MODEL_PATH.exists()
    assert model.MODEL_PATH.stat().st_size < 2_000_000


def test_the_model_tags_kiwi_tokens() -> None:
    text = "류현진은 골드만삭스를 방문했다."
    spans = model.spans(segment.segment(text)[0].tokens)
    assert ("PS", "류현진") in {(s.type, text[s.start:s.end]) for s in spans}


def test_a_foreign_name_is_whole_and_found_again() -> None:
    people = _people("도널드 트럼프 미국 대통령은 백악관에서 말했다. 트럼프는 이어 연설했다.")
    assert people["도널드 트럼프"] == ("대통령", ["도널드 트럼프", "트럼프"])
    assert "도널드" not in people and "트럼프" not in people


def test_a_bare_name_and_a_title_outside_the_old_list() -> None:
    people = _people("KBS를 떠난 나영석 PD는 새 예능을 준비하고 있다.")
    assert people["나영석"][0] == "PD"


def test_surname_and_title_without_a_full_name() -> None:
    people = _people("박 당선인이 취임사를 준비하고 있다. 성 전 회장의 로비 의혹도 조사 중이다.")
    assert people["박 당선인"] == ("당선인", ["박 당선인"])
    assert people["성 전 회장"][0] == "회장"


def test_a_surname_and_title_links_to_the_full_name_when_there_is_one() -> None:
    people = _people("오세훈 서울시장은 말했다. 오 시장은 대책을 지시했다.")
    assert people == {"오세훈": ("서울시장", ["오세훈", "오 시장"])}


def test_pseudonyms_with_a_surname() -> None:
    people = _people("경찰은 박씨의 딸과 김모(33)씨를 입건했다. 고 박 모 양의 어머니도 나왔다. 오늘 날씨는 맑다.")
    assert {"박씨", "김모(33)씨", "박 모 양"} <= people.keys()
    assert not any("날씨" in name for name in people)


def test_never_an_organisation_called_before() -> None:
    assert "전" not in _organisations("노무현 전 대통령은 열린우리당을 만들었다.")


def test_a_common_noun_before_a_title_is_not_a_person() -> None:
    people = _people("영화 예고편이 공개돼 화제인 가운데 배우 한지민이 사진을 올렸다.")
    assert "가운데" not in people and people["한지민"][0] == "배우"


def test_a_person_is_not_an_organisation() -> None:
    article = extract_text("도널드 트럼프 미국 대통령은 말했다. 트럼프 행정부는 관세를 올렸다.", clean=False)
    assert not {o.name for o in article.organisations} & {"도널드 트럼프", "트럼프"}


def test_labels_follow_the_morphemes() -> None:
    sentence = train.Sentence("x", "도널드 트럼프 대통령은", ((0, 7, "PS"),))
    tokens = train.tokens_of([sentence])[0]
    assert train.labels(tokens, sentence.spans)[:3] == ["B-PS", "I-PS", "O"]


def test_klue_conventions_map_to_the_product() -> None:
    text = "박씨의 딸과 김모(33)씨, 배두나 씨"
    assert conventions.klue_person_is_pseudonym(text, 0, 1) == 2
    assert conventions.klue_person_is_pseudonym(text, 7, 8) == 14
    assert conventions.klue_person_is_pseudonym(text, 16, 19) is None  # a whole name: no change
    assert conventions.og_is_convention("경찰") and conventions.og_is_convention("미국")
    assert not conventions.og_is_convention("경찰청")


@pytest.mark.skipif(not klue_score.KLUE_NEWS.exists(), reason="KLUE-NER news sentences are not next to the repository")
def test_cross_validation_folds_are_disjoint_and_cover_the_data() -> None:
    rows = [json.loads(line) for line in klue_score.KLUE_NEWS.read_text(encoding="utf-8").splitlines()]
    folds = klue_score.folds(rows)
    ids = [row["id"] for fold in folds for row in fold]
    assert len(folds) == 5 and len(ids) == len(set(ids)) == len(rows)
    again = klue_score.folds(list(reversed(rows)))  # seeded: the same folds whatever the order
    assert [{row["id"] for row in fold} for fold in folds] == [{row["id"] for row in fold} for fold in again]


def test_a_common_noun_the_model_reads_as_a_name_is_no_person() -> None:
    from extract.entities import candidates

    tokens = segment.segment("과학관, 휴양림 등은 무료로 개방된다.")[0].tokens
    noun = model.Span("PS", tokens[0].start, tokens[0].end, 0, 0, 0.9)
    assert tokens[0].tag == "NNG" and not candidates._proper(tokens, noun)
    people = _people("어린이날부터 4대 고궁과 종묘, 조선왕릉, 과학관, 휴양림, 수목원 등은 무료로 개방된다.")
    assert not {"과학관", "휴양림", "수목원"} & set(people)


def test_former_after_a_name_is_not_a_surname() -> None:
    people = _people("박근혜 대통령과 박정희 전 대통령, 전두환 전 대통령을 풍자한 작품을 만들었다.")
    assert "전두환" in people and people["전두환"][1] == ["전두환"]
    assert not any(name.startswith("전 ") or name == "전" for name in people)


def test_the_review_sentences_that_name_a_person_supplement_training() -> None:
    if not train.KLUE_REVIEWS.exists():
        pytest.skip("KLUE-NER reviews not found next to the repository")
    reviews = train.review_people()
    assert reviews and all(any(kind == "PS" for _, _, kind in s.spans) for s in reviews)
    assert {s.id for s in train.own_sentences()} <= {s.id for s in train.supplement()}


def test_a_title_the_model_reads_into_a_name_stays_the_title() -> None:
    people = _people("법원 주변에는 찬반 집회가 열렸습니다. 변재영 기자의 보도입니다.")
    assert people.get("변재영", (None,))[0] == "기자" and "변재영 기자" not in people


def test_a_one_word_name_with_a_place_ending_is_no_person() -> None:
    from extract import lexicon
    from extract.entities import candidates

    lex = lexicon.load()
    for place in ("랴오닝성", "푸젠성", "명동예술극장", "원이대로", "마우나리조트"):
        assert not candidates._person_name(place, lex), place
    for person in ("류현진", "이명성", "푸틴", "도널드 트럼프", "마오쩌둥"):
        assert candidates._person_name(person, lex), person


def test_a_foreign_name_with_a_one_syllable_first_name_and_a_title_after_a_body() -> None:
    people = _people("존 서플 국방부 대변인은 밝혔다.")
    assert people.get("존 서플", (None,))[0] == "대변인"
    from extract import lexicon
    from extract.entities import candidates

    lex = lexicon.load()
    assert candidates._person_name("존 서플", lex)
    assert not candidates._person_name("김 수석", lex) and not candidates._person_name("전 대통령", lex)


def test_a_name_after_a_media_noun_is_the_outlet() -> None:
    text = "현지시각 6일 멕시코 일간지 레포르마와 밀레니오 등에 따르면 검찰은 지난 5일 밝혔다."
    assert "레포르마" not in _people(text) and "레포르마" in _organisations(text)
    assert _people("동석한 한 중앙일간지 A 기자를 폭행했다고 보도했다.")["A"][0] == "기자"


def test_the_model_reads_sentences_with_a_name_or_a_body_s_suffix() -> None:
    def sentence(text: str) -> list:
        return segment.segment(text)[0].tokens

    assert model.taggable(sentence("류현진은 던졌다."))  # a proper noun
    assert model.taggable(sentence("전력거래소는 필요한 전력을 확보했다."))  # a common noun with a body's suffix
    assert not model.taggable(sentence("오늘 날씨는 맑고 바람이 분다."))


_PARAGRAPH = ("도널드 트럼프 미국 대통령은 골드만삭스 관계자를 만났다. 오늘 날씨는 맑다. 전력거래소는 전력을 확보했다. "
              "가운데 배우 김철수 씨가 서울시청에서 말했다")


def test_the_probabilities_of_o_are_read_only_where_asked_and_the_rest_is_the_same() -> None:
    tokens = segment.segment(_PARAGRAPH)[0].tokens
    labels, marginals = model.tag(tokens)
    assert labels.count("O") < len(labels) and len(set(marginals)) > 2  # entities found, probabilities read
    for outside in ([], [0, 5, len(tokens) - 1], range(len(tokens))):
        some_labels, some = model.tag(tokens, outside=outside)
        assert some_labels == labels
        for i, (label, value) in enumerate(zip(labels, marginals, strict=True)):
            assert some[i] == (value if label != "O" or i in outside else 1.0)


def _spans_by_scan(tokens: list[segment.Token], labels: list[str], marginals: list[float]) -> list[model.Span]:
    """Spans read label by label, as the definition says."""
    found, begin = [], None
    for i, label in enumerate([*labels, "O"]):
        if begin is not None and not (label.startswith("I-") and label[2:] == labels[begin][2:]):
            found.append(model.Span(labels[begin][2:], tokens[begin].start, tokens[i - 1].end, begin, i - 1,
                                    min(marginals[begin:i])))
            begin = None
        if begin is None and label != "O":
            begin = i
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["O", "O", "B-PS", "I-PS", "B-OG", "I-OG", "I-LC"]), max_size=12))
def test_spans_are_the_runs_of_one_type_as_read_label_by_label(labels: list[str]) -> None:
    tokens = [segment.Token(str(i), "NNP", 2 * i, 2 * i + 1) for i in range(len(labels))]
    marginals = [0.5 + i / 100 for i in range(len(labels))]
    assert model.spans(tokens, (labels, marginals)) == _spans_by_scan(tokens, labels, marginals)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["NNG", "NNP", "SF", "JKS", "SL", "EF"]), max_size=12))
def test_sentences_end_after_each_final_mark(tags: list[str]) -> None:
    assert model._sentence_ends(tags) == [i + 1 for i, t in enumerate(tags) if t == "SF"] + [len(tags)]


def test_taggable_as_read_token_by_token() -> None:
    _, table = model._tagger()
    for text in (_PARAGRAPH, "오늘 날씨는 맑고 바람이 분다.", "류현진은 던졌다.", "연구원의 발표. 한국전력공사 직원."):
        for paragraph in segment.segment(text):
            tokens = paragraph.tokens
            expected = any(t.tag in ("NNP", "SL", "SH") or (t.tag == "NNG" and table[(t.form, t.tag)].role == "org")
                           for t in tokens)
            assert model.taggable(tokens) == expected
