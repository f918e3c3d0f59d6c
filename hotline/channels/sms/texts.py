"""The texts the line sends, rendered in the reporter's language.

Every text names the keywords as the reporter should type them in their own
language (the first entry of that language's column in ``keywords.py``,
English where the language has none), passed in as placeholders so that
translators keep them exactly.

SMS is short and costs per segment (70 characters in non-Latin scripts):
keep these short. They are plain text: no HTML, no links.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from babel import Locale
from flask_babel import force_locale
from flask_babel import gettext as _

from hotline.channels.sms.keyword_table import KEYWORDS
from hotline.intake.languages import locale_identifier, native_name
from hotline.privacy.identifiers import format_case_code


def keyword_word(language: str, action: str) -> str:
    words = KEYWORDS.get(language, {}).get(action) or KEYWORDS["en"][action]
    word = words[0]
    if language in ("tr", "az"):  # dotted capital: "sil" is SİL, not SIL
        word = word.replace("i", "İ")
    return word.upper()


@contextmanager
def _in(language: str) -> Iterator[dict[str, str]]:
    """Force the locale and hand over the keyword placeholders."""
    words = {action: keyword_word(language, action)
             for action in ("stop", "start", "delete", "lang", "exit", "police", "yes", "no",
                            "help")}
    with force_locale(locale_identifier(language)):
        yield words


def _example(language: str, enabled: Sequence[str]) -> str:
    return next((code for code in enabled if code != language), "en")


def welcome(language: str, case_code: str, enabled: Sequence[str]) -> str:
    with _in(language) as w:
        # Translators: the first SMS a reporter gets. Keep it short (it is a
        # text message). %(stop)s, %(delete)s, %(lang)s and %(exit)s are
        # keywords to type, %(example)s a language code such as "es".
        return _("Thank you, we received your report. Case code: %(code)s. Our staff never "
                 "see your phone number. Reply %(stop)s to stop texts, %(delete)s to delete "
                 "your number and report, %(lang)s %(example)s to change language, %(exit)s to "
                 "end this chat without a reply.", code=format_case_code(case_code), stop=w["stop"],
                 delete=w["delete"], lang=w["lang"], example=_example(language, enabled),
                 exit=w["exit"])


def consent_question(language: str) -> str:
    with _in(language) as w:
        # Translators: SMS. %(yes)s and %(no)s are the answers to type.
        return _("May we share your report with the police? We remove phone numbers and other "
                 "contact details first. Reply %(yes)s or %(no)s.", yes=w["yes"], no=w["no"])


def consent_given(language: str) -> str:
    with _in(language):
        # Translators: SMS, after the reporter agreed that police may see the report.
        return _("Thank you. The police may now see your report, without your contact details.")


def consent_refused(language: str) -> str:
    with _in(language) as w:
        # Translators: SMS, after the reporter said police may not see the report.
        # %(police)s is the keyword to change their mind.
        return _("Understood. Your report stays with our support team. Reply %(police)s if you "
                 "change your mind.", police=w["police"])


def acknowledged(language: str, case_code: str) -> str:
    with _in(language):
        # Translators: SMS sent after a follow-up message from the reporter.
        return _("Thank you, we added your message to case %(code)s.",
                 code=format_case_code(case_code))


def help_text(language: str, enabled: Sequence[str]) -> str:
    with _in(language) as w:
        # Translators: SMS answering the HELP keyword. The %(...)s are keywords to type.
        return _("This is a confidential line for people affected by trafficking or "
                 "exploitation. Write what happened, in any language. Reply %(stop)s to stop "
                 "texts, %(delete)s to delete your number and report, %(lang)s %(example)s to "
                 "change language, %(police)s to choose whether police may see your report.",
                 stop=w["stop"], delete=w["delete"], lang=w["lang"],
                 example=_example(language, enabled), police=w["police"])


def stopped(language: str) -> str:
    with _in(language) as w:
        # Translators: SMS confirming the STOP keyword. %(start)s is the keyword to resume.
        return _("You will get no more texts from us. Reply %(start)s to get texts again.",
                 start=w["start"])


def started(language: str) -> str:
    with _in(language):
        # Translators: SMS confirming that texts resume after a stop.
        return _("You will get texts from us again.")


def number_deleted(language: str) -> str:
    with _in(language):
        # Translators: SMS answering the DELETE keyword from a number with no open
        # conversation: nothing of it is kept, and an older report can no longer be
        # found by the number.
        return _("We deleted your phone number. Our staff can no longer text you. Your report "
                 "stays with us.")


def report_deleted(language: str) -> str:
    with _in(language):
        # Translators: SMS confirming the DELETE keyword: the number and the report are gone.
        return _("We deleted your phone number and your report. Our staff can no longer read "
                 "it or text you.")


def report_kept(language: str) -> str:
    with _in(language):
        # Translators: SMS confirming the DELETE keyword when the report had already been
        # passed on (to a partner organisation or the police) to get the reporter help.
        return _("We deleted your phone number. Your report had already been passed on to get "
                 "you help, so it stays with the team that has it.")


def language_changed(language: str) -> str:
    with _in(language):
        # Translators: SMS after the reporter chose a language; %(language)s is its own name.
        # CLDR's mid-sentence form ("français", not "Français").
        name = Locale.parse(language).get_language_name(language) or language
        return _("We will write to you in %(language)s.", language=name)


def language_choices(language: str, enabled: Sequence[str]) -> str:
    choices = ", ".join(f"{code} ({native_name(code)})" for code in enabled)
    with _in(language) as w:
        # Translators: SMS when the reporter asked for a language we do not offer.
        # %(choices)s lists codes with language names.
        return _("Reply %(lang)s and one of: %(choices)s.", lang=w["lang"], choices=choices)

