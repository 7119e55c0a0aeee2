"""Words of offers, praise requests, promotion and off-Amazon contact, per language.

Vocabulary (offers, praise, shop words) counts in every language; off-Amazon contact phrases
in English plus the message's own language (Italian "via e-mail" is no English idiom)."""

from __future__ import annotations

from core.reply_check.text import Table

# Something of value: an incentive when it is offered for a review.
VALUE: Table = {
    "en": r"gifts?|presents?|vouchers?|coupons?|discounts?|\d+ ?% off|refunds?|refunded"
    r"|refunding|reimburs\w*|money back|cash ?back|cash|pay(?:ing)? (?:you|for)|paypal"
    r"|rebates?|(?<!feel )free(?! (?:replacement|returns?|of charge))|complimentary|bonus"
    r"|prizes?|prize draw|(?:lucky|monthly|weekly) draw|raffle|sweepstakes?|giveaways?"
    r"|rewards?|compensat\w*|extend\w* (?:your |the )?warranty|warranty extension"
    r"|early access|(?:store|account|amazon) credit|at no (?:extra )?cost|no charge"
    r"|on the house|on us",
    "de": r"geschenk\w*|schenk\w*|gutschein\w*|rabatt\w*|rückerstattung|erstatt\w*"
    r"|geld zurück|gratis|kostenlos\w*|prämie|gewinnspiel|verlos\w*|bonus",
    "fr": r"cadeaux?|offr(?:ons|ir|e|ez)|offerte?s?|bon d'achat|bon de réduction|réduction"
    r"|remise|rembours\w*|gratuite?s?|tirage au sort|récompense\w*",
    "es": r"regal\w*|cup[oó]n(?:es)?|descuentos?|reembols\w*|devol\w* el dinero|gratis"
    r"|gratuit[oa]s?|sorteo|premios?|recompensas?",
    "it": r"regal\w*|omaggi\w*|buon[oi] (?:sconto|regalo|acquisto)|sconto|sconti|rimbors\w*"
    r"|gratis|gratuit[oaie]|estrazione|premi|premio|ricompens\w*",
}
# A refund already made is service, not a reward, even next to a request.
COMPLETED: Table = {
    "en": r"(?:has|have|had|was|were) (?:already )?been (?:issued|processed|sent|completed|made)"
    r"|we(?:'ve| have)? (?:already )?(?:refunded|issued|processed)",
    "de": r"wurde (?:bereits )?(?:erstattet|veranlasst)|haben (?:ihnen )?\w* ?erstattet",
    "fr": r"a été (?:effectué|émis|envoyé)",
    "es": r"(?:ha sido|hemos) (?:emitido|procesado|realizado)",
    "it": r"è stato (?:emesso|effettuato|elaborato)",
}
# Offered at all, these are incentives (unsolicited gifts), review or not.
GIFT: Table = {
    "en": r"free (?:gifts?|samples?|bonus|products?|items?|giveaway)|gift ?cards?"
    r"|gift certificates?|vouchers?|cash ?back|rewards?|complimentary (?:gifts?|samples?"
    r"|products?|items?)"
    r"|in (?:exchange|return) for (?:a |an |your )?(?:honest |positive |5[- ]star )?"
    r"(?:reviews?|feedback|ratings?)",
    "de": r"gratisprobe\w*|gratis-?geschenk\w*|geschenkgutschein\w*|geschenkkarte\w*"
    r"|(?:gratis|kostenlose?[sn]?) (?:geschenk|probe|produkt)\w*",
    "fr": r"cadeau gratuit|échantillons? gratuits?|cartes?[- ]cadeaux?|chèques?[- ]cadeaux?"
    r"|cadeau offert",
    "es": r"regalo gratis|muestras? gratis|muestras? gratuitas?|tarjetas? regalo",
    "it": r"campion[ei] gratuit[oi]|carta regalo|buono regalo",
}

# Asking for praise rather than an honest review.
POSITIVE: Table = {
    "en": r"(?:positive|good|great|excellent|glowing|favou?rable|nice|perfect|top|best"
    r"|high(?:est)?) (?:feedback|reviews?|ratings?|comments?|stars?|score)"
    r"|(?:5|five)[\s-]*stars?(?!-)|full stars|rate us (?:5|five|highly)|top marks|full marks"
    r"|max(?:imum)? stars|\u2605{4,5}|5/5|five out of five",
    "de": r"positive?[n]? (?:bewertung|rezension|feedback)\w*|gute[n]? (?:bewertung|rezension)\w*"
    r"|(?:5|fünf)[\s-]*sterne\w*|höchstbewertung|volle punktzahl",
    "fr": r"(?:avis|commentaires?) (?:très )?positifs?|évaluations? positives?|bonne note"
    r"|(?:5|cinq) étoiles|note maximale|excellente? note",
    "es": r"(?:reseñas?|valoraci[oó]n(?:es)?|opini[oó]n(?:es)?|calificaci[oó]n(?:es)?"
    r"|comentarios?) positiv[oa]s?|(?:5|cinco) estrellas|buena (?:reseña|valoraci[oó]n)"
    r"|máxima (?:puntuaci[oó]n|valoraci[oó]n)",
    "it": r"(?:recension[ei]|valutazion[ei]|feedback|opinion[ei]|comment[oi]) positiv[oaie]"
    r"|(?:5|cinque) stelle|ottima (?:recensione|valutazione)|massimo dei voti",
}

# Promotion: a buyer message may only be about this order.
MARKETING: Table = {
    "en": r"coupons?(?: codes?)?|discount(?:s|ed)?(?: codes?)?|promo(?:tion(?:s|al)?)?(?: codes?)?"
    r"|\d+\s?%\s?off|\d+ percent off|(?:on|our|big|huge|summer|winter|spring|autumn|fall"
    r"|holiday|flash|clearance|christmas|annual|special|seasonal|storewide) sales?"
    r"|sales? (?:starts?|ends?|events?|prices?)|special offers?"
    r"|exclusive (?:offers?|deals?)|limited[- ]time|black friday|cyber monday"
    r"|(?:check out|see|browse|explore|discover) our (?:other |full |whole |new )?(?:products"
    r"|items|store|shop|listings|range|collection)"
    r"|our other (?:products|items|listings)|new (?:products|arrivals|collection|releases)"
    r"|newsletter|subscribe|follow us|like us on|facebook|instagram|twitter|tiktok|youtube"
    r"|pinterest|visit our (?:store|shop|website|site|page)|our website"
    r"|(?:off|on) your next (?:order|purchase)|buy (?:more|again)",
    "de": r"gutscheincode|rabattcode|rabatt\w*|sparen sie|sonderangebot\w*|newsletter"
    r"|folgen sie uns|besuchen sie unseren? (?:online-?)?(?:shop|store|website|webseite)"
    r"|unser(?:em|en)? (?:online-?)?shop|ausverkauf|schlussverkauf|neue (?:produkte|kollektion)"
    r"|unsere anderen (?:produkte|artikel)|(?:auf|bei) ihre[rn]? nächsten (?:bestellung|einkauf)",
    "fr": r"code promo|code de réduction|\d+ ?% de (?:réduction|remise)|réductions?|soldes"
    r"|offres? (?:spéciales?|exclusives?)|newsletter|suivez-nous|notre boutique"
    r"|nos autres produits|nos nouveautés|votre prochaine? (?:commande|achat)",
    "es": r"c[oó]digo (?:de descuento|promocional)|descuentos?|rebajas|ofertas? (?:especial"
    r"|exclusiva)e?s?|bolet[ií]n|newsletter|s[ií]ganos|nuestra tienda|nuestros otros productos"
    r"|su pr[oó]xim[oa] (?:compra|pedido)|novedades",
    "it": r"codice sconto|\d+ ?% di sconto|sconto|sconti|saldi|offert[ae] (?:special[ei]"
    r"|esclusiv[ae])|newsletter|seguici|il nostro negozio|(?:visiti|visitate|visita)"
    r" il nostro (?:negozio|sito)|i nostri altri prodotti|novità",
}

# Moving the conversation off Amazon (phone, messengers, e-mail).
OFF_AMAZON: Table = {
    "en": r"whatsapp|telegram|wechat|skype|viber|call us|text us|phone us|ring us|e-?mail us"
    r"|contact us (?:directly )?(?:by|via|at|on) (?:e-?mail|phone|telephone|whatsapp)"
    r"|reach (?:me|us) directly|give us a (?:call|ring)|send us an e-?mail",
    "de": r"rufen sie (?:uns|mich)(?: \w+){0,3} an|(?:schreiben|senden) sie uns (?:eine |per )"
    r"?e-?mail|per e-?mail an|telefonisch|unter der (?:telefon)?nummer",
    "fr": r"appelez[- ](?:nous|moi)|téléphonez[- ]nous|écrivez[- ]nous par (?:e-?mail|courriel"
    r"|mail)|par téléphone|contactez[- ]nous par (?:e-?mail|téléphone|courriel)",
    "es": r"ll[aá]m(?:enos|eme|anos)|por tel[eé]fono|escr[ií]banos (?:por|a nuestro)"
    r" (?:correo|email|e-mail)|por correo electr[oó]nico",
    "it": r"ci chiami|chiamateci|chiamaci|mi chiami|per telefono|via e-?mail|ci scriva via"
    r" (?:e-?mail|mail)|telefonicamente",
}
