"""The side panel of the desk window: where you touched and the answers (`panel`), the ranked
sources and the chosen card (`sources_tab`), the questions that re-rank (`questions_tab`), and the
reverse view from one source (`from_source_tab`). The words around the cards: app/ui/card_words.py."""
