"""Keyword tables for category and urgency, per language.

Plain data, reviewed by native speakers on the team before each release;
admins add words at run time through routing rules (extra_words), not here.

Notation, applied by hotline.intake.classify:
- entries are matched as whole words or phrases, ignoring case and accents
  (Latin, Cyrillic and Arabic diacritics; Arabic hamza/yeh/kaf variants);
- a trailing ``*`` makes the last word a prefix ("prostitu*");
- Arabic entries also match after the proclitics و ف ب ل ك ال;
- Chinese, Thai, Burmese and Khmer entries match anywhere (no spaces).

Signs common to every form of exploitation (a confiscated passport, threats)
are left out of the categories: they would outvote the specific words.

Entries are phrases where a single word would also mean something harmless
("no pay", not "pay"); in Vietnamese, which is often typed without
diacritics, single syllables are avoided because they collide once
stripped ("lương" salary / "lượng" amount).
"""

from __future__ import annotations

from typing import Final


def _w(entries: str) -> tuple[str, ...]:
    return tuple(e.strip() for e in entries.split(";") if e.strip())


CATEGORY_KEYWORDS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "en": {
        "labour": _w("""forced labour; forced labor; forced to work; work without pay;
            without pay; unpaid; not paid; no pay; never paid; wages; salary; debt*; owe them;
            recruitment fee*; recruiter*; agency fee*; factory; farm; plantation;
            construction site; fishing boat; domestic worker*; housemaid; maid; nanny; kafala;
            no day off; no days off; overtime; employer*;
            slave*"""),
        "sexual": _w("""prostitut*; brothel*; sex work*; sex trafficking; sexual*; rape*;
            raped; massage parlo*; escort*; pimp*; porn*; strip club*; webcam*; onlyfans;
            sell my body; sell her body; have sex; sleep with men; clients; naked; nude*"""),
        "forced_marriage": _w("""forced marriage; forced to marry; force me to marry;
            make me marry; married off; marry; marriage; arranged marriage; bride*; dowry;
            husband; wedding; child marriage; engaged to"""),
        "drugs": _w("""drug*; cocaine; heroin; meth; methamphetamine; crystal meth; marijuana;
            cannabis; weed; fentanyl; pills; mule; carry packages; dealer*; cartel*;
            grow house; county lines"""),
        "other": _w("""beg; begging; forced to beg; organ; organs; kidney*; steal; stealing;
            pickpocket*; shoplift*; scam*; online fraud; fraud; call center; pig butchering;
            forced to commit crime*; child soldier*; armed group"""),
    },
    "es": {
        "labour": _w("""trabajo forzado; trabajo forzoso; sin pago; sin paga; no me pagan;
            no me paga; no nos pagan; sueldo; salario; deuda*; le debo; les debo;
            reclutador*; enganchador*; fábrica; finca; rancho; obra; construcción;
            barco pesquero; trabajadora doméstica; trabajadora del hogar; empleada doméstica;
            patrón; patrona; horas extra*; sin descanso; maquila*;
            jornalero*; cosecha; esclav*"""),
        "sexual": _w("""prostitu*; burdel*; trabajo sexual; sexo; sexual*; viola*;
            abuso sexual; explotación sexual; casa de citas; fichera*; padrote*; proxeneta*;
            chulo; clientes; porno*; masajes; acompañante*; vender mi cuerpo; desnud*"""),
        "forced_marriage": _w("""matrimonio forzado; matrimonio forzoso; casarme; casar;
            casarse; me casaron; boda; esposo; marido; dote; matrimonio infantil;
            unión forzada"""),
        "drugs": _w("""droga*; cocaína; heroína; metanfetamina; cristal; marihuana; mota;
            fentanilo; pastillas; mula; burrero*; paquetes; narco*; cártel*; cartel*;
            halcón; halcones"""),
        "other": _w("""pedir dinero; mendigar; mendicidad; pedir limosna; órgano*; riñón;
            robar; robo; carterista*; estafa*; fraude; call center; sicario*"""),
    },
    "fr": {
        "labour": _w("""travail forcé; sans salaire; pas payé*; jamais payé*; salaire; dette*;
            je dois; recruteur*; frais de recrutement; usine; ferme; chantier;
            bateau de pêche; domestique; employée de maison; bonne; patron*; employeur*;
            heures supplémentaires; pas de repos; pas de jour de repos;
            esclavage; esclave*"""),
        "sexual": _w("""prostitu*; bordel*; maison close; travail du sexe; sexe; sexuel*;
            viol; violée; violé; violer; proxénète*; souteneur*; clients; porno*; massage*;
            escort*; vendre mon corps; nue; nues"""),
        "forced_marriage": _w("""mariage forcé; marier; me marier; mariée de force; épouser;
            mariage; mari; fiancé*; dot; mariage précoce; mariage d'enfant*"""),
        "drugs": _w("""drogue*; cocaïne; héroïne; méthamphétamine; cannabis; marijuana;
            fentanyl; mule; passeur de drogue; dealer*; trafic de drogue; point de deal;
            guetteur*; cartel*"""),
        "other": _w("""mendier; mendicité; organe*; rein; reins; voler; pickpocket*; arnaque*;
            escroquerie*; fraude"""),
    },
    "ar": {
        "labour": _w("""عمل قسري; عمل بالسخرة; سخرة; بدون راتب; بلا راتب; لا يدفعون;
            لم يدفعوا; راتب; راتبي; رواتب; أجر; أجري; أجور; ديون; مديون; مديونة; كفيل;
            كفالة; مصنع; مزرعة; بناء; ورشة;
            عاملة منزلية; خادمة; شغالة; صاحب العمل; استقدام; مكتب استقدام; ساعات طويلة;
            بدون إجازة; بلا إجازة; عبودية"""),
        # Not "جنسي*": it would match جنسية (nationality).
        "sexual": _w("""دعارة; بغاء; بيت دعارة; جنس; جنسي; جنسيا; ممارسة الجنس; اغتصاب;
            اغتصبني; اغتصبوني; تحرش; قواد; زبائن; إباحي; إباحية; تدليك; بيع جسدي"""),
        "forced_marriage": _w("""زواج قسري; زواج بالإكراه; زوجوني; تزويج; زواج القاصرات;
            زواج مبكر; زواج; زوجي; عريس; مهر; أجبروني على الزواج"""),
        "drugs": _w("""مخدرات; مخدر; كوكايين; هيروين; حشيش; كبتاجون; ميثامفيتامين; شبو;
            ترامادول; تهريب المخدرات; مروج; مروجين; تاجر مخدرات"""),
        "other": _w("""تسول; أعضاء; بيع الكلى; سرقة; نشل; احتيال; نصب"""),
    },
    "ru": {
        "labour": _w("""принудительный труд; принудительного труда; без оплаты; не платят;
            не платит; не заплатил*; зарплат*; долг*; должен; должна; вербовщик*; завод;
            фабрик*; ферм*; стройк*; строительств*; рыболовн*; домработниц*; прислуг*;
            работодател*; хозяин; без выходных; сверхурочн*; рабство; раб; рабыня"""),
        "sexual": _w("""проститу*; бордел*; публичный дом; секс*; сексуальн*; интим*;
            изнасил*; сутенер*; клиент*; порно*; массажный салон; эскорт*; продавать тело;
            вебкам*"""),
        "forced_marriage": _w("""принудительный брак; выдали замуж; выдать замуж;
            выдают замуж; замуж; жениться; брак; свадьб*; муж; невест*; калым;
            похищение невесты; ранний брак"""),
        "drugs": _w("""наркот*; кокаин; героин; метамфетамин; мефедрон; марихуан*; гашиш;
            закладк*; кладмен*; наркокурьер*; барыг*; спайс"""),
        # Not "орган*": it would match организация.
        "other": _w("""попрошайнич*; милостын*; органы; органов; почк*; воровать; краж*;
            мошенничеств*; колл центр; скам"""),
    },
    "vi": {
        "labour": _w("""lao động cưỡng bức; cưỡng bức lao động; không trả lương;
            không được trả lương; không trả tiền; tiền lương; trả lương; nợ nần; món nợ;
            trả nợ; khoản nợ; môi giới; phí môi giới; nhà máy; công trường; tàu cá;
            giúp việc; người giúp việc; chủ lao động; tăng ca;
            không có ngày nghỉ; nô lệ"""),
        "sexual": _w("""mại dâm; bán dâm; mua dâm; gái mại dâm; tình dục; hiếp dâm;
            cưỡng hiếp; khách làng chơi; karaoke ôm; kích dục; khiêu dâm"""),
        "forced_marriage": _w("""cưỡng ép kết hôn; ép kết hôn; ép cưới; ép lấy chồng;
            kết hôn; lấy chồng; cô dâu; bán cô dâu; đám cưới; tảo hôn; lấy vợ"""),
        "drugs": _w("""ma túy; ma túy đá; heroin; cocaine; thuốc lắc; cần sa; buôn ma túy;
            vận chuyển ma túy; trồng cần sa"""),
        "other": _w("""ăn xin; xin tiền; nội tạng; lừa đảo; lừa đảo trực tuyến; trộm cắp;
            móc túi"""),
    },
    "uk": {
        "labour": _w("""примусова праця; без оплати; не платять; не заплатил*; зарплат*; борг*;
            вербувальник*; будівництв*; хатня робітниця; прислуг*; роботодав*; без вихідних;
            понаднормов*; рабство"""),
        "sexual": _w("""проститу*; бордел*; публічний дім; сексуальн*; інтим*; зґвалтув*; згвалтув*;
            сутенер*; масажний салон; ескорт*; продавати тіло; вебкам*; порно*"""),
        "forced_marriage": _w("""примусовий шлюб; видали заміж; видати заміж; видають заміж;
            змушують одружитися; змушують вийти заміж; ранній шлюб; викрадення нареченої; весілл*;
            наречен*"""),
        "drugs": _w("""наркот*; кокаїн; героїн; метамфетамін; мефедрон; марихуан*; гашиш; закладк*;
            кладмен*; наркокур'єр*; спайс"""),
        "other": _w("""жебрацтв*; жебракувати; милостин*; продаж органів; продати органи; нирк*;
            змушують красти; крадіжк*; шахрайств*; кол центр; скам"""),
    },
    "bg": {
        "labour": _w("""принудителен труд; без заплащане; не ми плащат; не плащат; заплат*; дълг*;
            вербовчик*; строеж*; прислужниц*; домашна помощниц*; работодател*; без почивен ден;
            извънредн*; робство"""),
        "sexual": _w("""проститу*; публичен дом; бардак; сексуалн*; изнасил*; сводник*; сутеньор*;
            масажен салон; ескорт*; да продавам тялото си; уебкам*; порно*; клиенти"""),
        "forced_marriage": _w("""принудителен брак; омъжиха ме; да ме омъжат; искат да ме омъжат;
            насила да се омъжа; насила да се оженя; ранен брак; детски брак; сватб*; годеж*; булка"""),
        "drugs": _w("""наркоти*; дрога; кокаин; хероин; метамфетамин; амфетамин*; марихуан*; дилър*;
            пласьор*; наркотрафик*; куриер на дрога"""),
        "other": _w("""просия; да прося; просят; продажба на органи; да продам бъбрек; бъбрек; бъбреци;
            карат ме да крада; кражб*; измам*; кол център; джебчи*"""),
    },
    "zh": {
        "labour": _w("""强迫劳动; 不给工资; 不发工资; 拖欠工资; 没有工资; 没给钱; 欠债; 还债; 中介费;
            工厂; 工地; 渔船; 保姆; 家政; 加班; 没有休息; 不让休息; 奴隶; 黑工"""),
        "sexual": _w("""卖淫; 妓院; 性交易; 性服务; 强奸; 性侵; 陪酒; 接客; 按摩店; 色情; 裸照; 陪睡;
            出台; 卖身"""),
        "forced_marriage": _w("""逼婚; 强迫结婚; 被迫结婚; 买卖婚姻; 包办婚姻; 嫁给; 卖给人当老婆; 新娘;
            彩礼; 娶老婆; 买媳妇; 外籍新娘; 童婚; 订婚"""),
        "drugs": _w("毒品; 冰毒; 海洛因; 可卡因; 大麻; 摇头丸; 运毒; 贩毒; 吸毒; 麻古; K粉; 送毒"),
        "other": _w("""乞讨; 讨饭; 要饭; 器官; 卖肾; 偷东西; 盗窃; 扒窃; 诈骗; 电信诈骗; 网络诈骗;
            杀猪盘; 诈骗公司; 诈骗园区"""),
    },
    "ne": {
        "labour": _w("""जबरजस्ती श्रम; बाँधा श्रम; कमैया; तलब दिँदैन; तलब दिएन; पैसा दिँदैन;
            ज्याला दिएन; ऋण तिर्न; कर्जा तिर्न; म्यानपावर; एजेन्टले पठायो; घरेलु काम; घरको काम लगाउँछ;
            बिदा दिँदैन; कारखानामा काम; इँटा भट्टा; भिसा लिएर; पासपोर्ट खोसे"""),
        "sexual": _w("""वेश्यावृत्ति; यौन शोषण; बलात्कार; डान्स बार; केबिन रेस्टुरेन्ट; मसाज पार्लर;
            ग्राहकसँग सुत्न; कोठी; देह व्यापार; नाङ्गो फोटो; अश्लील भिडियो; यौन धन्दा"""),
        "forced_marriage": _w("""जबरजस्ती विवाह; जबरजस्ती बिहे; बाल विवाह; बिहे गरिदिए;
            बिहेका लागि बेचे; दाइजो; मन नलागी बिहे; इच्छा बिना बिहे; चिनियाँसँग बिहे; बेहुली किन्ने"""),
        "drugs": _w("""लागूऔषध; लागू पदार्थ; ड्रग्स; गाँजा; चरस; हेरोइन; ब्राउन सुगर; ड्रग्स बोक्न;
            ड्रग्स बेच्न; प्याकेट पुर्‍याउन"""),
        "other": _w("""भिख माग्न; माग्न लगाउँछ; मिर्गौला झिके; मिर्गौला बेच; अङ्ग झिक*;
            चोरी गर्न लगाउँछ; अनलाइन ठगी; साइबर ठगी; कल सेन्टरमा; बाल श्रम; सर्कसमा"""),
    },
    "hi": {
        "labour": _w("""जबरन मज़दूरी; जबरन मजदूरी; बंधुआ मज़दूर; बंधुआ मजदूर; पैसे नहीं देते;
            तनख्वाह नहीं; वेतन नहीं; मज़दूरी नहीं मिली; कर्ज़ चुकाना; कर्ज चुकाना; ईंट भट्ठा; भट्टे पर;
            घरेलू काम; घर का काम करवाते; छुट्टी नहीं; फैक्ट्री में काम; ठेकेदार; एजेंट ने भेजा"""),
        "sexual": _w("""वेश्यावृत्ति; कोठा; कोठे पर; धंधा करवाते; जिस्मफरोशी; देह व्यापार; बलात्कार;
            यौन शोषण; ग्राहकों के पास; मसाज पार्लर; गंदे काम; अश्लील वीडियो; नंगी तस्वीरें"""),
        "forced_marriage": _w("""जबरन शादी; जबरदस्ती शादी; ज़बरदस्ती शादी; शादी करवा दी; बाल विवाह;
            बेच दिया शादी; दुल्हन खरीद; दहेज; मर्ज़ी के बिना शादी; मर्जी के बिना शादी; शादी के लिए बेचा"""),
        "drugs": _w("""ड्रग्स; नशीले पदार्थ; नशा बेचना; चरस; गांजा; हेरोइन; स्मैक; अफीम; पैकेट पहुँचाना;
            ड्रग्स पहुँचाना; ड्रग्स बेचना"""),
        "other": _w("""भीख मँगवाते; भीख मंगवाते; भीख माँगना; किडनी निकाल; अंग निकाल; चोरी करवाते;
            ऑनलाइन ठगी; साइबर ठगी; कॉल सेंटर में फँसा; बाल मज़दूरी; बाल मजदूरी"""),
    },
    "sw": {
        "labour": _w("""kazi bila malipo; hawanilipi; hawajanilipa mshahara; wamechukua pasipoti;
            wamechukua pasipoti yangu; mfanyakazi wa ndani; kazi ya ndani; kazi ya kulazimishwa;
            kulazimishwa kufanya kazi; saa nyingi za kazi; deni lisilolipika; kulipa deni;
            kazi shambani; kazi ya ujenzi; uvuvi; hawaniruhusu kutoka"""),
        "sexual": _w("""ukahaba; kulazimishwa ngono; biashara ya ngono; kuuza mwili; danguro; kunibaka;
            ubakaji; wateja wanaume; picha za uchi; kulala na wanaume; unyanyasaji wa kingono"""),
        "forced_marriage": _w("""ndoa ya kulazimishwa; kuolewa kwa nguvu; kuolewa kwa lazima; wananioza;
            kunioza; kuozwa; ndoa ya utotoni; mume nisiyemtaka; wamepokea mahari; mahari; aolewe;
            alazimishwa kuolewa"""),
        "drugs": _w("""dawa za kulevya; mihadarati; kusafirisha dawa; kubeba dawa; kumeza dawa;
            kubeba unga; heroini; kokeini; bangi; punda wa dawa; kuuza dawa za kulevya"""),
        "other": _w("""kuomba barabarani; kulazimishwa kuomba; ombaomba; kuuza figo; viungo vya mwili;
            kutoa figo; kulazimishwa kuiba; uhalifu wa kulazimishwa; kusafirishwa nje ya nchi; kuuzwa"""),
    },
    "fa": {
        "labour": _w("""کار اجباری; بیگاری; حقوق نمیدهند; مزد نمیدهند; بدون حقوق; بدون مزد;
            معاش نمیدهند; قرض; بدهی; کارفرما; کوره خشت; خدمتکار; کارگر خانگی; بدون مرخصی; بردگی"""),
        "sexual": _w("""تن فروشی; تن‌فروشی; روسپی*; فاحشه; خانه فساد; سکس; رابطه جنسی; تجاوز;
            تجاوز جنسی; بهره کشی جنسی; بچه بازی; مشتری ها; فروش بدن"""),
        "forced_marriage": _w("""ازدواج اجباری; ازدواج زوری; به زور شوهر; به زور عروسی; شوهرم دادند;
            ازدواج کودک; ازدواج زودهنگام; شیربها; طویانه; بد دادن"""),
        "drugs": _w("""مواد مخدر; تریاک; هروئین; هرویین; مصرف شیشه; کوکائین; حشیش; چرس; قاچاق مواد;
            کراک"""),
        "other": _w("""گدایی; تکدی; فروش کلیه; فروش اعضای بدن; دزدی; جیب بری; کلاهبرداری; سرباز کودک;
            گروه مسلح"""),
    },
    "ur": {
        "labour": _w("""جبری مشقت; بیگار; تنخواہ نہیں; تنخواہ نہیں دیتے; پیسے نہیں دیتے; قرض; پیشگی;
            بھٹہ; اینٹوں کا بھٹہ; گھریلو ملازمہ; چھٹی نہیں; غلامی; بندھوا مزدور"""),
        "sexual": _w("""جسم فروشی; عصمت فروشی; کوٹھا; جنسی; جنسی زیادتی; ریپ; دلال; فحش; مساج سینٹر;
            جسم بیچنا"""),
        "forced_marriage": _w("""جبری شادی; زبردستی شادی; زبردستی نکاح; ونی; سوارہ; وٹہ سٹہ;
            کم عمری کی شادی; بچپن کی شادی; شادی پر مجبور"""),
        "drugs": _w("منشیات; ہیروئن; چرس; آئس کا نشہ; کوکین; افیم; نشہ; اسمگلنگ منشیات; منشیات فروش"),
        "other": _w("""بھیک; بھیک منگوانا; گداگری; گردہ; گردے; اعضا کی فروخت; چوری کرواتے; جیب تراشی;
            دھوکہ دہی; فراڈ"""),
    },
    "pl": {
        "labour": _w("""praca przymusowa; przymusowa praca; bez wypłaty; bez zapłaty; nie płacą;
            nie placa; niewypłacon*; dług; długu; zadłużon*; rekruter*; agencja pracy; fabryka;
            gospodarstwo; plantacja; na budowie; pomoc domowa; nadgodziny; bez dnia wolnego; niewolni*"""),
        "sexual": _w("""prostytu*; burdel*; agencja towarzyska; seks; wykorzystywanie seksualne; gwałt*;
            zgwałcon*; alfons*; sutener*; klienci; porno*; salon masażu; sprzedawać ciało; nago;
            kamerk*"""),
        "forced_marriage": _w("""przymusowe małżeństwo; małżeństwo przymusowe; zmuszają do ślubu;
            zmusić do ślubu; wydać za mąż; wyjść za mąż; ślub; wesele; mąż; narzecz*; posag;
            aranżowane małżeństwo"""),
        "drugs": _w("""narkotyk*; kokaina; heroina; metamfetamina; amfetamina; marihuana; trawka;
            dopalacze; tabletki; przemyt*; dealer*; diler*; przewozić paczki"""),
        "other": _w("""żebrać; żebranie; żebrania; narząd*; nerk*; kraść; kradzież*; kieszonkow*;
            oszust*; wyłudzeni*; call center; przestępstw*"""),
    },
    "sq": {
        "labour": _w("""punë e detyruar; pune e detyruar; pa pagë; pa page; nuk më paguajnë;
            nuk me paguajne; borxh*; rekrutues*; fabrikë; fermë; kantier; punëtore shtëpie; shërbyese;
            punëdhënës*; skllav*; pa pushim; orë shtesë"""),
        "sexual": _w("""prostitu*; shtëpi publike; bordel*; shfrytëzim seksual; seks; përdhun*;
            perdhun*; klientë; porno*; masazh*; shoqëruese; të shes trupin; lakuriq"""),
        "forced_marriage": _w("""martesë e detyruar; martese e detyruar; më martuan me zor;
            martesë me zor; martes*; fejes*; fejuar; dasmë; burri im; nuse; prikë; martesë e hershme"""),
        "drugs": _w("""drog*; kokainë; heroinë; marihuanë; kanabis; hashash; pilula; korrier;
            trafik droge; plantacion kanabisi; kultivim kanabisi"""),
        "other": _w("""lyp*; lypje; trafik organesh; veshkë; vjedh*; xhepist*; mashtrim*; zhvat*;
            call center; qendër thirrjesh; krime"""),
    },
    "th": {
        "labour": _w("""บังคับใช้แรงงาน; แรงงานบังคับ; ไม่จ่ายค่าจ้าง; ไม่ได้ค่าจ้าง;
            ไม่ได้รับเงินเดือน; ค่าแรง; ค่าจ้าง; หนี้; ใช้หนี้; ค่านายหน้า; นายหน้า; โรงงาน;
            ไซต์ก่อสร้าง; เรือประมง; แม่บ้าน; คนรับใช้; นายจ้าง; ไม่มีวันหยุด; ทำงานล่วงเวลา; ทาส"""),
        "sexual": _w("""ค้าประเวณี; ขายบริการ; โสเภณี; ซ่อง; ค้ากาม; ข่มขืน; ล่วงละเมิดทางเพศ; มีเซ็กซ์;
            นั่งดริ้งค์; อาบอบนวด; ร้านนวด; ลูกค้าผู้ชาย; ภาพโป๊; อนาจาร; ขายตัว"""),
        "forced_marriage": _w("""บังคับแต่งงาน; ถูกบังคับแต่งงาน; แต่งงาน; คลุมถุงชน; เจ้าสาว; สินสอด;
            สามี; ขายให้แต่งงาน; แต่งงานก่อนวัยอันควร; หมั้น"""),
        "drugs": _w("""ยาเสพติด; ยาบ้า; ยาไอซ์; ไอซ์; เฮโรอีน; โคเคน; กัญชา; ค้ายา; ขนยา; ส่งยา; ยาอี;
            เคตามีน"""),
        "other": _w("""ขอทาน; บังคับขอทาน; อวัยวะ; ขายไต; ลักขโมย; ล้วงกระเป๋า; หลอกลวง;
            แก๊งคอลเซ็นเตอร์; คอลเซ็นเตอร์; ฉ้อโกง; หลอกลงทุน; สแกมเมอร์"""),
    },
    "id": {
        "labour": _w("""kerja paksa; dipaksa kerja; tidak digaji; tidak dibayar; gaji tidak dibayar;
            belum digaji; gaji; utang; hutang; potong gaji; calo; agen penyalur; pabrik; perkebunan;
            kebun sawit; kapal ikan; ABK; pembantu rumah tangga; PRT; majikan; lembur; tidak ada libur;
            perbudakan; budak"""),
        "sexual": _w("""pelacuran; prostitusi; PSK; lokalisasi; rumah bordil; pekerja seks; diperkosa;
            pemerkosaan; pelecehan seksual; mucikari; germo; layanan seks; panti pijat; open BO;
            video porno; telanjang; melayani tamu"""),
        "forced_marriage": _w("""kawin paksa; nikah paksa; dipaksa menikah; dipaksa kawin; dinikahkan;
            dijodohkan; perjodohan; nikah siri; kawin kontrak; pengantin pesanan; mahar; mas kawin;
            pernikahan anak; pernikahan dini"""),
        "drugs": _w("""narkoba; narkotika; sabu; sabu sabu; ganja; heroin; kokain; ekstasi; inex; putaw;
            kurir narkoba; bandar narkoba; pengedar; obat terlarang"""),
        "other": _w("""mengemis; dipaksa mengemis; pengemis; organ tubuh; jual ginjal; ginjal; mencuri;
            copet; penipuan; penipuan online; scam; judi online; dipaksa menipu"""),
    },
    "ms": {
        "labour": _w("""buruh paksa; kerja paksa; dipaksa bekerja; tidak dibayar gaji;
            gaji tidak dibayar; tak dibayar gaji; gaji; hutang; potong gaji; ejen; yuran ejen; kilang;
            ladang; ladang sawit; tapak pembinaan; bot nelayan; pembantu rumah; majikan;
            kerja lebih masa; tiada cuti; hamba"""),
        "sexual": _w("""pelacuran; pelacur; rumah pelacuran; GRO; pusat urut; perkhidmatan seks;
            dirogol; rogol*; gangguan seksual; bapa ayam; ibu ayam; layan pelanggan; pornografi; bogel;
            jual badan"""),
        "forced_marriage": _w("""kahwin paksa; perkahwinan paksa; dipaksa kahwin; dipaksa berkahwin;
            dikahwinkan; perkahwinan kanak-kanak; kahwin bawah umur; mas kahwin; hantaran; pengantin;
            kahwin kontrak; nikah paksa"""),
        "drugs": _w("""dadah; syabu; ganja; heroin; kokain; pil kuda; ekstasi; keldai dadah;
            pengedar dadah; seludup dadah; edar dadah"""),
        "other": _w("""mengemis; dipaksa mengemis; pengemis; jual organ; jual buah pinggang;
            buah pinggang; mencuri; seluk saku; penipuan; scam; sindiket penipuan; judi dalam talian;
            macau scam"""),
    },
    "my": {
        "labour": _w("""အဓမ္မလုပ်အား; အတင်းအလုပ်ခိုင်း; လစာမပေး; လုပ်ခမပေး; ပိုက်ဆံမပေး; အကြွေးဆပ်;
            ပွဲစား; အေဂျင်စီ; အိမ်အကူ; နားရက်မရှိ; စက်ရုံ; ငါးဖမ်းလှေ; ငါးဖမ်းသင်္ဘော; ပတ်စပို့သိမ်း;
            ကျွန်လို"""),
        "sexual": _w("""ပြည့်တန်ဆာ; လိင်အလုပ်; လိင်ပိုင်းဆိုင်ရာ; မုဒိမ်း; ဧည့်သည်နဲ့အိပ်; အနှိပ်ခန်း;
            ကာရာအိုကေ; အဝတ်မပါ; ညစ်ညမ်းဗီဒီယို; ခန္ဓာကိုယ်ရောင်း"""),
        "forced_marriage": _w("""အတင်းလက်ထပ်; အဓမ္မလက်ထပ်; အတင်းအကျပ်လက်ထပ်; ကလေးလက်ထပ်;
            သတို့သမီးအဖြစ်ရောင်း; တရုတ်နဲ့လက်ထပ်; လက်ထပ်ဖို့ရောင်း; မယားအဖြစ်ရောင်း"""),
        "drugs": _w("""မူးယစ်ဆေး; ဘိန်းဖြူ; ယာဘ; ရာဘ; စိတ်ကြွဆေး; ဆေးပြား; မူးယစ်ဆေးသယ်;
            မူးယစ်ဆေးရောင်း"""),
        "other": _w("""တောင်းရမ်းခိုင်း; သူတောင်းစား; ကျောက်ကပ်; ကိုယ်အင်္ဂါ; ခိုးခိုင်း;
            အွန်လိုင်းလိမ်; လိမ်လည်မှု; ငွေလိမ်; ကောလ်စင်တာ; စစ်သားအဖြစ်"""),
    },
    "bn": {
        "labour": _w("""জোরপূর্বক শ্রম; জোর করে কাজ; বেতন দেয় না; বেতন দেয়নি; টাকা দেয় না;
            মজুরি দেয়নি; ঋণ শোধ; দালাল; দালালের মাধ্যমে; গৃহকর্মী; বাসার কাজ; ছুটি দেয় না;
            কারখানায় কাজ; ইটভাটা; মাছ ধরার নৌকা; পাসপোর্ট রেখে দিয়েছে; দাস"""),
        "sexual": _w("""পতিতাবৃত্তি; পতিতালয়; যৌনপল্লী; দেহ ব্যবসা; যৌন শোষণ; ধর্ষণ; খদ্দের;
            মাসাজ পার্লার; খারাপ কাজ করায়; নগ্ন ছবি; পর্ন ভিডিও; হোটেলে পাঠায়"""),
        "forced_marriage": _w("""জোর করে বিয়ে; জোরপূর্বক বিয়ে; বাল্যবিবাহ; বাল্য বিয়ে;
            বিয়ে দিয়ে দিয়েছে; বিয়ের জন্য বিক্রি; যৌতুক; ইচ্ছার বিরুদ্ধে বিয়ে; কনে কেনা;
            বিয়ে দিতে চায়"""),
        "drugs": _w("""মাদক; ইয়াবা; ফেনসিডিল; গাঁজা; হেরোইন; মাদক বহন; মাদক বিক্রি; প্যাকেট পৌঁছে দিতে;
            ড্রাগস"""),
        "other": _w("""ভিক্ষা করায়; ভিক্ষা করতে বাধ্য; কিডনি বিক্রি; কিডনি নিয়ে; অঙ্গ বিক্রি;
            চুরি করায়; অনলাইন প্রতারণা; প্রতারণা চক্র; কল সেন্টারে আটকে; শিশুশ্রম; উটের জকি"""),
    },
    "am": {
        "labour": _w("""ደመወዝ አልተከፈለኝም; ደመወዜን አልሰጡኝም; ያለ ክፍያ; ፓስፖርቴን ወሰዱ; ፓስፖርቴን ያዙብኝ; የቤት ሠራተኛ;
            የቤት ሰራተኛ; አሠሪዬ; አሰሪዬ; የግዳጅ ሥራ; የጉልበት ብዝበዛ; ዕዳ መክፈል; ከቤት እንድወጣ አይፈቅዱልኝም; ቀንና ሌሊት እሠራለሁ; ከፋላ"""),
        "sexual": _w("""ዝሙት አዳሪነት; ሴተኛ አዳሪ; በግዳጅ ወሲብ; ወሲብ እንድፈጽም; ደፈሩኝ; አስገድዶ መድፈር; ወሲባዊ ብዝበዛ; ራቁት ፎቶ;
            ለወንዶች ሸጡኝ; የምሽት ክበብ"""),
        "forced_marriage": _w("""የግዳጅ ጋብቻ; በግዳጅ ሊድሩኝ; ሊድሩኝ ነው; አስገድደው ሊያጋቡኝ; ያለፍላጎቴ ጋብቻ; ያለዕድሜ ጋብቻ;
            ጠለፋ ጋብቻ; ጥሎሽ ተቀብለዋል; ለሽማግሌ ሊድሩኝ"""),
        "drugs": _w("አደንዛዥ ዕፅ; ዕፅ ማዘዋወር; ዕፅ እንድይዝ; ዕፅ እንድሸጥ; ዕፅ እንድውጥ; ሄሮይን; ኮኬይን; ሀሺሽ; ዕፅ ማጓጓዝ"),
        "other": _w("""እንድለምን; ልመና ላይ; ኩላሊቴን; ኩላሊት ለመሸጥ; የአካል ክፍል; እንድሰርቅ; በግዳጅ ስርቆት; ሕገወጥ ደላላ; ደላላው;
            ድንበር አሻገሩኝ"""),
    },
    "ti": {
        "labour": _w("""ደሞዝ ኣይከፈሉንን; ደሞዘይ ኣይሃቡንን; ብዘይ ክፍሊት; ፓስፖርተይ ወሲዶም; ፓስፖርተይ ሒዞም; ሰራሕተኛ ገዛ; ግዱድ ስራሕ;
            ምዝመዛ ጉልበት; ዕዳ ክኸፍል; ካብ ገዛ ክወጽእ ኣይፈቕዱለይን; መዓልትን ለይትን እሰርሕ; ኣሰራሒተይ; ኣሰራሓይ; ግዱድ ኣገልግሎት"""),
        "sexual": _w("""ጾታዊ ምዝመዛ; ብግዲ ጾታዊ ርክብ; ዓሚጾምኒ; ዓመጽ ጾታ; ንሰብኡት ሸይጦምኒ; መሸጣ ስጋ; ጥርሑ ስእሊ; ጾታዊ ዓመጽ;
            ምስ ዓማዊል ክድቅስ"""),
        "forced_marriage": _w("""ብግዲ መርዓ; ብግዲ ከመርዕዉኒ; ክምርዕዉኒ እዮም; ናይ ቁልዒ መርዓ; ብዘይ ፍቓደይ መርዓ;
            ንሽማግለ ከመርዕዉኒ; ጥሎሽ ተቐቢሎም; ብግዲ ተመርዓወት"""),
        "drugs": _w("ኣደንዛዚ ዕጽ; ዕጽ ምዝዋር; ዕጽ ክሸይጥ; ዕጽ ክጽዕን; ዕጽ ክውሕጥ; ሄሮይን; ኮካይን; ሓሺሽ"),
        "other": _w("""ክልምን ይግድዱኒ; ልመና; ኩሊተይ; ኩሊት ክሸጥ; ኣካል ሰብነት; ክሰርቕ ይግድዱኒ; ደላላይ; ተሓላለፍቲ; ቤዛ ይሓቱ;
            ገንዘብ ካብ ስድራይ ይሓቱ"""),
    },
    "pt": {
        "labour": _w("""trabalho forçado; trabalho escravo; sem salário; sem pagamento; não me pagam;
            nao me pagam; nunca me pagaram; dívida*; divida*; patrão; patroa; fazenda; carvoaria;
            obra de construção; construção civil; empregada doméstica; aliciador*; sem folga; escravid*;
            escravo*"""),
        "sexual": _w("""prostitu*; bordel*; fazer programa; exploração sexual; sexo; estupr*;
            abuso sexual; cafetão; cafetina; clientes; pornô; pornografia; massagem; acompanhante*;
            vender meu corpo; nua; nudes"""),
        "forced_marriage": _w("""casamento forçado; casar à força; me obrigaram a casar;
            obrigada a casar; obrigado a casar; me casar; casamento; casamento arranjado;
            casamento infantil; marido; noivo; dote"""),
        "drugs": _w("""droga*; cocaína; crack; heroína; maconha; mula; aviãozinho; traficante*;
            tráfico de drogas; boca de fumo; biqueira; levar pacotes; comprimidos; pílulas"""),
        "other": _w("""pedir esmola; mendigar; mendicância; venda de órgãos; vender um rim; roubar;
            furtar; golpe*; fraude; estelionato; call center; criança soldado; cometer crimes"""),
    },
    "ro": {
        "labour": _w("""muncă forțată; munca fortata; fără salariu; fara salariu; nu mă plătesc;
            nu ma platesc; neplătit*; datorie; datorii; datorez; recrutor*; fabrică; fermă; șantier;
            menajeră; servitoare; patron*; angajator*; sclav*; fără zi liberă"""),
        "sexual": _w("""prostitu*; bordel*; exploatare sexuală; sex; viol; violat*; proxenet*; clienți;
            porno*; masaj*; escort*; să-mi vând corpul; videochat; goală; dezbrăcat*"""),
        "forced_marriage": _w("""căsătorie forțată; casatorie fortata; să mă mărit; sa ma marit;
            m-au măritat; măritat*; căsători*; nuntă; soț; logodit*; zestre; căsătorie aranjată;
            furtul miresei"""),
        "drugs": _w("""drog*; cocaină; heroină; marijuana; canabis; etnobotanice; pastile; cărăuș*;
            dealer*; trafic de droguri; să duc colete"""),
        "other": _w("""cerșit; cersit; cerșetorie; să cerșesc; trafic de organe; vânzare de organe;
            rinichi; furt; să fur; hoț de buzunare; hoți de buzunare; înșelătorie*; fraudă; call center;
            fraudă online"""),
    },
    "tr": {
        "labour": _w("""zorla çalıştır*; maaş vermiyor*; maaşımı vermiyor*; para vermiyor*;
            parasız çalış*; borç*; iş simsarı; aracı kesti; fabrika; tarla; inşaat; ev işçisi; hizmetçi;
            bakıcı; patron*; işveren*; köle*; izin yok; fazla mesai"""),
        "sexual": _w("""fuhuş*; fuhus*; genelev*; seks işçi*; cinsel sömürü; tecavüz*; pezevenk*;
            müşterilerle; erkeklerle yat*; porno*; masaj salonu; eskort*; vücudumu sat*; çıplak"""),
        "forced_marriage": _w("""zorla evlendir*; zorla evlilik; zorla evlen*; evlendirmek;
            başlık parası; çocuk gelin; erken evlilik; imam nikahı; kocam; düğün; nişanl*; berdel"""),
        "drugs": _w("""uyuşturucu*; uyusturucu*; kokain; eroin; metamfetamin; esrar; bonzai; haplar;
            torbacı*; kurye; paket taşı*; uyuşturucu sat*"""),
        "other": _w("""dilen*; organ; böbrek; hırsızlık; yankesici*; dolandırıcılık; sahtekarlık;
            çağrı merkezi; suç işlemeye zorla*; kapkaç"""),
    },
    "tl": {
        "labour": _w("""sapilitang paggawa; pinipilit magtrabaho; walang sahod; hindi pinapasahod;
            hindi binabayaran; sahod; utang; recruiter; placement fee; ahensya; pabrika; bukid;
            plantasyon; construction; bangkang pangisda; kasambahay; katulong; amo; walang day off;
            alipin"""),
        "sexual": _w("""prostitusyon; bugaw; pinagbibili ang katawan; ibinebenta ang katawan; bar girl;
            kostumer; panggagahasa; ginahasa; sekswal; pang aabusong sekswal; cybersex;
            livestream na hubad; hubad; massage parlor; videoke bar"""),
        "forced_marriage": _w("""sapilitang kasal; sapilitang pagpapakasal; ipinakasal; ipapakasal;
            pinilit magpakasal; kasal; mail order bride; dote; kasal ng bata; ipinagkasundo"""),
        "drugs": _w("""droga; shabu; marijuana; cocaine; heroin; ecstasy; nagtutulak; courier ng droga;
            drug mule; tulak ng droga"""),
        "other": _w("""pamamalimos; pinapamalimos; pulubi; organo; kidney; pagnanakaw; magnakaw; scam;
            panloloko; online scam; pogo; ibenta ang kidney"""),
    },
    "so": {
        "labour": _w("""mushahar la'aan; lacag la'aan ayaan u shaqeeyaa; mushaharkii lama i siin;
            baasaboorkayga way qaateen; baasaboorka way iga qaateen; shaqaale guri; shaqo qasab ah;
            deyn ayaan bixinayaa; saacado badan; guriga kama bixi karo; loo shaqeeyahaygu; kafaala;
            maalin iyo habeen ayaan shaqeeyaa"""),
        "sexual": _w("""dhillaysi; galmo qasab ah; waa la i kufsaday; kufsi; ka ganacsi galmo;
            rag ayaa la ii iibiyay; sawirro qaawan; macaamiil rag ah; ka faa'iidaysi galmo"""),
        "forced_marriage": _w("""guur qasab ah; igu qasbay guur; waa la i guursiinayaa; guur carruureed;
            yarad; nin aanan rabin; la guursiiyay; guur aan rabin"""),
        "drugs": _w("""daroogo; tahriibinta daroogada; daroogo inaan qaado; daroogo inaan iibiyo;
            daroogo inaan liqo; hiroyin; kookeyn; xashiish"""),
        "other": _w("""tuugsi qasab ah; baryo ayay igu qasbaan; kelyaha; kelli iibin; xubnaha jirka;
            tuugo qasab ah; tahriibiye; tahriibayaal; lacag ka dalbanayaan qoyskayga; la iibiyay"""),
    },
    "km": {
        "labour": _w("""ពលកម្មដោយបង្ខំ; បង្ខំឱ្យធ្វើការ; មិនឱ្យប្រាក់ខែ; មិនបើកប្រាក់ខែ; គ្មានប្រាក់ខែ;
            សងបំណុល; ជំពាក់បំណុល; មេខ្យល់; ភ្នាក់ងារជ្រើសរើស; អ្នកបម្រើតាមផ្ទះ; គ្មានថ្ងៃឈប់; រោងចក្រ;
            ទូកនេសាទ; កប៉ាល់នេសាទ; ការដ្ឋានសំណង់; យកលិខិតឆ្លងដែន; ដូចទាសករ"""),
        "sexual": _w("""ពេស្យាចារ; រកស៊ីផ្លូវភេទ; ផ្ទះបន; រំលោភ; ការកេងប្រវ័ញ្ចផ្លូវភេទ; ហាងម៉ាស្សា;
            ខារ៉ាអូខេ; ដេកជាមួយភ្ញៀវ; រូបអាក្រាត; វីដេអូអាសអាភាស; លក់ខ្លួន"""),
        "forced_marriage": _w("""រៀបការដោយបង្ខំ; បង្ខំឱ្យរៀបការ; រៀបការជាមួយជនជាតិចិន; លក់ឱ្យរៀបការ;
            រៀបការកុមារ; កូនក្រមុំលក់; ថ្លៃជំនូន; ប្តីចិន; រៀបការមិនព្រម"""),
        "drugs": _w("គ្រឿងញៀន; ថ្នាំញៀន; យ៉ាម៉ា; ម៉ាទឹកកក; ហេរ៉ូអ៊ីន; កញ្ឆា; ដឹកគ្រឿងញៀន; លក់គ្រឿងញៀន"),
        "other": _w("""សុំទាន; បង្ខំឱ្យសុំទាន; លក់តម្រងនោម; តម្រងនោម; បង្ខំឱ្យលួច; ឆបោកតាមអនឡាញ;
            ការឆបោក; ឆបោក; កាស៊ីណូអនឡាញ; ជាប់ក្នុងអគារឆបោក; ពលកម្មកុមារ"""),
    },
    "ha": {
        "labour": _w("""ba a biya ni ba; aiki ba albashi; sun ƙwace fasfo na; sun kwace fasfo na;
            'yar aikin gida; yar aikin gida; aikin dole; aikin tilas; bashin da ba zan iya biya ba;
            aiki dare da rana; ba a bar ni na fita ba; mai gidana; uban gidana"""),
        "sexual": _w("""karuwanci; jima'i na dole; an yi min fyaɗe; an yi min fyade; fyaɗe; fyade;
            sayar da jiki; hotunan tsiraici; gidan karuwai; kwanciya da maza"""),
        "forced_marriage": _w("""auren dole; auren tilas; za a aurar da ni; an aurar da ni; auren yara;
            auren wuri; miji da ban so; an karɓi sadaki; an karbi sadaki"""),
        "drugs": _w("""miyagun ƙwayoyi; miyagun kwayoyi; safarar ƙwayoyi; safarar kwayoyi; hodar iblis;
            tabar wiwi; haɗiye ƙwayoyi; hadiye kwayoyi; sayar da ƙwayoyi; sayar da kwayoyi"""),
        "other": _w("""tilasta bara; ana sa ni bara; sayar da ƙoda; sayar da koda; sassan jiki;
            tilasta sata; masu safarar mutane; an sayar da ni; fataucin mutane"""),
    },
}

# Imminent danger: the report is sorted first. Cries for help rather than the
# plain word "help" (every report asks for help); admins add local words.
URGENCY_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "en": _w("""help now; help me now; right now; tonight; kill*; murder*; gun; guns; knife;
        shoot*; locked in; locked up; locked me; can't escape; cannot escape; they will hurt;
        hurt me; going to hurt; beat*; bleeding; dying; emergency; urgent; hostage; kidnap*;
        suicide; overdose; trapped; sos; in danger"""),
    "es": _w("""auxilio; socorro; ayuda ya; ayuda urgente; ayúdenme ya; me van a matar;
        matar; matan; mataron; me matan; muerte; arma; pistola; cuchillo; encerrada;
        encerrado; encerradas; secuestr*; ahora mismo; esta noche; urgente; emergencia;
        me van a hacer daño; me golpean; golpes; sangr*; no puedo salir; atrapad*;
        en peligro"""),
    "fr": _w("""au secours; à l'aide; aidez moi vite; tuer; me tuer; va me tuer; vont me tuer;
        arme; pistolet; couteau; enfermé*; séquestr*; tout de suite; ce soir; urgent*;
        ils vont me frapper; me frappe*; sang; kidnapp*; je vais mourir; en danger;
        piégée; piégé"""),
    "ar": _w("""النجدة; ساعدوني; انقذوني; أنقذوني; فورا; قتل; يقتل; يقتلني;
        سيقتلونني; يقتلوني; سيقتلني; مسدس; سلاح; سكين; محبوس; محبوسة; محتجز; محتجزة;
        مخطوف; مخطوفة; خطفوني; الليلة; طوارئ; عاجل; سيؤذونني; يضربني; يضربونني; دم;
        في خطر"""),
    "fa": _w("""کمکم کنید فوری; نجاتم دهید; نجاتم بدید; منو میکشن; مرا می کشند; میکشند;
        می کشند; بکشند; بکشن; کشتن; قتل; اسلحه; تفنگ; چاقو; زندانی; حبس; همین الان;
        امشب; فوری; اورژانس; ربوده; آدم ربایی; کتک; خون; در خطر"""),
    "ru": _w("""помогите срочно; спасите; убьют; убьет; убить; убивают; убью; пистолет;
        оружие; нож; заперт*; запер*; похит*; прямо сейчас; сегодня ночью; срочно;
        изобьют; бьют; избивают; кровь; в опасности"""),
    "uk": _w("""рятуйте; допоможіть терміново; вб'ють; вбити; вбивають; пістолет; зброя;
        ніж; замкнен*; замкнули; викрали; прямо зараз; сьогодні вночі; терміново; б'ють;
        кров; в небезпеці"""),
    "vi": _w("""cứu tôi; cứu với; giết tôi; sẽ giết; giết chết; có súng; cầm súng;
        khẩu súng; cầm dao; bị nhốt; nhốt tôi; bắt cóc; ngay bây giờ; tối nay; khẩn cấp;
        đánh tôi; sẽ đánh; chảy máu; nguy hiểm"""),
    "zh": _w("""救命; 救救我; 杀; 殺; 要杀我; 枪; 槍; 刀; 被锁; 被鎖; 锁在; 鎖在; 关起来;
        關起來; 绑架; 綁架; 现在就; 現在就; 今晚; 紧急; 緊急; 打我; 流血; 危险; 危險"""),
    "hi": _w("""बचाओ; मदद करो; मार डालेंगे; मार देंगे; जान से मार; बंदूक; चाकू;
        बंद कर दिया; कमरे में बंद; अभी तुरंत; आज रात; तुरंत; आपातकाल; अपहरण; मारते हैं;
        पीटते हैं; खून; खतरे में"""),
    "am": _w("""እርዱኝ; አድኑኝ; ሊገድሉ*; ይገድሉ*; ገደሉ*; መሳሪያ; ሽጉጥ; ቢላዋ; ተቆልፎብኛል;
        ታግቻለሁ; አሁኑኑ; ዛሬ ማታ; አስቸኳይ; ይደበድቡ*; ደም; አደጋ ላይ"""),
    "tl": _w("""saklolo; tulungan niyo ako; tulungan mo ako; papatayin; patayin; pinatay;
        baril; kutsilyo; nakakulong; ikinulong; kinidnap; dinukot; ngayon na; ngayong gabi;
        emergency; sasaktan; binubugbog; bugbog; dugo; panganib"""),
    "bg": _w("""спасете ме; помогнете ми веднага; ще ме убият; ще ме убие; убият; убие; убиват;
        пистолет; оръжие; нож; заключен*; заключиха; затвориха ме; не ме пускат; не мога да изляза;
        отвлечен*; отвлякоха; точно сега; веднага; тази нощ; довечера; спешно; спешен случай; бият ме;
        пребиват; кръв; кървя; умирам; в опасност; sos"""),
    "ne": _w("""बचाउनुहोस्; बचाऊ; bachau; मलाई बचाउ; मार्छन्; मार्छ; marchha; मारिदिन्छ; मार्ने धम्की;
        बन्दुक; पेस्तोल; चक्कु; खुकुरी; थुनेर राखे*; थुनिए*; कोठामा थुन*; अपहरण; अहिले नै; आज राति;
        तुरुन्त; आपतकालीन; कुट्छन्; कुटपिट; रगत; खतरामा; भाग्न सक्दिन; निस्कन सक्दिन; छिटो आउनुहोस्"""),
    "sw": _w("""nisaidieni; nisaidie sasa; msaada sasa; msaada haraka; wataniua; ataniua; kuniua; kuua;
        bunduki; bastola; kisu; panga; nimefungiwa; amefungiwa; wamenifungia; nimefungwa ndani;
        nimetekwa; ametekwa; utekaji nyara; sasa hivi; usiku huu; leo usiku; dharura; navuja damu;
        anavuja damu; siwezi kutoka; nimenaswa; niko hatarini; yuko hatarini; wananipiga"""),
    "ur": _w("""بچاؤ; بچائیں; مدد کریں جلدی; فوری مدد; مار دیں گے; مار ڈالیں گے; جان سے مار; قتل; بندوق;
        پستول; چاقو; چھری; مجھے بند کر دیا; کمرے میں بند; قید; باہر نہیں جا سکتی; باہر نہیں جا سکتا;
        اغوا; ابھی فوراً; آج رات; فوری; ایمرجنسی; مارتے ہیں; پیٹتے ہیں; خون; خطرے میں; bachao;
        maar denge"""),
    "pl": _w("""ratunku; pomocy; pomóżcie; pomozcie; zabiją mnie; zabija mnie; zabij*; zabić; zabic;
        pistolet; broń palna; nóż; noz; zamknęli mnie; zamkneli mnie; zamknięta na klucz;
        zamknięty na klucz; porwan*; uprowadz*; natychmiast; dziś w nocy; dzisiaj w nocy; pilne;
        krwawi*; nie mogę wyjść; nie moge wyjsc; w niebezpieczeństwie; zagrożenie życia; biją mnie;
        bije mnie"""),
    "sq": _w("""ndihmë tani; ndihme tani; më ndihmoni; me ndihmoni; shpëtomëni; shpetomeni;
        do më vrasin; do me vrasin; vras*; vrarë; armë; pistoletë; pistolete; thikë; thike;
        më kanë mbyllur; me kane mbyllur; mbyllur brenda; rrëmbye*; rrembye*; tani menjëherë; sonte;
        urgjent; emergjencë; emergjence; gjakos*; nuk mund të dal; nuk mund te dal; në rrezik;
        më rrahin"""),
    "th": _w("""ช่วยด้วย; ช่วยฉันด้วย; ช่วยหนูด้วย; ช่วยผมด้วย; จะฆ่า; ฆ่า; ปืน; มีด; ถูกขัง; ขังไว้;
        กักขัง; ลักพาตัว; ตอนนี้เลย; คืนนี้; ด่วนมาก; เรื่องด่วน; ฉุกเฉิน; ทำร้าย; ทุบตี; เลือดออก;
        อันตราย; หนีไม่ได้; ออกไปไม่ได้; จะตาย; ถูกล็อก"""),
    "id": _w("""tolong saya; tolong aku; tolong kami; selamatkan saya; bunuh*; dibunuh; membunuh;
        pistol; senjata; pisau; dikurung; terkurung; dikunci; disekap; diculik; culik*; sekarang juga;
        malam ini; darurat; mendesak; dipukul*; berdarah; dalam bahaya; tidak bisa keluar;
        tidak bisa kabur; terjebak; disiksa"""),
    "ms": _w("""tolong saya; tolong kami; selamatkan saya; bunuh*; dibunuh; nak bunuh; pistol; senjata;
        pisau; dikurung; terkurung; dikunci; diculik; culik*; sekarang juga; malam ini; kecemasan;
        dipukul*; kena pukul; berdarah; dalam bahaya; tak boleh keluar; tidak boleh keluar;
        tak dapat lari; terperangkap; diseksa"""),
    "my": _w("""ကယ်ပါ; ကယ်ကြပါ; ကယ်တင်ပါ; အမြန်ကူညီ; သတ်မယ်; သတ်ပစ်မယ်; သတ်လိမ့်မယ်; သေနတ်; ဓား;
        ပိတ်လှောင်; အခန်းထဲမှာပိတ်; အချုပ်ထဲ; ပြန်ပေးဆွဲ; ဖမ်းခေါ်သွား; အခုချက်ချင်း; ဒီည; အရေးပေါ်;
        အန္တရာယ်ရှိ; အသက်အန္တရာယ်; ရိုက်နှက်; ရိုက်နေ; သွေးထွက်; ထွက်လို့မရ; လွတ်မြောက်လို့မရ;
        သေတော့မယ်"""),
    "bn": _w("""বাঁচাও; বাচাও; বাঁচান; bachao; মেরে ফেলবে; মেরে ফেল*; mere felbe; খুন; বন্দুক; পিস্তল;
        ছুরি; আটকে রেখেছে; আটকে রাখ*; তালা দিয়ে রেখেছে; অপহরণ; কিডন্যাপ; তুলে নিয়ে গেছে; এখনই;
        আজ রাতে; জরুরি; বিপদে; মারধর; মারছে; রক্ত; পালাতে পারছি না; বের হতে পারছি না; জীবন বিপন্ন"""),
    "ti": _w("""ሓግዙኒ; ኣድሕኑኒ; ሕጂ ሓግዙኒ; ክቐትሉኒ እዮም; ክቐትለኒ እዩ; ክቐትሉና እዮም; ሽጉጥ; ጠበንጃ; ካራ; ዓጺዮምለይ; ተዓጺወ ኣለኹ;
        ተኣሲረ ኣለኹ; ተጨውየ; ተጨውያ; ተጨውዩ; ምጭዋይ; ቤዛ; ሕጂ ብቕጽበት; ሎሚ ለይቲ; ሎሚ ምሸት; ህጹጽ; ኣብ ሓደጋ ኣለኹ; ኣብ ሓደጋ ኣላ;
        ደም ይፈስሰኒ ኣሎ; ክወጽእ ኣይክእልን; ተታሒዘ ኣለኹ; ይወቕዑኒ ኣለዉ"""),
    "pt": _w("""socorro; me ajuda; me ajudem; ajuda agora; vão me matar; vao me matar; matar; arma;
        revólver; revolver; facada; trancad*; presa aqui; preso aqui; sequestr*; agora mesmo;
        esta noite; hoje à noite; urgente; emergência; emergencia; esfaque*; sangr*; não consigo sair;
        nao consigo sair; não me deixam sair; nao me deixam sair; em perigo; estão me batendo;
        estao me batendo"""),
    "ro": _w("""ajutor acum; ajutați-mă; ajutati-ma; salvați-mă; salvati-ma; mă omoară; ma omoara;
        omor*; armă; pistol; cuțit; cutit; încuiat*; incuiat*; m-au închis; m-au inchis; nu pot ieși;
        nu pot iesi; răpit*; rapit*; sechestrat*; chiar acum; în seara asta; diseară; urgent; urgență;
        sânger*; sanger*; în pericol; mă bate"""),
    "tr": _w("""imdat; yardım edin; yardim edin; acil; acil durum; beni öldürecek*; beni oldurecek*;
        öldür*; oldur*; silah; tabanca; bıçak; bicak; kilitli; kilitledi*; kaçırıl*; kaciril*; rehin;
        hemen şimdi; bu gece; kanıyor; kaniyor; kan kaybı; çıkamıyorum; cikamiyorum; tehlikedeyim;
        tehlikede; dövüyor*; dovuyor*"""),
    "so": _w("""i caawi; i caawiya; i badbaadi; i dili doonaan; way i dilayaan; i dilaya; qori;
        bastoolad; bunduq; mindi; qol la igu xiray; waa la i xiray; waa la i afduubay; afduub*;
        isla hadda; caawa; degdeg; xaalad degdeg ah; dhiig ayaa iga socda; dhiigbax; ma bixi karo;
        waan xayiran ahay; khatar ayaan ku jiraa; khatar ayay ku jirtaa; way i garaacayaan;
        madax-furasho; madax furasho"""),
    "km": _w("""ជួយផង; ជួយខ្ញុំផង; ជួយខ្ញុំផងណា; សង្គ្រោះ; សម្លាប់; នឹងសម្លាប់; កាំភ្លើង; កាំបិត;
        ចាក់សោខ្ញុំ; ឃុំខ្លួន; ឃុំទុក; បិទទ្វារខ្ញុំ; ចាប់ជំរិត; ពង្រត់; ភ្លាមៗ; យប់នេះ; បន្ទាន់;
        គ្រោះថ្នាក់; វាយដំ; វាយខ្ញុំ; ហូរឈាម; រត់មិនរួច; ចេញមិនបាន; នឹងស្លាប់; គំរាមសម្លាប់"""),
    "ha": _w("""ku taimake ni; a taimake ni; taimaka min; ku cece ni; za su kashe ni; zai kashe ni;
        kisa; bindiga; wuƙa; wuka; adda; an kulle ni; sun kulle ni; an sace ni; sun sace ni; garkuwa;
        masu garkuwa; yanzu yanzu; daren yau; gaggawa; ina zubar da jini; jini na zuba;
        ba zan iya fita ba; ina cikin haɗari; ina cikin hadari; suna dukana; kuɗin fansa; kudin fansa"""),
}
