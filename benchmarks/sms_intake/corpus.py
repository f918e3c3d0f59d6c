"""Realistic first texts to a trafficking hotline, by language.

Invented for the benchmark (no real case). Lengths vary from a few words to
a long multi-segment SMS; some carry a phone number, an email address or an
address, so the scrubber has something to mask. None is a keyword (STOP,
HELP ...): every one is a report.
"""

from __future__ import annotations

# (calling code, subscriber number length) per language: the sender's
# country decides the default reply language and the scrubber's region.
COUNTRIES: dict[str, tuple[tuple[str, int], ...]] = {
    "es": (("34", 9), ("52", 10), ("57", 10)),
    "ar": (("966", 9), ("20", 10), ("212", 9)),
    "vi": (("84", 9),),
    "en": (("1", 10), ("44", 10)),
    "fr": (("33", 9), ("221", 9)),
}

BODIES: dict[str, tuple[str, ...]] = {
    "es": (
        "Necesito ayuda, me quitaron el pasaporte y no me dejan salir de la casa.",
        "Trabajo en una finca en Almería desde hace ocho meses y no nos pagan. El encargado "
        "dice que debemos el viaje y el alojamiento. Somos doce personas en una nave sin agua.",
        "Mi prima está en un club de carretera cerca de Valencia, la obligan a trabajar "
        "todas las noches. Su número es 612 345 678, por favor no la llamen de día.",
        "Hola, vi a dos menores trabajando en un taller de costura en la calle Mayor 14, "
        "duermen allí mismo. El dueño se llama Rubén.",
        "Me prometieron trabajo de camarera y ahora me piden 6000 euros. Tengo miedo.",
        "ayuda por favor estamos encerrados en un piso, no sé la dirección exacta",
        "Mi hermano se fue a trabajar a la construcción y ya no contesta. Le escribieron "
        "desde el correo trabajos.europa@example.com diciendo que debe dinero.",
        "Somos de Honduras, nos tienen en una granja y nos quitaron los teléfonos. "
        "Este es de una compañera. Nos vigilan todo el día.",
    ),
    "ar": (
        "أحتاج مساعدة، صاحب العمل أخذ جواز سفري ولا يسمح لي بالخروج من البيت.",
        "أعمل خادمة منذ سنة ولم أستلم راتبي. يضربونني إذا طلبت الاتصال بعائلتي.",
        "أختي محتجزة في شقة في الحي الصناعي، أجبروها على العمل ليلاً. رقمها ٠٥٥١٢٣٤٥٦٧",
        "نحن عشرة عمال في ورشة بناء، أخذوا أوراقنا ويقولون إن علينا ديون السفر والسكن.",
        "رأيت أطفالاً يعملون في مصنع طوب قرب الطريق السريع، لا يذهبون إلى المدرسة.",
        "وعدوني بعمل في فندق والآن يطلبون مني المال ويهددونني بالشرطة. أنا خائفة جداً.",
        "من فضلكم ساعدوني، لا أعرف العنوان، البيت قرب المسجد الكبير",
    ),
    "vi": (
        "Tôi cần giúp đỡ, chủ lấy hộ chiếu của tôi và không cho tôi ra ngoài.",
        "Chúng tôi làm việc trong tiệm nail mười hai tiếng mỗi ngày mà không được trả lương. "
        "Họ nói chúng tôi còn nợ tiền vé máy bay.",
        "Em trai tôi bị giữ ở một trang trại cần sa, họ khóa cửa và lấy điện thoại của nó.",
        "Tôi được hứa làm việc ở nhà hàng nhưng bây giờ họ bắt tôi trả 8000 đô la. Tôi sợ lắm.",
        "Có nhiều người Việt ngủ trong xưởng may ở phố chính, họ không được đi đâu cả.",
        "Xin hãy giúp chúng tôi, chúng tôi bị nhốt trong một căn hộ, tôi không biết địa chỉ.",
    ),
    "en": (
        "I need help. My boss took my passport and says I owe him for the flight.",
        "There is a car wash on the ring road where the workers sleep in a container out the "
        "back. They never leave and look scared. One of them asked me for help in Romanian.",
        "My friend is being forced to work in a massage parlour. She texted me from "
        "+44 7700 900123 but she is not allowed to keep the phone.",
        "please help we are locked in a house and they took our phones",
        "I was promised a job in a hotel and now they want 5000 pounds. If I do not pay they "
        "say they will hurt my family back home.",
        "Two teenage girls are being brought to the motel on Highway 9 every night by the "
        "same man, a white van, plate starts with KLM.",
        "They keep us on a fishing boat for months. We are not paid. Contact me at "
        "deckhand77@example.net when we are back in port.",
    ),
    "fr": (
        "J'ai besoin d'aide, mon employeur a pris mon passeport et je ne peux pas sortir.",
        "Nous travaillons dans un restaurant à Lyon sans être payés depuis six mois. Le patron "
        "dit que nous lui devons le voyage.",
        "Ma cousine est obligée de se prostituer dans un appartement près de la gare. "
        "Son numéro est le 06 12 34 56 78.",
        "On m'a promis un travail de nounou et maintenant on me demande 4000 euros.",
        "S'il vous plaît aidez-nous, nous sommes enfermés et ils ont pris nos téléphones.",
    ),
}
