"""The only words a rule learned from a correction may be built from (issue 15, point 2).

A correction is made on a real buyer message, which can hold the buyer's name, street,
city, e-mail or phone number; a learned rule is stored in plain text and kept for ever.
So the rule's word must come from this closed list of non-personal words about why buyers
write (damage, delivery, returns, sizes...) in English, German, French, Spanish and
Italian, folded (lower case, no accents). An entry ending in `*` is a stem.
"""

from __future__ import annotations

from core.triage.text import fold_plain

_WORDS = """
damaged damage dented scratched scratches scratch cracked crack shattered smashed squashed
crushed torn ripped bent leaking leaks leak leaked stained stains dirty mouldy moldy rusty
rust wobbles wobbly wobble loose grinding noise noisy rattles rattling squeaks squeaky
buzzing humming overheating overheats smoke smoking sparks burning burnt melted smell
smells stinks flickers flickering dead faulty defective defect malfunction broken broke
unusable useless fake counterfeit used opened resealed expired sticky peeling fading faded
shrunk shrank frayed blurry dim dull wrong missing incomplete mismatch mismatched mixed
swapped instead different smaller bigger larger tight tighter loose looser short shorter
fits fit fitting size sizes sizing colour color colours colors shade pattern model version
battery batteries charger charging cable plug adapter screen display button buttons switch
zipper zip strap straps handle handles lid cap seal hinge wheel wheels screw screws bolt
parts part piece pieces manual instructions assembly assemble remote sensor motor blade
blades blender lamp bulb filter pump hose
late delayed delay tracking tracked courier carrier postman postage shipping shipment
shipped dispatch dispatched delivery delivered undelivered arrive arrived arrival parcel
package packaging packet box envelope stolen lost neighbour neighbor doorstep mailbox
customs duty duties returned sender address label
refund refunds refunded reimburse reimbursement money return returns returning exchange
replacement replace replaced warranty guarantee repair repaired cancel cancelled canceled
cancellation invoice receipt bill billing charged charge overcharged payment paid price
discount coupon promotion voucher vat tax quote quantity stock available availability
compatible compatibility dimensions measurements weight material fabric ingredients
allergy allergic expiry gift wrapping urgent complaint disappointed unhappy unacceptable
feedback review rating stars details detail information specifications
kaputt defekt beschadigt zerbrochen gebrochen verkratzt zerkratzt undicht verbogen
verschmutzt schmutzig laut gerausch riecht geruch falsch falsche falscher fehlt fehlen
fehlende unvollstandig grosse farbe passt klein gross lieferung geliefert zustellung
paket sendung verspatet verspatung versand versendet nachverfolgung ruckgabe rucksendung
erstattung ruckerstattung umtausch ersatz garantie reparatur stornieren stornierung
storniert rechnung quittung zahlung bezahlt preis rabatt gutschein verfugbar lieferbar
kompatibel anleitung bedienungsanleitung akku ladegerat kabel stecker bildschirm knopf
schalter reissverschluss griff deckel teile teil beschwerde enttauscht bewertung
casse cassee abime abimee endommage endommagee raye rayee fissure tache sale bruyant bruit
odeur defectueux defectueuse incomplet incomplete manquant manquante manque mauvais
mauvaise taille couleur petit grand livraison livre livree colis retard retarde suivi
transporteur expedition expedie perdu vole retour remboursement rembourse echange
remplacement garantie reparation annuler annulation annule facture recu paiement paye
prix remise promotion disponible compatible notice mode emploi batterie chargeur cable
prise ecran bouton interrupteur fermeture poignee couvercle piece pieces plainte decu
avis evaluation
roto rota rotos rotas danado danada rayado rayada agrietado manchado sucio ruidoso ruido
olor defectuoso defectuosa incompleto incompleta falta faltan equivocado equivocada
incorrecto talla tamano color pequeno grande envio entrega entregado paquete retraso
retrasado seguimiento transportista perdido robado devolucion reembolso reembolsado
cambio sustitucion garantia reparacion cancelar cancelacion cancelado factura recibo pago
pagado precio descuento cupon disponible compatible instrucciones manual bateria cargador
cable enchufe pantalla boton interruptor cremallera asa tapa pieza piezas queja
decepcionado opinion valoracion
rotto rotta rotti danneggiato danneggiata graffiato graffiata crepato macchiato sporco
rumoroso rumore odore difettoso difettosa incompleto incompleta manca mancano mancante
sbagliato sbagliata taglia misura colore piccolo grande consegna consegnato spedizione
spedito pacco ritardo ritardato tracciamento corriere perso rubato reso restituzione
rimborso rimborsato cambio sostituzione garanzia riparazione annullare annullamento
annullato fattura ricevuta pagamento pagato prezzo sconto buono disponibile compatibile
istruzioni batteria caricabatterie cavo spina schermo pulsante interruttore cerniera
manico coperchio pezzo pezzi reclamo deluso recensione valutazione
"""

_STEMS = """
damag* scratch* crack* leak* stain* wobbl* rattl* squeak* overheat* malfunction* defect*
mismatch* deliver* dispatch* track* refund* reimburs* return* replac* cancel* exchang*
compatib* beschadig* defekt* verspat* erstatt* storn* endommag* abim* rembours* annul*
defectu* danad* reembols* devol* cancel* danneggi* difett* rimbors* annull* restitu*
"""

VOCABULARY: frozenset[str] = frozenset(fold_plain(w) for w in _WORDS.split())
STEMS: tuple[str, ...] = tuple(sorted({fold_plain(s.rstrip("*")) for s in _STEMS.split()}))


def is_vocabulary(word: str) -> bool:
    """Whether a folded word is a known non-personal word (or grows from a known stem)."""
    return word in VOCABULARY or any(word.startswith(s) for s in STEMS)
