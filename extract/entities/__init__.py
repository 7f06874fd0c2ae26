"""People and organisations (stage 6 of the pipeline, called from extract/resolve.py).

- people.py          the title rules: Korean names next to job titles, pseudonyms, back-references
- organisations.py   gazetteer names, name suffixes, company markers, the bodies written next to people
- model.py           the entity model: a CRF (python-crfsuite) over Kiwi morphemes, shipped as entities.crfsuite
- features.py        the model's features, the same at training and at run time
- candidates.py      the model's people, organisations and places, combined with the rules
- conventions.py     where KLUE-NER's conventions differ from the product's (training and scoring)
- train.py           builds entities.crfsuite: `python -m extract.entities.train`

The word lists of patterns/people/ and patterns/organisations/ are loaded by extract/lexicon.py.
"""
