"""The voice call flow, driven with webhooks signed as Twilio signs them:
language menu, safety message, recording, consent, contact, the case code
read out twice; a returning caller's follow-up; invalid keys and timeouts
that repeat a question at most twice and then end politely."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hotline.audit.models import AuditEntry
from hotline.cases.models import Case, Message
from hotline.channels.sms.models import SmsConversation
from hotline.channels.sms.relay import open_number
from hotline.channels.voice.models import VoiceCall, VoiceMissedCalls, VoiceRecording
from hotline.db import utcnow
from hotline.extensions import db
from hotline.outbox.models import Job
from tests.integration.test_sms_webhook import texts_of

SPEAKERS = {"en": ("en-US", "Polly.Joanna"), "es": ("es-MX", "Polly.Mia"),
            "fr": ("fr-FR", "Polly.Lea"), "ar": ("ar-XA", "Google.ar-XA-Standard-A")}
MENU = {"en": "For English, press 1.", "es": "Para español, oprima 2.",
        "fr": "Pour le français, appuyez sur 3.", "ar": "للغة العربية، اضغط 4."}
SAFETY = {
    "en": "If you cannot talk safely, hang up now. You can also send a text message to this number.",
    "es": "Si no puede hablar con seguridad, cuelgue ahora. También puede enviar un mensaje de "
          "texto a este número.",
    "ar": "إذا لم تستطع التحدث بأمان، أغلق الخط الآن. يمكنك أيضًا إرسال رسالة نصية إلى هذا الرقم.",
}
DIGIT = {"en": "1", "es": "2", "fr": "3", "ar": "4"}
PLACEHOLDER = {"en": "[voice recording, 42 s]", "es": "[grabación de voz, 42 s]",
               "ar": "[تسجيل صوتي، 42 ث]"}


def says(root) -> list[tuple[str | None, str | None, str]]:
    return [(el.get("language"), el.get("voice"), el.text or "") for el in root.iter("Say")]


def next_url(root) -> str:
    """Where the call goes next: the Gather's action, else the Redirect."""
    gather = root.find("Gather")
    if gather is not None:
        return gather.get("action")
    return root.find("Redirect").text


def choose(voice, call: str, language: str):
    voice.xml(voice.step("/twilio/voice", call))
    return voice.xml(voice.step("/twilio/voice/language?n=0", call, Digits=DIGIT[language]))


def record(voice, call: str, *, seconds: str = "42", failures: int = 0):
    sid, url = voice.new_recording()
    root = voice.xml(voice.step(f"/twilio/voice/recorded?n={failures}", call, RecordingSid=sid,
                                RecordingUrl=url, RecordingDuration=seconds, Digits="#"))
    return root, sid, url


def only_case(app) -> Case:
    with app.app_context():
        case = db.session.scalars(select(Case)).one()
        db.session.expunge_all()
        return case


def test_menu_offers_every_language_in_its_own_voice(voice):
    root = voice.xml(voice.step("/twilio/voice", voice.new_call()))
    gather = root.find("Gather")
    assert gather.get("numDigits") == "1" and gather.get("input") == "dtmf"
    assert gather.get("action") == "http://127.0.0.1:5000/twilio/voice/language?n=0"
    spoken = says(gather)
    # The caller's number is Spanish: Spanish is spoken first, keeping its key.
    order = ("es", "en", "fr", "ar")
    assert [(tag, name) for tag, name, _ in spoken] == [SPEAKERS[c] for c in order]
    assert [text for _, _, text in spoken] == [MENU[c] for c in order]
    assert root.find("Redirect").text == gather.get("action")  # a timeout comes back


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_whole_call_in_the_chosen_language(voice, app, admin, language):
    tag, name = SPEAKERS[language]
    call = voice.new_call()
    root = choose(voice, call, language)
    # The safety message, in the chosen language and voice; 0 leads to the code entry.
    gather = root.find("Gather")
    assert gather.get("language") == tag and gather.get("action").endswith("/twilio/voice/intro")
    assert says(gather)[0] == (tag, name, SAFETY[language])
    assert next_url(root).endswith("/twilio/voice/intro")
    assert root.find("Redirect").text.endswith("/twilio/voice/record?n=0")

    root = voice.xml(voice.step("/twilio/voice/intro", call))  # no key: go on to record
    [rec] = root.iter("Record")
    assert rec.get("maxLength") == "300" and rec.get("playBeep") == "true"
    assert rec.get("recordingStatusCallback") == "http://127.0.0.1:5000/twilio/voice/recording"
    assert rec.get("action") == "http://127.0.0.1:5000/twilio/voice/recorded?n=0"
    assert all(say[0] == tag for say in says(root))

    root, _sid, _url = record(voice, call)
    gather = root.find("Gather")
    assert gather.get("action").endswith("/twilio/voice/consent?n=0")
    assert says(gather)[0][0] == tag
    case = only_case(app)
    assert (case.channel, case.language, case.status) == ("voice", language, "new")
    if language in PLACEHOLDER:
        assert texts_of(app, admin, case.id) == [PLACEHOLDER[language]]

    root = voice.xml(voice.step("/twilio/voice/consent?n=0", call, Digits="1"))
    assert root.find("Gather").get("action").endswith("/twilio/voice/contact?n=0")
    assert only_case(app).consent_law_enforcement is True
    root = voice.xml(voice.step("/twilio/voice/contact?n=0", call, Digits="2"))
    spoken = [text for _, _, text in says(root)]
    digits = ", ".join(case.case_code) + "."
    assert spoken.count(digits) == 2, spoken  # read out digit by digit, twice
    assert all(say[0] == tag for say in says(root))
    assert root.find("Hangup") is not None
    assert only_case(app).safe_to_contact is False

    voice.step("/twilio/voice/status", call, CallStatus="completed")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(VoiceCall)) == 0
        assert db.session.scalar(select(func.count()).select_from(VoiceMissedCalls)) == 0
        consent = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "consent.recorded")).one()
        assert '"source":"voice"' in consent.details


def test_contact_yes_seals_the_number_for_texts_back(voice, app):
    call = voice.new_call()
    choose(voice, call, "es")
    record(voice, call)
    voice.step("/twilio/voice/consent?n=0", call, Digits="2")
    voice.xml(voice.step("/twilio/voice/contact?n=0", call, Digits="1"))
    case = only_case(app)
    assert case.safe_to_contact is True and case.consent_law_enforcement is False
    with app.app_context():
        conversation = db.session.scalars(select(SmsConversation)).one()
        assert conversation.case_id == case.id and conversation.language == "es"
        assert open_number(voice.settings, conversation.id, conversation.relay_sealed) == voice.caller
    # A text from the same number now joins the voice case.
    voice.text(voice.caller, "También hay niños en la casa.")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1
        assert db.session.scalar(select(func.count()).select_from(Message)) == 2


def test_returning_caller_adds_a_follow_up(voice, app, admin):
    first = voice.new_call()
    choose(voice, first, "en")
    record(voice, first)
    case = only_case(app)

    call = voice.new_call()
    choose(voice, call, "en")
    root = voice.xml(voice.step("/twilio/voice/intro", call, Digits="0"))
    gather = root.find("Gather")
    assert gather.get("numDigits") == "10" and gather.get("finishOnKey") == "#"
    root = voice.xml(voice.step("/twilio/voice/code?n=0", call, Digits=case.case_code))
    assert root.find("Record") is not None
    root, _sid, _url = record(voice, call, seconds="7")
    assert [text for _, _, text in says(root)] == [
        "Thank you. We added your message to your case. Goodbye."]
    assert root.find("Hangup") is not None
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1
        assert db.session.scalar(select(func.count()).select_from(VoiceRecording)) == 2
    assert texts_of(app, admin, case.id) == ["[voice recording, 42 s]",
                                             "[voice recording, 7 s]"]


def test_invalid_keys_and_timeouts_repeat_the_menu_twice_then_end(voice, app):
    call = voice.new_call()
    voice.step("/twilio/voice", call)
    root = voice.xml(voice.step("/twilio/voice/language?n=0", call, Digits="9"))
    assert says(root)[0][2] == "Sorry, that is not one of the choices."
    assert next_url(root).endswith("/language?n=1")
    root = voice.xml(voice.step("/twilio/voice/language?n=1", call))  # timeout: no Digits
    assert says(root)[0][2] == "Sorry, we did not hear a key press."
    assert next_url(root).endswith("/language?n=2")
    root = voice.xml(voice.step("/twilio/voice/language?n=2", call, Digits="*"))
    assert [text for _, _, text in says(root)] == [
        "We are sorry we could not help you this time. Please call again, or send a text "
        "message to this number. Goodbye."]
    assert root.find("Hangup") is not None and root.find("Gather") is None
    voice.step("/twilio/voice/status", call, CallStatus="completed")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 0
        assert db.session.scalar(select(func.count()).select_from(VoiceCall)) == 0
        missed = db.session.scalars(select(VoiceMissedCalls)).one()
        assert (missed.day, missed.calls) == (utcnow().date(), 1)


def test_unanswered_questions_repeat_then_count_as_no(voice, app):
    call = voice.new_call()
    choose(voice, call, "es")
    record(voice, call)
    root = voice.xml(voice.step("/twilio/voice/consent?n=0", call, Digits="7"))
    assert says(root)[0][2] == "Lo sentimos, esa no es una de las opciones."
    root = voice.xml(voice.step("/twilio/voice/consent?n=1", call))
    assert says(root)[0][2] == "Lo sentimos, no detectamos ninguna tecla."
    root = voice.xml(voice.step("/twilio/voice/consent?n=2", call))
    assert next_url(root).endswith("/contact?n=0")  # no answer is no consent; go on
    assert only_case(app).consent_law_enforcement is False


def test_unknown_case_code_and_silence_end_politely(voice, app):
    call = voice.new_call()
    choose(voice, call, "fr")
    voice.step("/twilio/voice/intro", call, Digits="0")
    root = voice.xml(voice.step("/twilio/voice/code?n=0", call, Digits="1234567890"))
    assert says(root)[0][2] == "Nous n'avons pas trouvé ce code de dossier."
    voice.step("/twilio/voice/code?n=1", call, Digits="12")
    root = voice.xml(voice.step("/twilio/voice/code?n=2", call))
    assert root.find("Hangup") is not None
    # Silence at the tone: Twilio skips the action and follows the Redirect.
    root = voice.xml(voice.step("/twilio/voice/record?n=1", call))
    assert says(root)[0][2] == "Nous n'avons pas entendu de message."
    assert root.find("Redirect").text.endswith("/record?n=2")
    root = voice.xml(voice.step("/twilio/voice/record?n=3", call))
    assert root.find("Hangup") is not None and root.find("Record") is None
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 0


def test_fallback_apologises_in_the_callers_language(voice):
    call = voice.new_call()
    choose(voice, call, "ar")
    root = voice.xml(voice.step("/twilio/voice/fallback", call, ErrorCode="11200"))
    [(tag, _name, text)] = says(root)
    assert tag == "ar-XA" and text.startswith("عذرًا، لدينا مشكلة تقنية.")
    assert root.find("Hangup") is not None
    root = voice.xml(voice.step("/twilio/voice/fallback", voice.new_call()))
    assert says(root)[0][0] == "en-US" and "text message" in says(root)[0][2]


def test_bad_signature_is_refused_and_nothing_is_stored(voice, app):
    call = voice.new_call()
    response = voice.post("/twilio/voice", voice.call_params(call), signature="bm9wZQ==")
    assert response.status_code == 403
    response = voice.client.post("/twilio/voice", data=voice.call_params(call))
    assert response.status_code == 403
    # Signed for another URL (a step replayed elsewhere) is refused too.
    params = voice.call_params(call, Digits="1")
    response = voice.post("/twilio/voice/language?n=0", params,
                          signature=voice.signature("/twilio/voice/language?n=1", params))
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(VoiceCall)) == 0
        assert db.session.scalar(select(func.count()).select_from(Job)) == 0


def test_hang_up_before_recording_leaves_only_the_counter(voice, app):
    with app.app_context():
        audited = db.session.scalar(select(func.count()).select_from(AuditEntry))
    for _ in range(2):
        call = voice.new_call()
        choose(voice, call, "en")
        voice.step("/twilio/voice/status", call, CallStatus="completed")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(VoiceCall)) == 0
        assert db.session.scalars(select(VoiceMissedCalls.calls)).one() == 2
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == audited
        kinds = sorted(db.session.scalars(select(Job.kind)))
        # The hourly sweep chain, and each call's record deleted at the provider.
        assert kinds == ["voice.delete_call", "voice.delete_call", "voice.sweep_calls"]


def test_malformed_or_oversize_webhooks_get_a_clear_4xx(voice, app):
    params = voice.call_params("CA-not-a-sid")
    assert voice.post("/twilio/voice", params).status_code == 400
    params = voice.call_params(voice.new_call(), Padding="x" * 40_000)
    assert voice.post("/twilio/voice", params).status_code == 413
    params = voice.call_params(voice.new_call(), RecordingSid="RE123", RecordingUrl="ftp://x")
    assert voice.post("/twilio/voice/recorded?n=0", params).status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(VoiceCall)) == 0
        assert db.session.scalar(select(func.count()).select_from(Job)) == 0


def test_the_callers_country_language_is_offered_first_with_its_usual_key(voice, app):
    """With thirty languages a caller should not wait through the whole menu: the
    language of their number's country is spoken first; every key stays the same."""
    from hotline.intake.languages import ALL_LANGUAGES

    voice.configure(languages=ALL_LANGUAGES)
    keys = {code: str(position) for position, code in enumerate(ALL_LANGUAGES, start=1)}
    for caller, language in (("+251911234567", "am"), ("+34611000222", "es"),
                             ("+12025550143", "en")):
        voice.caller = caller
        gather = voice.xml(voice.step("/twilio/voice", voice.new_call())).find("Gather")
        options = [el for el in gather if el.tag in ("Say", "Play")]
        assert len(options) == len(ALL_LANGUAGES)
        first = options[0]
        if first.tag == "Play":
            assert first.text.endswith(f"/prompts/{language}/option-{keys[language]}.wav")
        else:
            assert keys[language] in first.text
        call = voice.new_call()
        voice.step("/twilio/voice", call)
        root = voice.xml(voice.step("/twilio/voice/language?n=0", call, Digits=keys[language]))
        assert root.find("Gather").get("action").endswith("/twilio/voice/intro")
        with app.app_context():
            chosen = db.session.scalars(select(VoiceCall.language)
                                        .where(VoiceCall.language.is_not(None))).all()
        assert language in chosen
    voice.caller = "+442071838750"  # UK: English, which is first anyway
    gather = voice.xml(voice.step("/twilio/voice", voice.new_call())).find("Gather")
    assert "1" in gather.find("Say").text
