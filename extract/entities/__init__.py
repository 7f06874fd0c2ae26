"""People and organisations: a sequence model over Kiwi morphemes (features.py, model.py, train.py) and its
use next to the title rules of extract/people.py and extract/organisations.py (candidates.py)."""
