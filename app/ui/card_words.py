"""The interface's words around the cards and answers, translated for the Qt-free HTML in
app/content/card_html.py and app/content/answer_text.py: the panel, the compare view and the
screen reader's announcements share them (their translation contexts as the panel shows them)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.content.answer_text import AnswerWords
from app.content.card_html import CardWords
from app.ui.i18n import tr

WHO_CAN_HELP = {
    "family_doctor": QT_TRANSLATE_NOOP("ExplorerPanel", "family doctor"),
    "physical_therapist": QT_TRANSLATE_NOOP("ExplorerPanel", "physical therapist"),
    "podiatrist": QT_TRANSLATE_NOOP("ExplorerPanel", "podiatrist"),
    "spine_specialist": QT_TRANSLATE_NOOP("ExplorerPanel", "spine specialist"),
    "orthopaedic_specialist": QT_TRANSLATE_NOOP("ExplorerPanel", "orthopaedic specialist"),
    "rheumatologist": QT_TRANSLATE_NOOP("ExplorerPanel", "rheumatologist"),
    "emergency_care": QT_TRANSLATE_NOOP("ExplorerPanel", "emergency care"),
}
REACH_GROUPS = {  # the reverse view's places, by the tier the body is shaded with (app/domain/effects.py)
    3: QT_TRANSLATE_NOOP("ExplorerPanel", "Most strongly:"),
    2: QT_TRANSLATE_NOOP("ExplorerPanel", "Also:"),
    1: QT_TRANSLATE_NOOP("ExplorerPanel", "Less often:"),
    0: QT_TRANSLATE_NOOP("ExplorerPanel", "Areas those places lie in:"),
}


def card_words() -> CardWords:
    """The words around a card in the interface's language (read again after a language change)."""
    return CardWords(
        open_the_card=QCoreApplication.translate("ExplorerPanel", "open the card"),
        jump_to=QCoreApplication.translate("ExplorerPanel", "<p><b>Jump to:</b> {0}</p>"),
        how_it_reaches=QCoreApplication.translate("ExplorerPanel", "<p><b>How it can reach this spot:</b> {0}</p>"),
        why_listed=QCoreApplication.translate("ExplorerPanel", "<p><b>Why it is on the list:</b></p>"),
        how_sure=QCoreApplication.translate(
            "ExplorerPanel", "<p><b>How sure the science is:</b> {0} · <b>Who can help:</b> {1}</p>"
        ),
        who_can_help={key: tr(text, "ExplorerPanel") for key, text in WHO_CAN_HELP.items()},
        less_likely=QCoreApplication.translate("SourceCard", "less likely here"),
        explains=QCoreApplication.translate("SourceCard", "explains {0}% of the area"),
        by_way=QCoreApplication.translate("ExplorerPanel", " (by way of {0})"),
        also_by_way=QCoreApplication.translate("ExplorerPanel", "; also by way of {0}"),
        reach_groups={tier: tr(text, "ExplorerPanel") for tier, text in REACH_GROUPS.items()},
        can_send=QCoreApplication.translate("ExplorerPanel", "<p><b>Can send pain or strain to:</b></p>"),
        through=QCoreApplication.translate("ExplorerPanel", "<p><b>Through:</b> {0}</p>"),
    )


def answer_words() -> AnswerWords:
    """The words of an answer in the interface's language."""
    return AnswerWords(
        touch_first=QCoreApplication.translate("ExplorerPanel", "Touch the body where it hurts."),
        you_touched=QCoreApplication.translate("ExplorerPanel", "You touched <b>{0}</b>."),
        urgent_first=QCoreApplication.translate(
            "ExplorerPanel", "<br/><b>Check the urgent signs at the top of the list first.</b>"
        ),
        marked_urgent=QCoreApplication.translate("ExplorerPanel", "<b>You marked an urgent sign.</b>"),
        urgent_shown=QCoreApplication.translate(
            "ExplorerPanel",
            "<b>Signs that need care now.</b> Each card says where to go: some need an "
            "emergency department now, others a doctor today.",
        ),
        best_fits=QCoreApplication.translate("ExplorerPanel", "<b>Best fits now:</b> "),
        touch_to_rank=QCoreApplication.translate(
            "ExplorerPanel", "Touch the body first: the answers re-rank the possible sources."
        ),
    )
