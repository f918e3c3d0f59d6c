"""What the phone line says, in the caller's language.

Every prompt is a ``Prompt``: a stable id (it names the prompt's audio file
for languages spoken with ``<Play>``, see ``prompt_audio``) and a function
that renders its text in a language through gettext with the locale forced.
Texts are spoken, not read: short sentences, keys named the way a phone
shows them, no symbols or abbreviations a voice would stumble over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final

from babel import Locale
from flask_babel import force_locale
from flask_babel import gettext as _

from hotline.intake.languages import locale_identifier

# The key that, after the safety message, leads a returning caller to the
# case code entry (a digit: every phone has it, whatever its script).
RETURNING_KEY: Final = "0"
YES_KEY: Final = "1"
NO_KEY: Final = "2"


@dataclass(frozen=True)
class Prompt:
    id: str
    render: Callable[[str], str]

    def text(self, language: str) -> str:
        with _in(language):
            return self.render(language)


@contextmanager
def _in(language: str) -> Iterator[None]:
    with force_locale(locale_identifier(language)):
        yield


def _option(digit: int, option_language: str) -> Callable[[str], str]:
    def render(language: str) -> str:
        # The option's language named in the language spoken: its own name,
        # unless it falls back to the default voice ("For Vietnamese ...").
        name = Locale.parse(option_language).get_language_name(language) or option_language
        # Translators: spoken on the phone, in this language, as one option of
        # the language menu. %(language)s is this language's own name,
        # %(digit)s the key to press.
        return _("For %(language)s, press %(digit)s.", language=name, digit=digit)
    return render


def option(digit: int, language: str) -> Prompt:
    """The menu option of ``language`` (its file: ``<language>/option-<digit>``)."""
    return Prompt(f"option-{digit}", _option(digit, language))


def digit(value: int) -> Prompt:
    """One digit of a case code, for languages spoken from files."""
    return Prompt(f"digit-{value}", lambda _language: str(value))


def _safety(_language: str) -> str:
    # Translators: spoken on the phone right after the caller chose a language.
    return _("If you cannot talk safely, hang up now. You can also send a text message "
             "to this number.")


def _returning(_language: str) -> str:
    # Translators: spoken on the phone. %(key)s is a key on the phone's keypad.
    return _("If you have a case code from an earlier report, press %(key)s now.",
             key=RETURNING_KEY)


def _record(_language: str) -> str:
    # Translators: spoken on the phone before a tone, after which the caller
    # speaks. "hash key" is the # key of a phone keypad.
    return _("After the tone, tell us what happened, in your own words. When you have "
             "finished, press the hash key, or hang up.")


def _no_recording(_language: str) -> str:
    # Translators: spoken on the phone when the caller said nothing after the tone.
    return _("We did not hear a message.")


def _consent(_language: str) -> str:
    # Translators: spoken on the phone. %(yes)s and %(no)s are keys to press.
    return _("May the police see your report? We remove phone numbers and other contact "
             "details first. Press %(yes)s for yes, or %(no)s for no.", yes=YES_KEY, no=NO_KEY)


def _contact(_language: str) -> str:
    # Translators: spoken on the phone. %(yes)s and %(no)s are keys to press.
    return _("Is it safe for us to call you back or send you a text message at this number? "
             "Press %(yes)s for yes, or %(no)s for no.", yes=YES_KEY, no=NO_KEY)


def _received(_language: str) -> str:
    # Translators: spoken on the phone once a report is recorded.
    return _("Thank you. We received your report.")


def _code_intro(_language: str) -> str:
    # Translators: spoken on the phone; the digits of the code follow one by one.
    return _("Your case code is:")


def _code_again(_language: str) -> str:
    # Translators: spoken on the phone; the digits of the code are repeated after it.
    return _("Once more, your case code is:")


def _code_keep(_language: str) -> str:
    # Translators: spoken on the phone at the end of a report. %(key)s is a key to press.
    return _("Keep this code somewhere safe. To add to your report, call this number again "
             "and press %(key)s after the safety message. Goodbye.", key=RETURNING_KEY)


def _enter_code(_language: str) -> str:
    # Translators: spoken on the phone. "hash key" is the # key of a phone keypad.
    return _("Please enter your ten-digit case code, then press the hash key.")


def _code_unknown(_language: str) -> str:
    # Translators: spoken on the phone when the case code entered does not exist.
    return _("We could not find that case code.")


def _followup_done(_language: str) -> str:
    # Translators: spoken on the phone after a returning caller left a message.
    return _("Thank you. We added your message to your case. Goodbye.")


def _invalid(_language: str) -> str:
    # Translators: spoken on the phone when the caller pressed a key that is not a choice.
    return _("Sorry, that is not one of the choices.")


def _no_input(_language: str) -> str:
    # Translators: spoken on the phone when the caller pressed no key in time.
    return _("Sorry, we did not hear a key press.")


def _goodbye(_language: str) -> str:
    # Translators: spoken on the phone before the line hangs up after repeated
    # invalid or missing answers.
    return _("We are sorry we could not help you this time. Please call again, or send a "
             "text message to this number. Goodbye.")


def _fallback(_language: str) -> str:
    # Translators: spoken on the phone when the line has a technical fault.
    return _("Sorry, we have a technical problem. Please send a text message to this "
             "number, or call again later. Goodbye.")


SAFETY: Final = Prompt("safety", _safety)
RETURNING: Final = Prompt("returning", _returning)
RECORD: Final = Prompt("record", _record)
NO_RECORDING: Final = Prompt("no-recording", _no_recording)
CONSENT: Final = Prompt("consent", _consent)
CONTACT: Final = Prompt("contact", _contact)
RECEIVED: Final = Prompt("received", _received)
CODE_INTRO: Final = Prompt("code-intro", _code_intro)
CODE_AGAIN: Final = Prompt("code-again", _code_again)
CODE_KEEP: Final = Prompt("code-keep", _code_keep)
ENTER_CODE: Final = Prompt("enter-code", _enter_code)
CODE_UNKNOWN: Final = Prompt("code-unknown", _code_unknown)
FOLLOWUP_DONE: Final = Prompt("followup-done", _followup_done)
INVALID: Final = Prompt("invalid", _invalid)
NO_INPUT: Final = Prompt("no-input", _no_input)
GOODBYE: Final = Prompt("goodbye", _goodbye)
FALLBACK: Final = Prompt("fallback", _fallback)

FIXED: Final = (SAFETY, RETURNING, RECORD, NO_RECORDING, CONSENT, CONTACT, RECEIVED,
                CODE_INTRO, CODE_AGAIN, CODE_KEEP, ENTER_CODE, CODE_UNKNOWN, FOLLOWUP_DONE,
                INVALID, NO_INPUT, GOODBYE, FALLBACK)


def every_prompt(language: str, max_options: int) -> list[Prompt]:
    """Everything the line can say in ``language``: what a prompt audio build renders."""
    return [*FIXED, *(option(n, language) for n in range(1, max_options + 1)),
            *(digit(n) for n in range(10))]


def placeholder(language: str, seconds: int) -> str:
    """The report text of a voice message: there is no transcription (see
    the package README section), so the case gets this, in the caller's
    language (which is also what language detection then finds)."""
    with _in(language):
        # Translators: the text stored for a voice message in the case, in the
        # caller's language. %(seconds)s is its length in seconds.
        return _("[voice recording, %(seconds)s s]", seconds=seconds)
