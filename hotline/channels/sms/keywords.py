"""SMS keywords: one table, keyed by language; English is always accepted.

A keyword counts only when it is the whole message (trimmed, ignoring case,
accents and surrounding punctuation), so a report that merely contains
"stop" or "ayuda" is still a report. ``LANG`` is the one keyword that takes
an argument ("LANG es", "idioma español").

Actions:

- ``stop``: no more messages (English words are the ones Twilio itself
  honours on long codes, plus the French ones it knows);
- ``start``: messages again after a stop;
- ``help``: what this line is and the keywords;
- ``delete``: purge the sealed number now;
- ``lang``: change the reply language;
- ``exit``: end the conversation silently (no reply, number purged). It must
  never be a word Twilio handles itself (END, QUIT ...), or Twilio would
  answer it and break the silence;
- ``police``: ask (again) whether police may see the report;
- ``yes`` / ``no``: answers to that question, and only while it is open.

Twilio answers STOP, START, YES, HELP and INFO itself unless Advanced
Opt-Out is configured (see the module docs of ``operations``).

Issue 7 extends this to 30 languages: add a column per language, nothing
else. ``keyword_conflicts()`` (run by the tests) refuses a phrase that means
two different things in two languages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

ACTIONS: Final = ("stop", "start", "help", "delete", "lang", "exit", "police", "yes", "no")


def _w(entries: str) -> tuple[str, ...]:
    return tuple(e.strip() for e in entries.split(";") if e.strip())


KEYWORDS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "en": {
        "stop": _w("stop; stopall; unsubscribe; cancel; end; quit; revoke; optout; opt out"),
        "start": _w("start; unstop"),
        "help": _w("help; info"),
        "delete": _w("delete; delete my number; forget me"),
        "lang": _w("lang; language"),
        "exit": _w("bye; goodbye"),
        "police": _w("police"),
        "yes": _w("yes; y"),
        "no": _w("no; n"),
    },
    "es": {
        "stop": _w("alto; parar; detener; baja; cancelar"),
        "start": _w("reanudar; iniciar"),
        "help": _w("ayuda; información"),
        "delete": _w("borrar; eliminar; borrar mi número"),
        "lang": _w("idioma"),
        "exit": _w("chao; chau; adiós"),
        "police": _w("policía"),
        "yes": _w("sí"),
        "no": _w("no"),
    },
    "fr": {
        "stop": _w("arrêt; arrête; arrêter; désabonner"),
        "start": _w("reprendre"),
        "help": _w("aide"),
        "delete": _w("effacer; supprimer; supprimer mon numéro"),
        "lang": _w("langue"),
        "exit": _w("ciao; adieu"),
        "police": _w("police"),
        "yes": _w("oui"),
        "no": _w("non"),
    },
    "ar": {
        "stop": _w("توقف; قف; إيقاف; إلغاء"),
        # Not ابدأ: without its hamza it is أبدا, "never".
        "start": _w("استئناف; اشتراك"),
        "help": _w("مساعدة; معلومات"),
        "delete": _w("احذف; حذف; امسح رقمي"),
        "lang": _w("لغة; اللغة"),
        "exit": _w("مع السلامة; باي"),
        "police": _w("شرطة; الشرطة"),
        "yes": _w("نعم; اي"),
        "no": _w("لا"),
    },
    # Often typed without diacritics: normalize() makes both forms equal.
    "vi": {
        "stop": _w("dừng; ngừng; hủy"),
        "start": _w("tiếp tục; bắt đầu"),
        "help": _w("giúp; trợ giúp"),
        "delete": _w("xóa; xoá; xóa số"),
        "lang": _w("ngôn ngữ"),
        "exit": _w("tạm biệt"),
        "police": _w("công an; cảnh sát"),
        "yes": _w("có; đồng ý"),
        "no": _w("không"),
    },
    "ru": {
        "stop": _w("стоп; хватит; остановить; отписаться; не писать"),
        "start": _w("старт; начать; возобновить; продолжить"),
        "help": _w("помощь; справка; инфо; pomosh"),
        "delete": _w("удалить; удали; удалите; удалить номер; udalit"),
        "lang": _w("язык; yazyk"),
        "exit": _w("пока; до свидания; всего доброго; poka"),
        "police": _w("полиция; полицию; policiya"),
        "yes": _w("да; ага; конечно; da"),
        "no": _w("нет; неа; net"),
    },
    "uk": {
        "stop": _w("стоп; досить; зупинити; відписатися"),
        "start": _w("старт; почати; відновити; продовжити"),
        "help": _w("допомога; довідка; інфо; dopomoga"),
        "delete": _w("видалити; видали; видаліть; видалити номер; vydalyty"),
        "lang": _w("мова; mova"),
        "exit": _w("бувайте; бувай; до побачення; на все добре"),
        "police": _w("поліція; поліцію; policiya"),
        "yes": _w("так; ага; звісно"),
        "no": _w("ні; не; ніт"),
    },
    "bg": {
        "stop": _w("стоп; спри; спрете; отписване"),
        "start": _w("старт; започни; поднови; продължи"),
        "help": _w("помощ; информация; инфо; pomosht"),
        "delete": _w("изтрий; изтрийте; изтриване; изтрий номера; iztrii"),
        "lang": _w("език; ezik"),
        "exit": _w("чао; довиждане; всичко хубаво; dovizhdane"),
        "police": _w("полиция; полицията; policia"),
        "yes": _w("да; da"),
        "no": _w("не; ne"),
    },
    "zh": {
        "stop": _w("退订; TD; 停止; 停止短信"),
        "start": _w("恢复; 开始; 重新订阅; 恢復"),
        "help": _w("帮助; 幫助; 说明"),
        "delete": _w("删除; 刪除; 删除号码; 刪除號碼"),
        "lang": _w("语言; 語言"),
        "exit": _w("再见; 再見; 拜拜"),
        "police": _w("警察; 警方; 报警; 報警"),
        "yes": _w("是; 同意; 好; 可以; 是的"),
        "no": _w("否; 不; 不同意; 不要; 不可以; 不行"),
    },
    "ne": {
        "stop": _w("रोक; rok; रोक्नुहोस्; बन्द; banda; band"),
        "start": _w("सुरु; suru; shuru; सुरू; चालु"),
        "help": _w("मद्दत; maddat; madat; सहयोग; sahayog"),
        "delete": _w("मेटाउ; metau; मेटाउनुहोस्; हटाउ; hatau; नम्बर मेटाउ"),
        "lang": _w("भाषा; bhasa; bhasha"),
        "exit": _w("बिदा; bida; फेरि भेटौँला; pheri bhetaula; फेरि भेटौंला"),
        "police": _w("प्रहरी; prahari; पुलिस; pulis"),
        "yes": _w("हो; ho; हजुर; hajur; हुन्छ; hunchha; huncha; अँ"),
        "no": _w("होइन; hoina; हैन; haina; नाइँ; हुँदैन; hudaina"),
    },
    "hi": {
        "stop": _w("बंद; बन्द; band; bandh; रुको; ruko; मैसेज बंद"),
        "start": _w("शुरू; शुरु; shuru; चालू; chalu"),
        "help": _w("मदद; madad; सहायता; sahayata"),
        "delete": _w("मिटाओ; mitao; हटाओ; hatao; नंबर मिटाओ; number mitao"),
        "lang": _w("भाषा; bhasha; bhasa"),
        "exit": _w("अलविदा; alvida; फिर मिलेंगे; phir milenge; बाय"),
        "police": _w("पुलिस; pulis; पोलिस"),
        "yes": _w("हाँ; हां; haan; han; haa; जी हाँ; जी; ji"),
        "no": _w("नहीं; नही; nahi; nahin; nhi; ना; जी नहीं"),
    },
    "sw": {
        "stop": _w("acha; simamisha; sitisha; acha ujumbe"),
        "start": _w("anza; endelea; anza tena"),
        "help": _w("msaada; saidia; usaidizi"),
        "delete": _w("futa; futa namba; futa nambari yangu; futa namba yangu"),
        "lang": _w("lugha"),
        "exit": _w("kwaheri; kwa heri; kwaherini; tutaonana"),
        "police": _w("polisi; polis; askari"),
        "yes": _w("ndiyo; ndio; naam; sawa"),
        "no": _w("hapana; la; siyo; sio"),
    },
    "fa": {
        "stop": _w("توقف; بس; لغو; قطع; tavaghof"),
        "start": _w("شروع; ادامه; دوباره; shoru"),
        "help": _w("کمک; راهنما; مدد; komak"),
        "delete": _w("حذف; پاک کن; حذف شماره; شماره را حذف کن; hazf"),
        "lang": _w("زبان; zaban"),
        "exit": _w("خداحافظ; خدا حافظ; بای; khodahafez"),
        "police": _w("پلیس; پولیس; پليس; پوليس; polis"),
        "yes": _w("بله; بلی; بلي; آره; bale"),
        "no": _w("نه; نخیر; نخير"),
    },
    "ur": {
        "stop": _w("بند; بند کریں; روکیں; بس; band"),
        "start": _w("شروع; شروع کریں; دوبارہ شروع; shuru"),
        "help": _w("مدد; معلومات; madad"),
        "delete": _w("حذف; مٹائیں; نمبر مٹائیں; ڈیلیٹ; hazf; mitao"),
        "lang": _w("زبان; zaban; zuban"),
        "exit": _w("خدا حافظ; خداحافظ; اللہ حافظ; khuda hafiz; allah hafiz"),
        "police": _w("پولیس; polis"),
        "yes": _w("ہاں; جی; جی ہاں; haan; han; ji"),
        "no": _w("نہیں; نہ; جی نہیں; nahi; nahin"),
    },
    "pl": {
        "stop": _w("stop; wypisz; zatrzymaj; przestań; przestan; nie wysyłaj; nie wysylaj"),
        "start": _w("start; wznów; wznow; zacznij"),
        "help": _w("pomoc; informacja; informacje"),
        "delete": _w("usuń; usun; usuń numer; usun numer; usuń mój numer; usun moj numer; skasuj"),
        "lang": _w("język; jezyk"),
        "exit": _w("pa; pa pa; do widzenia; do zobaczenia; nara"),
        "police": _w("policja; policji"),
        "yes": _w("tak; zgoda; zgadzam się; zgadzam sie"),
        "no": _w("nie; nie zgadzam się; nie zgadzam sie"),
    },
    "sq": {
        "stop": _w("ndalo; ndal; ndaloni; stop; mos më shkruani; mos me shkruani"),
        "start": _w("fillo; rifillo; nis; filloni"),
        "help": _w("ndihmë; ndihme; informacion"),
        "delete": _w("fshi; fshij; fshije; fshini; fshi numrin; fshij numrin; fshini numrin"),
        "lang": _w("gjuha; gjuhë; gjuhe"),
        "exit": _w("mirupafshim; mirpafshim; pafshim; shihemi; lamtumirë; lamtumire"),
        "police": _w("policia; policinë; policine; polici"),
        "yes": _w("po; patjetër; patjeter; po po; dakord"),
        "no": _w("jo; jo jo; jo faleminderit"),
    },
    "th": {
        "stop": _w("หยุด; หยุดส่ง; ยกเลิก"),
        "start": _w("เริ่ม; เริ่มใหม่; รับข้อความ"),
        "help": _w("ช่วยเหลือ; วิธีใช้"),
        "delete": _w("ลบ; ลบเบอร์; ลบเบอร์ฉัน"),
        "lang": _w("ภาษา"),
        "exit": _w("ลาก่อน; บาย; บายบาย"),
        "police": _w("ตำรวจ"),
        "yes": _w("ใช่; ได้; ตกลง; ยินยอม"),
        "no": _w("ไม่; ไม่ได้; ไม่ใช่; ไม่ยินยอม"),
    },
    "id": {
        "stop": _w("berhenti; henti; stop sms"),
        "start": _w("mulai; mulai lagi; lanjut"),
        "help": _w("bantuan; bantu; info bantuan"),
        "delete": _w("hapus; hapus nomor; hapus nomor saya"),
        "lang": _w("bahasa"),
        "exit": _w("sampai jumpa; babay; selamat tinggal"),
        "police": _w("polisi"),
        "yes": _w("ya; iya; setuju; boleh"),
        "no": _w("tidak; tdk; gak; nggak; enggak; ga; tidak boleh; jangan"),
    },
    "ms": {
        "stop": _w("berhenti; henti; henti sms"),
        "start": _w("mula; mula semula; sambung"),
        "help": _w("bantuan; bantu"),
        "delete": _w("padam; padam nombor; padam nombor saya"),
        "lang": _w("bahasa"),
        "exit": _w("jumpa lagi; selamat tinggal; bai bai"),
        "police": _w("polis"),
        "yes": _w("ya; ye; yer; setuju; boleh"),
        "no": _w("tidak; tak; tdk; tak boleh; jangan; tak setuju"),
    },
    "my": {
        "stop": _w("ရပ်; ရပ်ပါ; ရပ်မယ်; ရပ်တန့်"),
        "start": _w("စတင်; ပြန်စ; စမယ်; စတင်ပါ"),
        "help": _w("အကူအညီ; ကူညီပါ; အကူအညီလိုတယ်"),
        "delete": _w("ဖျက်; ဖျက်ပါ; ဖျက်မယ်; နံပါတ်ဖျက်"),
        "lang": _w("ဘာသာ; ဘာသာစကား"),
        "exit": _w("တာ့တာ; နှုတ်ဆက်ပါတယ်; သွားပြီနော်; ဘိုင့်"),
        "police": _w("ရဲ; ရဲစခန်း"),
        "yes": _w("ဟုတ်; ဟုတ်ကဲ့; ဟုတ်တယ်; ဟုတ်ကဲ့ပါ; အင်း; ရတယ်"),
        "no": _w("မဟုတ်; မဟုတ်ဘူး; မဟုတ်ပါ; ဟင့်အင်း; မရဘူး"),
    },
    "bn": {
        "stop": _w("বন্ধ; bondho; bondo; bandho; বন্ধ করুন"),
        "start": _w("শুরু; shuru; suru; চালু; chalu"),
        "help": _w("সাহায্য; sahajjo; shahajjo; সাহায্য চাই"),
        "delete": _w("মুছুন; muchun; মুছে দিন; muche din; মুছো; মুছে ফেলুন"),
        "lang": _w("ভাষা; bhasha; vasha; basha"),
        "exit": _w("বিদায়; biday; bidai; আল্লাহ হাফেজ; allah hafez; খোদা হাফেজ; khoda hafez"),
        "police": _w("পুলিশ; pulish; pulis"),
        "yes": _w("হ্যাঁ; হ্যা; হাঁ; hya; haan; জি; ji; জি হ্যাঁ"),
        "no": _w("না; na; naa; জি না; নাহ"),
    },
    "am": {
        "stop": _w("አቁም; አቁሚ; ያቁሙ; ይቁም; akum; aqum"),
        "start": _w("ጀምር; ጀምሪ; ቀጥል; jemir"),
        "help": _w("እርዳታ; erdata; irdata"),
        "delete": _w("ሰርዝ; ሰርዢ; አጥፋ; ቁጥሬን ሰርዝ; serz"),
        "lang": _w("ቋንቋ; quanqua; kuankua"),
        "exit": _w("ቻው; ቻዎ; ደህና ሁን; ደህና ሁኚ; ደህና ይሁኑ; chaw"),
        "police": _w("ፖሊስ; ፖሊሶች; polis"),
        "yes": _w("አዎ; አዎን; እሺ; awo; eshi; ishi"),
        "no": _w("አይ; አይደለም; የለም; aydelem"),
    },
    "ti": {
        "stop": _w("ኣቋርጽ; ኣቋርጹ; ደው በል; ደው ኣብል; ኣቕርጽ"),
        "start": _w("ጀምር; ጀምሩ; ቀጽል; ቀጽሉ"),
        "help": _w("ሓገዝ; ሓግዝ; hagez"),
        "delete": _w("ደምስስ; ደምስሱ; ሰርዝ; ቁጽረይ ደምስስ"),
        "lang": _w("ቋንቋ; qwanqwa"),
        "exit": _w("ቻው; ቻዎ; ደሓን ኩን; ደሓን ኩኒ; ደሓን ኩኑ; ብሰላም; ciao"),
        "police": _w("ፖሊስ; polis"),
        "yes": _w("እወ; ሕራይ; iwe; ewe; hray"),
        "no": _w("ኣይፋል; ኣይኮነን; ayfal"),
    },
    "pt": {
        "stop": _w("parar; pare; sair; cancelar; parar mensagens"),
        "start": _w("voltar; retomar; iniciar; começar; comecar"),
        "help": _w("ajuda; informação; informacao; informações; informacoes"),
        "delete": _w("""apagar; apague; excluir; deletar; apagar meu número; apagar meu numero;
            apagar número; apagar numero"""),
        "lang": _w("idioma; língua; lingua"),
        "exit": _w("tchau; xau; tchau tchau; adeus; até logo; ate logo; até mais; ate mais"),
        "police": _w("polícia; policia"),
        "yes": _w("sim; pode; pode sim; claro; sim pode"),
        "no": _w("não; nao; não pode; nao pode; nao nao"),
    },
    "ro": {
        "stop": _w("oprire; oprește; opreste; opriți; opriti; stop; dezabonare"),
        "start": _w("pornire; pornește; porneste; reîncepe; reincepe; reluare"),
        "help": _w("ajutor; informații; informatii"),
        "delete": _w("""ștergere; stergere; șterge; sterge; ștergeți; stergeti; șterge numărul;
            sterge numarul; șterge-mi numărul; sterge-mi numarul"""),
        "lang": _w("limba; limbă; limbi"),
        "exit": _w("pa; pa pa; la revedere; o zi bună; o zi buna"),
        "police": _w("poliția; politia; poliție; politie; poliţia"),
        "yes": _w("da; sigur; desigur; da sigur"),
        "no": _w("nu; nu vreau; nu nu"),
    },
    "tr": {
        "stop": _w("dur; durdur; iptal; ret; mesaj gönderme; mesaj gonderme"),
        "start": _w("başla; basla; devam; yeniden başla; yeniden basla"),
        "help": _w("yardım; yardim; bilgi"),
        "delete": _w("sil; numaramı sil; numarami sil; numarayı sil; numarayi sil"),
        "lang": _w("dil; lisan"),
        "exit": _w("""hoşça kal; hosca kal; hoşçakal; hoscakal; görüşürüz; gorusuruz; bay bay;
            güle güle; gule gule"""),
        "police": _w("polis; polise"),
        "yes": _w("evet; tamam; olur; evet olur"),
        "no": _w("hayır; hayir; yok; olmaz; istemiyorum"),
    },
    "tl": {
        "stop": _w("tigil; itigil; hinto; ihinto"),
        "start": _w("simula; ituloy; magsimula"),
        "help": _w("tulong"),
        "delete": _w("burahin; bura; burahin ang numero"),
        "lang": _w("wika"),
        "exit": _w("paalam; babay"),
        "police": _w("pulis"),
        "yes": _w("oo; opo; oho; sige; payag"),
        "no": _w("hindi; hinde; hindi po; ayaw; ayoko; di"),
    },
    "so": {
        "stop": _w("jooji; joogso; jooji fariimaha"),
        "start": _w("bilow; bilaw; sii wad"),
        "help": _w("caawimo; caawi; gargaar"),
        "delete": _w("tirtir; masax; tirtir lambarka; tirtir lambarkayga"),
        "lang": _w("luqad; luuqad; luqadda"),
        "exit": _w("nabadgelyo; nabad gelyo; nabadeey; macasalaama; macsalaama"),
        "police": _w("boolis; booliis; booliska; bolis"),
        "yes": _w("haa; haye; haah"),
        "no": _w("maya; mayo"),
    },
    "km": {
        "stop": _w("ឈប់; ឈប់ផ្ញើ; ឈប់សិន"),
        "start": _w("ចាប់ផ្ដើម; ចាប់ផ្តើម; ផ្ញើវិញ"),
        "help": _w("ជំនួយ; ជួយ; សុំជំនួយ"),
        "delete": _w("លុប; លុបលេខ; លុបចោល"),
        "lang": _w("ភាសា"),
        "exit": _w("លាហើយ; ជម្រាបលា; បាយបាយ; លាសិនហើយ"),
        "police": _w("ប៉ូលិស; ប៉ូលីស"),
        "yes": _w("បាទ; ចាស; ចា៎; ចា; បាទ/ចាស; បាទចាស; យល់ព្រម; អូខេ"),
        "no": _w("ទេ; អត់; អត់ទេ; មិនព្រម; មិនយល់ព្រម"),
    },
    "ha": {
        "stop": _w("tsaya; daina; dakata; bari"),
        "start": _w("fara; ci gaba; sake farawa"),
        "help": _w("taimako"),
        "delete": _w("goge; goge lambata; share lambata"),
        "lang": _w("harshe; yare"),
        "exit": _w("sai anjima; sai an jima; sai wani lokaci; sai an kwana"),
        "police": _w("'yan sanda; yan sanda; ƴan sanda; dan sanda; ɗan sanda"),
        "yes": _w("ee; i; eh; na'am"),
        "no": _w("a'a; aa; a a"),
    },
}

_EDGE_PUNCTUATION: Final = ".,;:!?¡¿'\"()[]«»“”‘’…-–—؟،؛*#"
# Letters that are distinct code points, not a base letter plus a mark.
_FOLD: Final = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ı": "i", "ß": "ss"})


@dataclass(frozen=True)
class Keyword:
    action: str
    language: str  # the table column it matched ("en" for shared English words)
    argument: str = ""


def normalize(text: str) -> str:
    """Casefolded, without accents or diacritics, edge punctuation or extra
    spaces: "¡Ayúda!" -> "ayuda", "أُبدأ" -> "ابدا"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    bare = bare.replace("\u0640", "")  # Arabic tatweel
    words = [w.strip(_EDGE_PUNCTUATION) for w in bare.casefold().translate(_FOLD).split()]
    return " ".join(w for w in words if w)


@lru_cache(maxsize=64)
def _table(languages: tuple[str, ...], prefer: str | None) -> dict[str, tuple[str, str]]:
    """normalized phrase -> (action, language): the preferred language first,
    then English, then the others in their order."""
    table: dict[str, tuple[str, str]] = {}
    first = (prefer,) if prefer in languages and prefer != "en" else ()
    for language in (*first, "en", *[code for code in languages if code not in ("en", *first)]):
        for action, phrases in KEYWORDS.get(language, {}).items():
            for phrase in phrases:
                table.setdefault(normalize(phrase), (action, language))
    return table


def match(text: str, languages: Iterable[str], prefer: str | None = None) -> Keyword | None:
    """The keyword this whole message is, or None if it is not one.

    ``prefer`` is the conversation's language: where a phrase means one thing
    there and another elsewhere ("tak" is yes in Polish, no in Malay), the
    conversation's language decides."""
    cleaned = normalize(text)
    if not cleaned or len(cleaned) > 40:
        return None
    table = _table(tuple(languages), prefer)
    found = table.get(cleaned)
    if found is not None:
        return Keyword(*found)
    # LANG <argument>: the keyword may be one or two words ("ngon ngu vi").
    words = cleaned.split()
    for size in (2, 1):
        head = " ".join(words[:size])
        found = table.get(head)
        if found is not None and found[0] == "lang" and len(words) > size:
            return Keyword("lang", found[1], " ".join(words[size:]))
    return None


# Answers to the police question, read only inside a conversation, whose
# language decides between them (see ``match``).
_ANSWERS: Final = frozenset({"yes", "no"})


def keyword_conflicts(languages: Iterable[str] | None = None) -> list[str]:
    """Phrases that mean different actions in different languages, except a
    yes in one language that is a no in another: those are only answers
    within a conversation, and its language decides."""
    seen: dict[str, str] = {}
    problems = []
    for language in languages or KEYWORDS:
        for action, phrases in KEYWORDS.get(language, {}).items():
            for phrase in phrases:
                key = normalize(phrase)
                other = seen.setdefault(key, action)
                if other != action and not {other, action} <= _ANSWERS:
                    problems.append(f"{language}: {phrase!r} is {action}, elsewhere {other}")
    return problems
