"""Words of review requests and of conditions, per language (patterns, not phrases).

The rules in requests.py and conditions.py combine them by sentence and clause; nothing
here decides alone. Review words count in every language (text.any_pattern); grammar words
(asking, conditions) in English plus the message's own language (text.pattern). Small word
lists that serve one rule live next to it."""

from __future__ import annotations

import re

from core.reply_check.text import Table

# A mention of a review, a rating or seller feedback (noun, or a rating verb aimed at us).
REVIEW_TERM: Table = {
    "en": r"reviews|reviewers?|(?:a|an|the|your|our|one|any|some|honest|quick|short|brief"
    r"|product|seller|fair|genuine|written|positive|negative|good|bad|great|glowing|excellent"
    r"|nice|star|detailed|little|real|kind|this|that) review"
    r"|review (?:us|me)|review (?:it|them|the \w+|your \w+|this \w+|our \w+) on amazon"
    r"|rate (?:us|me|it|them|the \w+|your \w+|our \w+|this \w+)|rating|ratings|star rating"
    r"|stars?(?!-)|\u2605+|feedback|testimonials?|(?:a few|some) (?:kind )?words on amazon"
    r"|share (?:it|this|that|them|your (?:experience|thoughts|opinion))(?: with \w+)? on amazon"
    r"|tell (?:others|other \w+|the world|everyone)|let (?:others|other \w+|fellow \w+) know"
    r"|say so on amazon",
    "de": r"\w*bewertung(?:en)?|\w*rezension(?:en)?|feedback|\w*sterne(?:n)?|bewerten"
    r"|bewerter(?:n|in|innen)?|erfahrungsberichte?|meinung"
    r"|(?:erzählen|teilen) sie es (?:auf amazon|anderen)",
    "fr": r"avis|évaluations?|commentaires?|une note|note de|étoiles?|(?:nous )?noter|notez"
    r"|évaluer|évaluez|critiques?|(?:dites|partagez)-le (?:sur amazon|aux autres)",
    "es": r"reseñas?|opini[oó]n(?:es)?|valoraci[oó]n(?:es)?|comentarios?|calificaci[oó]n(?:es)?"
    r"|estrellas?|val[oó]r\w*|calific\w*|opinar"
    r"|(?:cu[eé]ntelo|comp[aá]rtalo) (?:en amazon|a otros)",
    "it": r"recension[ei]|feedback|valutazion[ei]|opinion[ei]|comment[oi]|stelle|stella"
    r"|valutar\w*|valuti|(?:lo racconti|lo condivida) (?:su amazon|ad altri)",
}

# Words that turn a mention into a request (asking, wishing, helping, imperatives).
REQUEST_CUE: Table = {
    "en": r"please|kindly|leave|leaving|write|writing|post|posting|share|sharing|give|giving|drop"
    r"|submit|add|consider|take (?:a|the) (?:moment|minute|second|few)|would|could|can you"
    r"|will you|mind|appreciate\w*|grateful|love|like to|welcome|help|helps|mean|means"
    r"|let (?:us|others|other|fellow)|tell|rate|review (?:us|it)|feel free|don't forget"
    r"|remember|why not|how about|go ahead|encourage|great|make our|hear|read|get",
    "de": r"bitte|hinterlass\w*|abgeben|abzugeben|schreiben|teilen|geben|freuen|freut|würden?"
    r"|wären?|dankbar|gerne?|helfen|hilft|lassen sie|lassen|bewerten sie|nehmen sie|da",
    "fr": r"merci de|veuillez|laiss\w*|écri\w*|partag\w*|donn\w*|publi\w*|ravis?|reconnaissants?"
    r"|apprécier\w*|aider\w*|dites|n'hésitez|notez|évaluez|lire|aimerions|serait",
    "es": r"por favor|d[eé]j\w*|escr[ií]b\w*|compart\w*|agradecer\w*|encantar\w*|ayudar\w*|val[oó]r\w*"
    r"|calif[ií]q\w*|no dude|leer|ser[ií]a",
    "it": r"per favore|lasci\w*|scriv\w*|condivid\w*|apprezzer\w*|felici|grati|aiuter\w*|utile"
    r"|valuti|non esiti|sarebbe|ricevere|leggere|piacere|farebbe|gradit\w*|gradirebbe",
}

# Right before a mention, these make it about a review already given, not a request.
ACKNOWLEDGE: Table = {
    "en": r"thank(?:s| you)(?: so much| very much)? for|we(?:'ve| have)? (?:read|received|seen"
    r"|saw|got|noticed)|regarding|about your|in your",
    "de": r"(?<!als )(?:danke|vielen dank|herzlichen dank|besten dank) für|wir haben ihre"
    r"|zu ihrer",
    "fr": r"merci pour|merci de votre|nous avons lu|suite à votre",
    "es": r"gracias por|hemos leído|sobre su",
    "it": r"grazie per|grazie della|abbiamo letto|riguardo alla",
}

# Words that open a condition (if, unless, only if, should you ...), per language.
MARKER: Table = {
    "en": r"if|unless|only if|as long as|provided(?: that)?|providing|assuming|in case(?: of)?"
    r"|should (?:you|anything|something|the \w+|it|your \w+)|were you|whenever|once|when"
    r"|in the event(?: of| that)?|make sure|be sure|ensure",
    "de": r"wenn|falls|sofern|soweit|nur wenn|außer|ausser|es sei denn|sollten sie|sollte"
    r"|bei|im falle?|sobald|solange|stellen sie sicher",
    "fr": r"si|s'il|s'ils|sauf si|à moins que|à moins de|seulement si|uniquement si|que si"
    r"|pourvu que|à condition que|en cas de|au cas où|dès que|lorsque|quand|une fois que"
    r"|assurez-vous",
    "es": r"si|solo si|sólo si|a menos que|salvo que|siempre que|siempre y cuando"
    r"|en caso de(?: que)?|cuando|una vez que|con tal de que|aseg[uú]rese",
    "it": r"se|solo se|a meno che|salvo che|purché|qualora|in caso di|nel caso in cui|quando"
    r"|una volta che|sempre che|si assicuri",
}
# Markers whose condition is a short noun phrase ("bei Zufriedenheit", "in case of problems").
NOUN_MARKER = re.compile(r"^(?:bei|im falle?|en cas de|in caso di|en caso de|in case of)$", re.I)

# The buyer's own verdict: a condition on it is a condition on the review's content.
SATISFACTION: Table = {
    "en": r"happy(?! (?:to|for))|unhappy|satisfied|dissatisfied|unsatisfied|satisfaction"
    r"|pleased|displeased|delighted|(?:are|be|feel|were) content|thrilled|glad|disappoint\w*"
    r"|lov(?:e|es|ed|ing)|liked|(?:like|likes) (?:it|them|the|your|our|this|that|what|using)"
    r"|enjoy\w*|impressed|expectations|(?:good|great|positive|pleasant|bad|negative|poor"
    r"|wonderful) experience|live[sd]? up to|living up to",
    "de": r"zufrieden\w*|unzufrieden\w*|glücklich|begeistert|enttäusch\w*|gefäll\w*|gefallen"
    r"|gefiel|überzeugt|erwartungen|gute erfahrung|freude|hält, was",
    "fr": r"satisfaite?s?|insatisfaite?s?|satisfaction|contente?s?|ravie?s?|heureu(?:x|se)"
    r"|déçue?s?|plu|pla[iî]t|aimée?s?|apprécié\w*|vous convient|attentes|bonne expérience"
    r"|enchantée?s?|conquise?s?|à la hauteur",
    "es": r"satisfech[oa]s?|insatisfech[oa]s?|satisfacci[oó]n|content[oa]s?|encantad[oa]s?"
    r"|feliz|decepcionad[oa]s?|gust[oó]|gusta|gustado|expectativas|buena experiencia"
    r"|a la altura",
    "it": r"soddisfatt[oaie]|insoddisfatt[oaie]|soddisfazione|content[oaie]|felice"
    r"|delus[oaie]|piaciut[oaie]|piace|convint[oaie]|convince|aspettative|buona esperienza"
    r"|entusiast[ai]|all'altezza",
}

# How the order went: a condition on it, tied to a request, sorts buyers before asking.
OUTCOME: Table = {
    "en": r"problems?|issues?|trouble|wrong|amiss|damaged|broken|defective|faulty|missing"
    r"|all (?:is|was|went) (?:well|fine|good)|went (?:well|smoothly|wrong)|works?|worked"
    r"|arrived (?:safely|in one piece|intact|undamaged|in (?:good|perfect) (?:condition|shape)"
    r"|on time|as described|ok|okay|fine|well)"
    r"|working|as (?:described|expected)|in one piece|intact|perfect|fine|ok|okay"
    r"|(?:isn't|is not|wasn't|was not|aren't|not) (?:right|quite right|as it should be)",
    "de": r"probleme?n?|schaden|beschädigt|defekt|kaputt|fehlt|stimmt|gepasst|passt|geklappt"
    r"|funktioniert\w*|mängel|reklamation|alles (?:gut|in ordnung|ok|okay)|in ordnung"
    r"|unbeschädigt|heil angekommen",
    "fr": r"problèmes?|soucis?|endommagée?s?|défectueu(?:x|se)|cassée?s?|manque|bien passé"
    r"|fonctionne|conforme|parfait|tout va bien|en bon état",
    "es": r"problemas?|inconvenientes?|dañad[oa]s?|defectuos[oa]s?|rot[oa]s?|falta|bien"
    r"|funciona|perfect[oa]",
    "it": r"problem[ai]|inconvenient[ei]|danneggiat[oa]|difettos[oa]|rott[oa]|manca|bene"
    r"|funziona|perfett[oa]|in ordine|integr[oaie]",
}

# Conditions that point back at what was just said ("if so", "if that's you").
ANAPHOR: Table = {
    "en": r"if so|if yes|if that's (?:not )?(?:you|the case)|if that is (?:not )?(?:you|the case)"
    r"|if you are one|(?:if you(?: are|'re| are not|'re not| aren't| did| didn't| do| don't)"
    r"|if it (?:did|was|is)|if not)(?= *[,;.!?-]| *$)",
    "de": r"wenn ja|falls ja|wenn dem so ist|wenn das so ist",
    "fr": r"si c'est le cas|si oui|si c'est votre cas",
    "es": r"si es así|si es el caso|en ese caso|si lo está",
    "it": r"se sì|se è così|in tal caso|se lo è",
}
