"""The whole SMS and voice path in five scripts: Latin (Spanish), Arabic,
Cyrillic (Russian), Devanagari (Hindi) and Ethiopic (Amharic).

Each conversation is driven through the signed webhooks: the report is
detected in its language, the auto-replies come back in that language and
script and name that language's keywords, the keywords typed in that
language (HELP, police consent YES, LANG, STOP/START, DELETE) are honoured,
and the call is spoken in the language's Twilio voice, or played from the
shipped espeak-ng prompt files where Twilio has none (Amharic).
"""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import select

from hotline.cases.models import Case
from hotline.channels.sms import texts
from hotline.channels.sms.keywords import KEYWORDS
from hotline.channels.sms.models import SmsConversation
from hotline.channels.voice import prompt_audio
from hotline.channels.voice.voices import twilio_voice
from hotline.extensions import db

ENABLED = ("en", "es", "ar", "ru", "hi", "am")

# language: (script's Unicode name prefix, a sender in a country that speaks it, a report)
CONVERSATIONS = {
    "es": ("LATIN", "+34600000123", "Me quitaron el pasaporte y no me pagan desde hace tres meses"),
    "ar": ("ARABIC", "+201001234567", "أخذوا جواز سفري ولا يدفعون لي راتبي منذ ثلاثة أشهر"),
    "ru": ("CYRILLIC", "+79161234567", "У меня забрали паспорт и не платят зарплату уже три месяца"),
    "hi": ("DEVANAGARI", "+919812345678", "उन्होंने मेरा पासपोर्ट ले लिया और तीन महीने से पैसे नहीं दिए"),
    "am": ("ETHIOPIC", "+251911234567", "ፓስፖርቴን ወሰዱብኝ፤ ለሦስት ወር ደመወዝ አልከፈሉኝም፤ ከቤት እንድወጣ አይፈቅዱልኝም"),
}


def script_share(text: str, script: str) -> float:
    """The share of the letters of ``text`` that belong to ``script``."""
    letters = [ch for ch in text if unicodedata.category(ch).startswith("L")]
    return sum(unicodedata.name(ch, "").startswith(script) for ch in letters) / len(letters)


def word(language: str, action: str) -> str:
    return KEYWORDS[language][action][0]


def state(app) -> tuple[Case, SmsConversation]:
    with app.app_context():
        conversation = db.session.scalars(select(SmsConversation)).one()
        case = db.session.get(Case, conversation.case_id)
        db.session.expunge_all()
        return case, conversation


def expected(app, render, *args) -> str:
    with app.test_request_context():
        return render(*args)


@pytest.mark.parametrize("language", list(CONVERSATIONS))
def test_sms_conversation_in_its_own_script(sms, app, language):
    script, sender, report = CONVERSATIONS[language]
    sms.configure(languages=ENABLED)
    assert set(KEYWORDS[language]) >= {"stop", "start", "help", "delete", "lang", "exit",
                                       "police", "yes", "no"}

    welcome, question = sms.replies(sms.text(sender, report))
    case, conversation = state(app)
    assert case.language == language and conversation.language == language
    assert welcome == expected(app, texts.welcome, language, case.case_code, ENABLED)
    assert welcome != expected(app, texts.welcome, "en", case.case_code, ENABLED)
    assert word(language, "stop").upper() in welcome and word(language, "delete").upper() in welcome
    assert question == expected(app, texts.consent_question, language)
    if script != "LATIN":
        assert script_share(welcome, script) > 0.6 and script_share(question, script) > 0.6

    [reply] = sms.replies(sms.text(sender, word(language, "yes")))
    assert reply == expected(app, texts.consent_given, language)
    assert state(app)[0].consent_law_enforcement is True

    [reply] = sms.replies(sms.text(sender, word(language, "help").upper()))
    assert reply == expected(app, texts.help_text, language, ENABLED)

    [reply] = sms.replies(sms.text(sender, f"{word(language, 'lang')} en"))
    assert reply == "We will write to you in English." and state(app)[1].language == "en"
    [reply] = sms.replies(sms.text(sender, f"LANG {language}"))
    assert reply == expected(app, texts.language_changed, language)
    assert state(app)[1].language == language

    [reply] = sms.replies(sms.text(sender, word(language, "stop")))
    assert reply == expected(app, texts.stopped, language)
    assert sms.replies(sms.text(sender, word(language, "help"))) == []  # silent while stopped
    [reply] = sms.replies(sms.text(sender, word(language, "start")))
    assert reply == expected(app, texts.started, language)

    [reply] = sms.replies(sms.text(sender, word(language, "delete")))
    assert reply == expected(app, texts.report_deleted, language)
    with app.app_context():  # the number and the report are gone
        assert db.session.scalars(select(SmsConversation)).first() is None
        assert db.session.scalars(select(Case)).first() is None
    if script != "LATIN":
        assert script_share(reply, script) > 0.6


def spoken(gather) -> list[tuple[str, str | None, str]]:
    """("say", language tag, text) or ("play", None, file name), in order."""
    out = []
    for element in gather:
        if element.tag == "Say":
            out.append(("say", element.get("language"), element.text or ""))
        elif element.tag == "Play":
            out.append(("play", None, (element.text or "").rsplit("/", 1)[-1]))
    return out


@pytest.mark.parametrize("language", list(CONVERSATIONS))
def test_call_in_its_own_language(voice, app, admin, language):
    script = CONVERSATIONS[language][0]
    voice.configure(languages=ENABLED)
    voice.caller = CONVERSATIONS[language][1]  # a number of a country that speaks it
    digit = str(ENABLED.index(language) + 1)
    call = voice.new_call()
    menu = spoken(voice.xml(voice.step("/twilio/voice", call)).find("Gather"))
    option = menu[0]  # the country's language is offered first, with its usual key
    speaker = twilio_voice(language)
    if speaker is not None:
        assert option[:2] == ("say", speaker.tag)
        assert digit in option[2] and script_share(option[2], script) > 0.5
    else:  # no Twilio voice: the shipped prompt file, which really exists
        assert option == ("play", None, f"option-{digit}.wav")
        assert prompt_audio.prompt_path(language, f"option-{digit}") is not None

    root = voice.xml(voice.step("/twilio/voice/language?n=0", call, Digits=digit))
    safety = spoken(root.find("Gather"))
    if speaker is not None:
        assert root.find("Gather").get("language") == speaker.tag
        assert all(tag == speaker.tag for kind, tag, _ in safety if kind == "say")
        assert script_share(safety[0][2], script) > 0.6
    else:
        assert [name for _, _, name in safety] == ["safety.wav", "returning.wav"]
        for name in ("safety", "returning", "consent", "contact", "received", "code-intro"):
            assert prompt_audio.prompt_path(language, name) is not None, name

    voice.step("/twilio/voice/intro", call)
    sid, url = voice.new_recording()
    voice.step("/twilio/voice/recorded?n=0", call, RecordingSid=sid, RecordingUrl=url,
               RecordingDuration="30", Digits="#")
    voice.step("/twilio/voice/consent?n=0", call, Digits="1")
    root = voice.xml(voice.step("/twilio/voice/contact?n=0", call, Digits="2"))
    with app.app_context():
        case = db.session.scalars(select(Case)).one()
        assert (case.channel, case.language, case.consent_law_enforcement) == (
            "voice", language, True)
        code = case.case_code
    if speaker is not None:
        says = [el for el in root.iter("Say")]
        assert says and all(el.get("language") == speaker.tag for el in says)
    else:
        played = [el.text.rsplit("/", 1)[-1] for el in root.iter("Play")]
        assert played.count(f"digit-{code[0]}.wav") >= 2 and root.find("Say") is None
