"""dev4.jsonl: a fifth writer's development utterances (issue 20, sixth round), ids "v6-", reasons and first messages only.
Written from /work/notes/s7/facts.md (ids and labels) and the five policies' texts (what each business sells), before
reading any recognizer code or word list, and committed before any code change of that round. Same fields and
conventions as README.md ("today" is Tuesday 2026-12-01). Rebuild with `python3 src/dev4.py`: it writes dev4.jsonl only."""
import json, os, re, collections

MS, NX, SD, SP, TS = "masecurite", "necxian", "seven-day-services", "smarters-pro", "tech-services"
POLICIES = {MS, NX, SD, SP, TS}
CATEGORIES = {"technical_problem", "not_as_described", "billing_error", "dissatisfied", "changed_mind", "other"}
PREFIXES = {MS: "MS", NX: "NX", SD: "SD", SP: "SP", TS: "TS"}

# (lang, kind, policy, text, expect)
DATA = [
    # ---- reasons, English: stories, slang, typos, no apostrophes, hedges, negations ----
    ("en", "reason", MS, "the app eats my phone battery since i installed it", "technical_problem"),
    ("en", "reason", MS, "router keeps dropping the wifi every couple hours, useless", "technical_problem"),
    ("en", "reason", MS, "you guys billed me for the annual plan when i picked monthly", "billing_error"),
    ("en", "reason", MS, "the building got its own security guard so we dont need it anymore", "changed_mind"),
    ("en", "reason", MS, "the ad said 24/7 monitoring but nobody answers at night", "not_as_described"),
    ("en", "reason", MS, "honestly kinda disappointed, expected way more for the price", "dissatisfied"),
    ("en", "reason", MS, "my husband passed away and the subscription was in his name", "other"),
    ("en", "reason", NX, "the course was sold as 40 hours of video, there's barely 6", "not_as_described"),
    ("en", "reason", NX, "software wont even install, error 0x80070005 every single time", "technical_problem"),
    ("en", "reason", NX, "my kid bought it on my card without asking", "changed_mind"),
    ("en", "reason", NX, "got charged 3 times for one order??", "billing_error"),
    ("en", "reason", NX, "it's garbage tbh, the consulting call was a waste of my time", "dissatisfied"),
    ("en", "reason", NX, "found the exact same course way cheaper somewhere else", "changed_mind"),
    ("en", "reason", NX, "keyboard arrived and 2 of the keys dont register", "technical_problem"),
    ("en", "reason", SD, "the platform is sooo slow, every page takes a minute to load", "technical_problem"),
    ("en", "reason", SD, "it didnt live up to what your website promised at all", "not_as_described"),
    ("en", "reason", SD, "i was charged 49 instead of 29", "billing_error"),
    ("en", "reason", SD, "meh. not worth it, the sessions were boring and the coach didnt care", "dissatisfied"),
    ("en", "reason", SD, "turns out i dont have time for it anymore", "changed_mind"),
    ("en", "reason", SD, "someone hacked my account and bought this", "other"),
    ("en", "reason", SP, "the stream stutters every few minutes during the match, cant watch anything", "technical_problem"),
    ("en", "reason", SP, "half the channels you advertise arent even there", "not_as_described"),
    ("en", "reason", SP, "it renewed without asking me and took the money again", "billing_error"),
    ("en", "reason", SP, "picture quality is crap, looks like 2005", "dissatisfied"),
    ("en", "reason", SP, "we just dont want it anymore", "changed_mind"),
    ("en", "reason", SP, "app wont open on my tv, just a black screen", "technical_problem"),
    ("en", "reason", TS, "the tech never showed up for the appointment", "other"),
    ("en", "reason", TS, "after your update my laptop wont boot lol", "technical_problem"),
    ("en", "reason", TS, "invoice shows two support packages, i only ordered one", "billing_error"),
    ("en", "reason", TS, "the guy was rude and rushed, really not happy with how it went", "dissatisfied"),
    ("en", "reason", TS, "you said it included a full backup of my files, it didnt", "not_as_described"),
    ("en", "reason", TS, "bought it by accident, meant to click the basic one", "changed_mind"),
    ("en", "reason", MS, "its not that it doesnt work, i just dont need it anymore", "changed_mind"),
    ("en", "reason", SP, "nothing wrong with the service, we just changed our plans", "changed_mind"),

    # ---- reasons, French: sans accents ni apostrophes, argot, fautes, récits, négations ----
    ("fr", "reason", MS, "l'appli me vide la batterie en 2h", "technical_problem"),
    ("fr", "reason", MS, "ça rame tout le temps, la caméra met 30 sec a s'afficher", "technical_problem"),
    ("fr", "reason", MS, "on m'a prélevé deux fois ce mois ci", "billing_error"),
    ("fr", "reason", MS, "j'ai déménagé a l'étranger", "other"),
    ("fr", "reason", MS, "c pas du tout ce qui etait marqué sur le site, y a pas de télésurveillance", "not_as_described"),
    ("fr", "reason", MS, "franchement decu, je m'attendais a mieux", "dissatisfied"),
    ("fr", "reason", MS, "finalement j'en ai plus besoin", "changed_mind"),
    ("fr", "reason", NX, "le logiciel plante dès que j'ouvre un fichier", "technical_problem"),
    ("fr", "reason", NX, "mon fils l'a acheté sans me demander", "changed_mind"),
    ("fr", "reason", NX, "la formation en ligne n'a rien à voir avec la description", "not_as_described"),
    ("fr", "reason", NX, "vous m'avez facturé le mauvais montant", "billing_error"),
    ("fr", "reason", NX, "c'est nul, les conseils qu'on m'a donnés servaient a rien", "dissatisfied"),
    ("fr", "reason", NX, "je l'ai trouvé moins cher ailleurs", "changed_mind"),
    ("fr", "reason", NX, "le livre numérique s'affiche tout blanc, illisible", "technical_problem"),
    ("fr", "reason", SD, "le site bug, impossible de reserver une seance", "technical_problem"),
    ("fr", "reason", SD, "pas conforme a l'annonce du tout", "not_as_described"),
    ("fr", "reason", SD, "débité 2 fois pour le même achat", "billing_error"),
    ("fr", "reason", SD, "vraiment pas satisfaite du service, grosse déception", "dissatisfied"),
    ("fr", "reason", SD, "jai change davis", "changed_mind"),
    ("fr", "reason", SD, "deces dans la famille, je ne pourrai pas en profiter", "other"),
    ("fr", "reason", SP, "écran noir, rien ne se charge", "technical_problem"),
    ("fr", "reason", SP, "ça coupe sans arrêt pendant les matchs", "technical_problem"),
    ("fr", "reason", SP, "il manque la moitié des chaînes promises", "not_as_described"),
    ("fr", "reason", SP, "prélevé alors que j'avais résilié", "billing_error"),
    ("fr", "reason", SP, "bof, la qualité est pas terrible", "dissatisfied"),
    ("fr", "reason", SP, "je veux plus de l'abonnement, ça m'intéresse plus", "changed_mind"),
    ("fr", "reason", TS, "le technicien n'est jamais venu", "other"),
    ("fr", "reason", TS, "depuis votre intervention l'ordi ne démarre plus", "technical_problem"),
    ("fr", "reason", TS, "erreur sur la facture, on m'a compté 3 heures au lieu d'une", "billing_error"),
    ("fr", "reason", TS, "pas content du tout du travail, bâclé", "dissatisfied"),
    ("fr", "reason", TS, "la mise a jour promettait plein de trucs, y a rien de nouveau", "not_as_described"),
    ("fr", "reason", TS, "je me suis trompé de forfait en commandant", "changed_mind"),
    ("fr", "reason", MS, "ça marche hein, c'est juste que j'en veux plus", "changed_mind"),
    ("fr", "reason", SD, "rien à reprocher au service, mes projets ont changé", "changed_mind"),

    # ---- first messages, English ----
    ("en", "first", MS, "hi, MS-1002 here. signed up on the 12th but the alarm app keeps crashing",
     {"orderId": "MS-1002", "purchaseDate": "2026-11-12", "reason": "technical_problem"}),
    ("en", "first", MS, "id like a refund pls, we dont need the security thing anymore", {"reason": "changed_mind"}),
    ("en", "first", MS, "subscribed yesterday and you already took 2 payments, order ms 1003",
     {"orderId": "MS-1003", "purchaseDate": "2026-11-30", "reason": "billing_error"}),
    ("en", "first", MS, "hello?? anyone", {}),
    ("en", "first", MS, "started my subscription 3 days ago, want to cancel and get my money back",
     {"purchaseDate": "2026-11-28"}),
    ("en", "first", MS, "ordered the router kit on november 2nd, it came with a cracked case",
     {"purchaseDate": "2026-11-02", "reason": "technical_problem"}),
    ("en", "first", NX, "NX-3002 - the ebook i bought on black friday only shows garbled text",
     {"orderId": "NX-3002", "purchaseDate": "2026-11-27", "reason": "technical_problem"}),
    ("en", "first", NX, "my son bought this course with my card without asking me, can i get a refund",
     {"reason": "changed_mind"}),
    ("en", "first", NX, "order nx3001, the headset looks nothing like the pictures",
     {"orderId": "NX-3001", "reason": "not_as_described"}),
    ("en", "first", NX, "refund for order NX-3003 please", {"orderId": "NX-3003"}),
    ("en", "first", NX, "bought the pro license last tuesday, honestly its garbage",
     {"purchaseDate": "2026-11-24", "reason": "dissatisfied"}),
    ("en", "first", SD, "SD-2001 bought it on sunday, charged twice",
     {"orderId": "SD-2001", "purchaseDate": "2026-11-29", "reason": "billing_error"}),
    ("en", "first", SD, "hey so i paid for 10 sessions on the 25th and the booking page has been broken ever since",
     {"purchaseDate": "2026-11-25", "reason": "technical_problem"}),
    ("en", "first", SD, "really unhappy with it, sd-2003", {"orderId": "SD-2003", "reason": "dissatisfied"}),
    ("en", "first", SD, "nothing wrong with the service, i just dont have time for it anymore. SD-2001",
     {"orderId": "SD-2001", "reason": "changed_mind"}),
    ("en", "first", SD, "hi i think my order was SD-2002? bought it 2 days ago, changed my mind",
     {"orderId": "SD-2002", "purchaseDate": "2026-11-29", "reason": "changed_mind"}),
    ("en", "first", SP, "SP-5001 the channels keep buffering nonstop since i bought it yesterday",
     {"orderId": "SP-5001", "purchaseDate": "2026-11-30", "reason": "technical_problem"}),
    ("en", "first", SP, "you charged me 2x for the same subscription", {"reason": "billing_error"}),
    ("en", "first", SP, "bought a 12 month sub this morning by mistake, wanted the 3 month one",
     {"purchaseDate": "2026-12-01", "reason": "changed_mind"}),
    ("en", "first", SP, "sp5003. half the channels in the list dont exist",
     {"orderId": "SP-5003", "reason": "not_as_described"}),
    ("en", "first", SP, "i want a refund", {}),
    ("en", "first", TS, "bought the remote support on the 20th, my printer still doesnt print",
     {"purchaseDate": "2026-11-20", "reason": "technical_problem"}),
    ("en", "first", TS, "the technician never came, order TS-4003", {"orderId": "TS-4003", "reason": "other"}),
    ("en", "first", TS, "overcharged on my invoice, ts-4001", {"orderId": "TS-4001", "reason": "billing_error"}),
    ("en", "first", TS, "purchased the annual support package on 11/18, dont need it anymore",
     {"purchaseDate": "2026-11-18", "reason": "changed_mind"}),
    ("en", "first", TS, "hi, hope ur well. how do refunds work", {}),
    ("en", "first", NX, "bought it on the 15th, my daughter says the app drains her tablet battery",
     {"purchaseDate": "2026-11-15", "reason": "technical_problem"}),
    ("en", "first", MS, "MS-1001, my mom is moving into a care home so she wont need the alarm",
     {"orderId": "MS-1001", "reason": "other"}),

    # ---- first messages, French ----
    ("fr", "first", MS, "bonjour, commande MS-1001, abonné depuis le 14 et l'appli marche pas",
     {"orderId": "MS-1001", "purchaseDate": "2026-11-14", "reason": "technical_problem"}),
    ("fr", "first", MS, "jai déménagé, je voudrais etre remboursé svp", {"reason": "other"}),
    ("fr", "first", MS, "vous m'avez prélevé 2 fois, ms-1002", {"orderId": "MS-1002", "reason": "billing_error"}),
    ("fr", "first", MS, "bonjour", {}),
    ("fr", "first", MS, "abonnement pris hier, finalement je change d'avis",
     {"purchaseDate": "2026-11-30", "reason": "changed_mind"}),
    ("fr", "first", MS, "le routeur est arrivé cassé, commandé le 5",
     {"purchaseDate": "2026-11-05", "reason": "technical_problem"}),
    ("fr", "first", NX, "NX-3001 acheté le 20 novembre, le logiciel plante au démarrage",
     {"orderId": "NX-3001", "purchaseDate": "2026-11-20", "reason": "technical_problem"}),
    ("fr", "first", NX, "le cours en ligne ne correspond pas du tout a la description", {"reason": "not_as_described"}),
    ("fr", "first", NX, "remboursement commande nx-3002 svp", {"orderId": "NX-3002"}),
    ("fr", "first", NX, "acheté vendredi dernier, franchement déçu",
     {"purchaseDate": "2026-11-27", "reason": "dissatisfied"}),
    ("fr", "first", NX, "ma fille a acheté le livre numérique sans me demander, nx 3003",
     {"orderId": "NX-3003", "reason": "changed_mind"}),
    ("fr", "first", SD, "SD-2002 achat du 26, débité deux fois",
     {"orderId": "SD-2002", "purchaseDate": "2026-11-26", "reason": "billing_error"}),
    ("fr", "first", SD, "j'ai acheté avant-hier et le site rame a mort, impossible de se connecter",
     {"purchaseDate": "2026-11-29", "reason": "technical_problem"}),
    ("fr", "first", SD, "c pas ce qui etait annoncé, sd-2001", {"orderId": "SD-2001", "reason": "not_as_described"}),
    ("fr", "first", SD, "je voudrais un remboursement", {}),
    ("fr", "first", SD, "ça marche très bien hein, c'est juste que j'en ai plus besoin. commande SD-2003",
     {"orderId": "SD-2003", "reason": "changed_mind"}),
    ("fr", "first", SP, "SP-5002 écran noir depuis que j'ai payé hier soir",
     {"orderId": "SP-5002", "purchaseDate": "2026-11-30", "reason": "technical_problem"}),
    ("fr", "first", SP, "on m'a débité alors que j'avais annulé", {"reason": "billing_error"}),
    ("fr", "first", SP, "pris l'abonnement ce matin par erreur", {"purchaseDate": "2026-12-01", "reason": "changed_mind"}),
    ("fr", "first", SP, "sp-5001, il manque plein de chaines qui étaient annoncées",
     {"orderId": "SP-5001", "reason": "not_as_described"}),
    ("fr", "first", SP, "salut, c pour un rembourssement", {}),
    ("fr", "first", TS, "TS-4001 le technicien n'est jamais venu", {"orderId": "TS-4001", "reason": "other"}),
    ("fr", "first", TS, "acheté le 3 novembre, depuis la mise a jour l'ordi rame",
     {"purchaseDate": "2026-11-03", "reason": "technical_problem"}),
    ("fr", "first", TS, "erreur sur ma facture ts-4002", {"orderId": "TS-4002", "reason": "billing_error"}),
    ("fr", "first", TS, "forfait annuel pris le 10/11, je n'en veux plus",
     {"purchaseDate": "2026-11-10", "reason": "changed_mind"}),
    ("fr", "first", TS, "bonsoir, comment ça marche pour se faire rembourser ?", {}),
    ("fr", "first", SP, "mon mari a pris l'abonnement dimanche sans m'en parler, on n'en veut pas",
     {"purchaseDate": "2026-11-29", "reason": "changed_mind"}),
    ("fr", "first", MS, "MS-1003, la qualité du service laisse à désirer, je suis pas satisfait",
     {"orderId": "MS-1003", "reason": "dissatisfied"}),
]


def check(policy, kind, expect):
    assert policy in POLICIES, policy
    if kind == "reason":
        assert expect in CATEGORIES, expect
        return
    assert set(expect) <= {"orderId", "purchaseDate", "reason"}, expect
    if "orderId" in expect:
        assert re.fullmatch(PREFIXES[policy] + r"-\d{4}", expect["orderId"]), expect
    if "purchaseDate" in expect:
        assert re.fullmatch(r"2026-\d\d-\d\d", expect["purchaseDate"]) and expect["purchaseDate"] <= "2026-12-01"
    if "reason" in expect:
        assert expect["reason"] in CATEGORIES, expect


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    counters, seen, lines = collections.Counter(), set(), []
    for lang, kind, policy, text, expect in DATA:
        key = (lang, kind, text)
        assert key not in seen, key
        seen.add(key)
        check(policy, kind, expect)
        counters[(lang, kind)] += 1
        item = {"id": f"v6-{lang}-{kind}-{counters[(lang, kind)]:03d}", "lang": lang, "kind": kind, "policy": policy,
                "text": text, "expect": expect}
        lines.append(json.dumps(item, ensure_ascii=False))
    with open(os.path.join(here, "dev4.jsonl"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    print(len(lines), dict(sorted(counters.items())))


main()
