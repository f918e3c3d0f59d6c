"""TwiML for each step of a call, built with the SDK's ``VoiceResponse``.

Every URL in a response is absolute, built from ``HOTLINE_PUBLIC_URL``
(the URL Twilio signs, ``signature.public_url``). A ``<Gather>`` that gets
no key press falls through to a ``<Redirect>`` to its own action without
``Digits``: that is how a timeout reaches the view. ``n`` in the query
string counts the failed answers so far (at most ``MAX_REPEATS`` repeats).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final
from urllib.parse import urlencode

from twilio.twiml.voice_response import Gather, VoiceResponse

from hotline.channels.sms.signature import public_url
from hotline.channels.voice import prompts
from hotline.channels.voice.prompt_audio import playable
from hotline.channels.voice.prompts import Prompt
from hotline.channels.voice.voices import twilio_voice
from hotline.settings import Settings

PATH: Final = "/twilio/voice"
MAX_REPEATS: Final = 2
CODE_DIGITS: Final = 10
Verb = VoiceResponse | Gather


def url(settings: Settings, step: str, **query: object) -> str:
    return public_url(settings, f"{PATH}/{step}", urlencode(query))


def render(response: VoiceResponse) -> str:
    return str(response.to_xml(xml_declaration=True))


class Speaker:
    """Speaks prompts in one language: ``<Say>`` with the language's Twilio
    voice, else ``<Play>`` of its prompt file (synthetic or recorded) while
    that speaks the current text, else the default language."""

    def __init__(self, settings: Settings, language: str) -> None:
        self.settings = settings
        self.language = language

    def gather_language(self) -> str | None:
        voice = twilio_voice(self.language)
        return voice.tag if voice else None

    def say(self, verb: Verb, prompt: Prompt) -> None:
        voice = twilio_voice(self.language)
        if voice is not None:
            verb.say(prompt.text(self.language), language=voice.tag, voice=voice.name)
        elif playable(self.language, prompt):  # a fresh file, synthetic or recorded
            verb.play(public_url(self.settings,
                                 f"{PATH}/prompts/{self.language}/{prompt.id}.wav"))
        elif self.language != self.settings.default_language:
            Speaker(self.settings, self.settings.default_language).say(verb, prompt)
        else:
            verb.say(prompt.text(self.language))

    def say_code(self, verb: Verb, code: str) -> None:
        """The case code, digit by digit."""
        voice = twilio_voice(self.language)
        if voice is not None:
            verb.say(", ".join(code) + ".", language=voice.tag, voice=voice.name)
            return
        for char in code:
            self.say(verb, prompts.digit(int(char)))


def _gather(speaker: Speaker, action: str, **options: object) -> tuple[VoiceResponse, Gather]:
    response = VoiceResponse()
    tag = speaker.gather_language()
    if tag:
        options["language"] = tag
    gather = response.gather(input="dtmf", action=action, method="POST", **options)
    return response, gather


def language_menu(settings: Settings, languages: Sequence[str], failures: int = 0,
                  notice: Prompt | None = None, first: str | None = None) -> str:
    """Each option in its own language. Up to nine languages take one key;
    more take one or two keys, ended by # or a pause. ``first`` (the
    language of the caller's country) is spoken first, with its usual key,
    so that a caller need not listen through thirty options."""
    response = VoiceResponse()
    if notice is not None:
        Speaker(settings, settings.default_language).say(response, notice)
    action = url(settings, "language", n=failures)
    keys: dict[str, object] = ({"num_digits": 1, "timeout": 5} if len(languages) <= 9
                               else {"finish_on_key": "#", "timeout": 4})
    gather = response.gather(input="dtmf", action=action, method="POST", **keys)
    options = list(enumerate(languages, start=1))
    options.sort(key=lambda option: option[1] != first)  # stable: the rest keep their order
    for position, language in options:
        Speaker(settings, language).say(gather, prompts.option(position, language))
    response.redirect(action, method="POST")
    return render(response)


def intro(settings: Settings, language: str) -> str:
    """The safety message; a returning caller may press a key during it."""
    speaker = Speaker(settings, language)
    response, gather = _gather(speaker, url(settings, "intro"), num_digits=1, timeout=3)
    speaker.say(gather, prompts.SAFETY)
    speaker.say(gather, prompts.RETURNING)
    response.redirect(url(settings, "record", n=0), method="POST")
    return render(response)


def record(settings: Settings, language: str, failures: int = 0) -> str:
    speaker = Speaker(settings, language)
    response = VoiceResponse()
    if failures:
        speaker.say(response, prompts.NO_RECORDING)
    speaker.say(response, prompts.RECORD)
    response.record(action=url(settings, "recorded", n=failures), method="POST",
                    max_length=settings.voice_max_record_seconds, play_beep=True,
                    finish_on_key="#", timeout=10, trim="trim-silence",
                    recording_status_callback=url(settings, "recording"),
                    recording_status_callback_method="POST",
                    recording_status_callback_event="completed absent")
    # Reached only when nothing was recorded (Twilio then skips the action).
    response.redirect(url(settings, "record", n=failures + 1), method="POST")
    return render(response)


def question(settings: Settings, language: str, step: str, prompt: Prompt, failures: int = 0,
             notice: Prompt | None = None) -> str:
    """A yes/no question answered with one key (consent, contact)."""
    speaker = Speaker(settings, language)
    action = url(settings, step, n=failures)
    response, gather = _gather(speaker, action, num_digits=1, timeout=6)
    if notice is not None:
        speaker.say(gather, notice)
    speaker.say(gather, prompt)
    response.redirect(action, method="POST")
    return render(response)


def code_entry(settings: Settings, language: str, failures: int = 0,
               notice: Prompt | None = None) -> str:
    speaker = Speaker(settings, language)
    action = url(settings, "code", n=failures)
    response, gather = _gather(speaker, action, num_digits=CODE_DIGITS, finish_on_key="#",
                               timeout=10)
    if notice is not None:
        speaker.say(gather, notice)
    speaker.say(gather, prompts.ENTER_CODE)
    response.redirect(action, method="POST")
    return render(response)


def finish(settings: Settings, language: str, case_code: str) -> str:
    """Thanks, the case code twice, how to use it, goodbye."""
    speaker = Speaker(settings, language)
    response = VoiceResponse()
    speaker.say(response, prompts.RECEIVED)
    speaker.say(response, prompts.CODE_INTRO)
    speaker.say_code(response, case_code)
    response.pause(length=1)
    speaker.say(response, prompts.CODE_AGAIN)
    speaker.say_code(response, case_code)
    speaker.say(response, prompts.CODE_KEEP)
    response.hangup()
    return render(response)


def closing(settings: Settings, language: str, prompt: Prompt) -> str:
    """One last prompt, then hang up (goodbye, follow-up done, fallback)."""
    response = VoiceResponse()
    Speaker(settings, language).say(response, prompt)
    response.hangup()
    return render(response)


def empty() -> str:
    return render(VoiceResponse())
