"""dev3.jsonl: a fourth writer's development utterances (issue 20, fifth round), ids "v5-". Written from the policies'
texts and the prompts' texts, not from the recognizers' word lists, and committed before any code change of that round.
Same fields and conventions as README.md ("today" is Tuesday 2026-12-01). Rebuild with `python3 src/dev3.py`: it writes
dev3.jsonl only."""
import json, os, re, collections

MS, NX, SD, SP, TS = "masecurite", "necxian", "seven-day-services", "smarters-pro", "tech-services"

# (lang, kind, policy, fact, text, expect[, value])
DATA = [
    # ---- quantities with units and approximations ----
    ("en", "quantity", MS, "days_used", "roughly ten days i'd say", 10),
    ("en", "quantity", MS, "days_used", "a bit over a week, 8 days", 8),
    ("en", "quantity", MS, "days_used", "i used it for 2 weeks max", "ask"),
    ("en", "quantity", MS, "days_used", "four days", 4),
    ("en", "quantity", MS, "days_used", "not once. zero days", 0),
    ("en", "quantity", MS, "days_used", "one week exactly", 7),
    ("en", "quantity", MS, "days_used", "a couple of weeks?", "ask"),
    ("en", "quantity", SP, "outage_hours", "3 days and counting", 72),
    ("en", "quantity", SP, "outage_hours", "roughly 4 hrs", 4),
    ("en", "quantity", SP, "outage_hours", "two full days now", 48),
    ("en", "quantity", SP, "outage_hours", "half an hour maybe less", "ask"),
    ("en", "quantity", SP, "outage_hours", "it's been out for 20 hours", 20),
    ("en", "quantity", SP, "outage_hours", "a few hours", "ask"),
    ("en", "quantity", SD, "used_percent", "maybe 30%", 30),
    ("en", "quantity", SD, "used_percent", "about 60 percent", 60),
    ("en", "quantity", SD, "used_percent", "barely any, like 5 percent", 5),
    ("fr", "quantity", MS, "days_used", "environ une semaine", 7),
    ("fr", "quantity", MS, "days_used", "dix jours à peu près", 10),
    ("fr", "quantity", MS, "days_used", "4 jours seulement", 4),
    ("fr", "quantity", MS, "days_used", "je m'en suis jamais servi, 0 jour", 0),
    ("fr", "quantity", MS, "days_used", "douze jours", 12),
    ("fr", "quantity", MS, "days_used", "entre 3 et 5 jours", "ask"),
    ("fr", "quantity", MS, "days_used", "trois semaines environ", 21),
    ("fr", "quantity", SP, "outage_hours", "depuis au moins 2 jours", "ask"),
    ("fr", "quantity", SP, "outage_hours", "ça fait 5 heures", 5),
    ("fr", "quantity", SP, "outage_hours", "3 jours entiers", 72),
    ("fr", "quantity", SP, "outage_hours", "une heure et demie", 1.5),
    ("fr", "quantity", SP, "outage_hours", "quelques heures", "ask"),
    ("fr", "quantity", SD, "used_percent", "à peine 10%", 10),
    ("fr", "quantity", SD, "used_percent", "la totalité", 100),
    ("fr", "quantity", SD, "used_percent", "je dirais 20 pour cent", 20),
    ("fr", "quantity", SD, "used_percent", "aucun, rien utilisé", 0),

    # ---- reasons (slang, typos, missing apostrophes, mixed languages, two reasons) ----
    ("en", "reason", MS, None, "the camera keeps going offline every night", "technical_problem"),
    ("en", "reason", MS, None, "honestly we just dont need an alarm anymore", "changed_mind"),
    ("en", "reason", MS, None, "u took money twice from my account", "billing_error"),
    ("en", "reason", NX, None, "the ebook wont even open on my kindle", "technical_problem"),
    ("en", "reason", NX, None, "what came is not what the website showed at all", "not_as_described"),
    ("en", "reason", NX, None, "ordered it by mistake sorry", "changed_mind"),
    ("en", "reason", SD, None, "service was really bad, very disapointed", "dissatisfied"),
    ("en", "reason", SD, None, "i was billed 2 times for the same thing", "billing_error"),
    ("en", "reason", SD, None, "we are moving to another country", "other"),
    ("en", "reason", SP, None, "channels freeze every 2 minutes, unwatchable", "technical_problem"),
    ("en", "reason", SP, None, "app keeps crashing on my firestick", "technical_problem"),
    ("en", "reason", SP, None, "its just not worth the price tbh", "dissatisfied"),
    ("en", "reason", TS, None, "the technician made things worse, my pc doesnt boot now", "technical_problem"),
    ("en", "reason", TS, None, "changed my mind, dont need the service", "changed_mind"),
    ("en", "reason", TS, None, "they charged more than the quote", "billing_error"),
    ("en", "reason", SP, None, "im not satisfied at all, c'est nul", "dissatisfied"),
    ("fr", "reason", MS, None, "la caméra marche plus depuis lundi", "technical_problem"),
    ("fr", "reason", MS, None, "jai changé davis", "changed_mind"),
    ("fr", "reason", MS, None, "on ma prélevé 2 fois ce mois ci", "billing_error"),
    ("fr", "reason", NX, None, "le logiciel plante au démarrage", "technical_problem"),
    ("fr", "reason", NX, None, "c'est pas du tout ce qui était décrit sur le site", "not_as_described"),
    ("fr", "reason", NX, None, "franchement decu de la qualité", "dissatisfied"),
    ("fr", "reason", SD, None, "j'en ai plus besoin", "changed_mind"),
    ("fr", "reason", SD, None, "service nul, personne ne répond", "dissatisfied"),
    ("fr", "reason", SD, None, "erreur sur la facture, le montant est faux", "billing_error"),
    ("fr", "reason", SP, None, "ça coupe tout le temps, impossible de regarder un match", "technical_problem"),
    ("fr", "reason", SP, None, "l'appli bug grave, écran noir", "technical_problem"),
    ("fr", "reason", SP, None, "pas les chaînes promises dans l'offre", "not_as_described"),
    ("fr", "reason", TS, None, "je me suis trompé de formule", "changed_mind"),
    ("fr", "reason", TS, None, "pas satisfait du tout de l'intervention, travail bâclé", "dissatisfied"),
    ("fr", "reason", TS, None, "décès dans la famille, je dois tout annuler", "other"),
    ("fr", "reason", NX, None, "l'appli crash tout le temps", "technical_problem"),

    # ---- first messages with several facts ----
    ("en", "first", MS, None, "Hello, my order is MS-1001, I signed up on November 20 and I changed my mind", {"orderId": "MS-1001", "purchaseDate": "2026-11-20", "reason": "changed_mind"}),
    ("en", "first", NX, None, "nx-3001 bought last friday, the download link doesnt work", {"orderId": "NX-3001", "purchaseDate": "2026-11-27", "reason": "technical_problem"}),
    ("en", "first", SD, None, "Good morning. Order SD-2002 from 2 days ago. I was charged twice.", {"orderId": "SD-2002", "purchaseDate": "2026-11-29", "reason": "billing_error"}),
    ("en", "first", SP, None, "i want my money back, SP-5002, the app crashes all the time", {"orderId": "SP-5002", "reason": "technical_problem"}),
    ("en", "first", TS, None, "TS-4001 — booked the service on the 10th, dont need it anymore", {"orderId": "TS-4001", "purchaseDate": "2026-11-10", "reason": "changed_mind"}),
    ("en", "first", MS, None, "subscribed yesterday, ms1001", {"orderId": "MS-1001", "purchaseDate": "2026-11-30"}),
    ("en", "first", NX, None, "hi there, i need help with a refund", {}),
    ("en", "first", SD, None, "i bought it on nov 25th and its nothing like the description", {"purchaseDate": "2026-11-25", "reason": "not_as_described"}),
    ("en", "first", SP, None, "sp 5002 / 28 nov / buffering non stop", {"orderId": "SP-5002", "purchaseDate": "2026-11-28", "reason": "technical_problem"}),
    ("en", "first", TS, None, "very disappointed with ts-4013", {"orderId": "TS-4013", "reason": "dissatisfied"}),
    ("en", "first", NX, None, "order NX-3001 please refund", {"orderId": "NX-3001"}),
    ("en", "first", MS, None, "I was billed the wrong amount on MS-1001", {"orderId": "MS-1001", "reason": "billing_error"}),
    ("en", "first", SD, None, "sd-2002 bought 3 days ago", {"orderId": "SD-2002", "purchaseDate": "2026-11-28"}),
    ("fr", "first", MS, None, "Bonjour, commande MS-1001 du 18 novembre, je souhaite me rétracter j'ai changé d'avis", {"orderId": "MS-1001", "purchaseDate": "2026-11-18", "reason": "changed_mind"}),
    ("fr", "first", NX, None, "nx3001 acheté hier, le fichier est corrompu", {"orderId": "NX-3001", "purchaseDate": "2026-11-30", "reason": "technical_problem"}),
    ("fr", "first", SD, None, "SD-2002, payé deux fois !!", {"orderId": "SD-2002", "reason": "billing_error"}),
    ("fr", "first", SP, None, "bjr jai pris labonnement il y a 3 jours et ça marche pas", {"purchaseDate": "2026-11-28", "reason": "technical_problem"}),
    ("fr", "first", TS, None, "TS-4001 commandé le 5 novembre", {"orderId": "TS-4001", "purchaseDate": "2026-11-05"}),
    ("fr", "first", MS, None, "je veux être remboursé", {}),
    ("fr", "first", NX, None, "commande NX-3001, produit pas conforme à la description", {"orderId": "NX-3001", "reason": "not_as_described"}),
    ("fr", "first", SD, None, "acheté le 26, très déçue du service", {"purchaseDate": "2026-11-26", "reason": "dissatisfied"}),
    ("fr", "first", SP, None, "sp-5002 plus aucune chaîne depuis ce matin", {"orderId": "SP-5002", "reason": "technical_problem"}),
    ("fr", "first", TS, None, "ma commande ts 4013", {"orderId": "TS-4013"}),
    ("fr", "first", MS, None, "abonnement pris jeudi dernier, MS-1001", {"orderId": "MS-1001", "purchaseDate": "2026-11-26"}),
    ("fr", "first", NX, None, "bonsoir, j'ai acheté par erreur hier", {"purchaseDate": "2026-11-30", "reason": "changed_mind"}),
    ("fr", "first", SD, None, "sd2002 facture fausse", {"orderId": "SD-2002", "reason": "billing_error"}),

    # ---- choices ----
    ("en", "choice", MS, "request_type", "i want to cancel and get refunded", "refund"),
    ("en", "choice", MS, "request_type", "the service was interrupted for days", "outage"),
    ("en", "choice", MS, "plan", "the yearly one", "annual"),
    ("en", "choice", MS, "troubleshooting_outcome", "yes i tried, still broken", "unresolved"),
    ("en", "choice", NX, "product_type", "an online course", "digital_product"),
    ("en", "choice", NX, "product_type", "a laptop, physical item", "physical_product"),
    ("en", "choice", NX, "product_issue", "no none of those", "neither"),
    ("en", "choice", SP, "problem_type", "everything is down, nothing works for anyone", "service_outage"),
    ("en", "choice", SP, "troubleshooting_outcome", "no thanks, i dont want tech support", "refused"),
    ("en", "choice", TS, "purchase_type", "monthly subscription", "subscription"),
    ("en", "choice", TS, "service_status", "not yet, they havent come", "not_started"),
    ("fr", "choice", MS, "request_type", "une coupure de service", "outage"),
    ("fr", "choice", MS, "plan", "mensuel", "monthly"),
    ("fr", "choice", MS, "troubleshooting_outcome", "oui et c'est réglé maintenant", "resolved"),
    ("fr", "choice", NX, "product_type", "un abonnement", "subscription"),
    ("fr", "choice", NX, "product_issue", "il a un gros défaut", "significant_defect"),
    ("fr", "choice", SD, "purchase_type", "achat unique", "one-time"),
    ("fr", "choice", SP, "troubleshooting_outcome", "oui mais toujours pas résolu", "unresolved"),
    ("fr", "choice", TS, "service_status", "oui c'est terminé", "started"),
    ("fr", "choice", TS, "issue_cause", "c'est moi qui ai fait une erreur", "user_error"),

    # ---- dates ----
    ("en", "date", MS, "purchase_date", "on the 12th of november", "2026-11-12"),
    ("en", "date", NX, "purchase_date", "last thursday", "2026-11-26"),
    ("en", "date", SD, "purchase_date", "a week ago today", "2026-11-24"),
    ("en", "date", SP, "purchase_date", "nov 29", "2026-11-29"),
    ("en", "date", TS, "purchase_date", "sometime in october, cant remember", "ask"),
    ("en", "date", MS, "purchase_date", "the day before yesterday", "2026-11-29"),
    ("en", "date", NX, "purchase_date", "next week", "ask"),
    ("fr", "date", MS, "purchase_date", "le 12 novembre", "2026-11-12"),
    ("fr", "date", NX, "purchase_date", "avant-hier", "2026-11-29"),
    ("fr", "date", SD, "purchase_date", "jeudi dernier", "2026-11-26"),
    ("fr", "date", SP, "purchase_date", "il y a 4 jours", "2026-11-27"),
    ("fr", "date", TS, "purchase_date", "je sais plus, en octobre", "ask"),
    ("fr", "date", MS, "purchase_date", "le 3 octobre 2026", "2026-10-03"),
    ("fr", "date", NX, "purchase_date", "demain", "ask"),

    # ---- order ids ----
    ("en", "orderid", MS, None, "its MS 1001", "MS-1001"),
    ("en", "orderid", NX, None, "order number nx-3001 from the email", "NX-3001"),
    ("en", "orderid", SD, None, "sorry i dont have it with me", "ask"),
    ("en", "orderid", SP, None, "SP5002", "SP-5002"),
    ("en", "orderid", TS, None, "ts-4001 i think", "TS-4001"),
    ("fr", "orderid", MS, None, "c'est ms-1001", "MS-1001"),
    ("fr", "orderid", NX, None, "numéro de commande : NX3001", "NX-3001"),
    ("fr", "orderid", SD, None, "je le trouve pas", "ask"),
    ("fr", "orderid", SP, None, "sp 5002 merci", "SP-5002"),
    ("fr", "orderid", TS, None, "TS-4013 ou TS-4001 je sais plus", "ask"),

    # ---- questions at a prompt ----
    ("en", "question", MS, "days_used", "does the refund depend on how many days i used it?", "question"),
    ("en", "question", MS, "installation_fee", "i paid 49 for the install, is that refunded?", "question", "49.00"),
    ("en", "question", SP, "outage_hours", "about 6 hours. do i get compensated?", "question", 6),
    ("en", "question", NX, "orderid", "what does an order number look like?", "question"),
    ("en", "question", SD, "used_percent", "how do you calculate the percentage used?", "question"),
    ("en", "question", TS, "issue_cause", "what if it was partly my fault?", "question"),
    ("en", "question", MS, "plan", "monthly. can i cancel any time?", "question", "monthly"),
    ("fr", "question", MS, "days_used", "est-ce que les jours utilisés sont déduits ?", "question"),
    ("fr", "question", SP, "outage_hours", "à partir de combien d'heures je suis remboursé ?", "question"),
    ("fr", "question", SD, "amount_paid", "39,90. le remboursement prend combien de temps ?", "question", "39.90"),
    ("fr", "question", NX, "orderid", "où je trouve le numéro de commande ?", "question"),
    ("fr", "question", MS, "hardware_received", "oui. je dois renvoyer le matériel ?", "question", "yes"),
    ("fr", "question", SD, "used_percent", "c'est quoi le pourcentage utilisé exactement ?", "question"),
    ("fr", "question", TS, "issue_cause", "et si c'était une erreur de ma part ?", "question"),

    # ---- summary confirmations ----
    ("en", "summary", MS, None, "yes all good", "yes"),
    ("en", "summary", NX, None, "that's right, go ahead", "yes"),
    ("en", "summary", SD, None, "no, the date is wrong", "no"),
    ("en", "summary", SP, None, "hmm not sure", "ask"),
    ("en", "summary", TS, None, "ok but how long until i get the money?", "question"),
    ("en", "summary", MS, None, "nope", "no"),
    ("en", "summary", NX, None, "yes please submit it", "yes"),
    ("fr", "summary", MS, None, "oui c'est bon", "yes"),
    ("fr", "summary", NX, None, "c'est correct, vous pouvez envoyer", "yes"),
    ("fr", "summary", SD, None, "non c'est pas la bonne commande", "no"),
    ("fr", "summary", SP, None, "euh je sais pas trop", "ask"),
    ("fr", "summary", TS, None, "oui mais je serai remboursé quand ?", "question"),
    ("fr", "summary", MS, None, "non", "no"),
    ("fr", "summary", SD, None, "tout est juste", "yes"),
]


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    counters, seen, lines = collections.Counter(), set(), []
    for row in DATA:
        lang, kind, policy, fact, text, expect = row[:6]
        key = (lang, kind, fact, text)
        assert key not in seen, key
        seen.add(key)
        counters[(lang, kind)] += 1
        item = {"id": f"v5-{lang}-{kind}-{counters[(lang, kind)]:03d}", "lang": lang, "kind": kind, "policy": policy}
        if fact is not None:
            item["fact"] = fact
        item["text"] = text
        item["expect"] = expect
        if len(row) > 6:
            item["value"] = row[6]
        if kind == "orderid" and expect != "ask":
            assert re.fullmatch(r"[A-Z]{2}-\d{4}", expect), expect
        if kind == "date" and expect != "ask":
            assert re.fullmatch(r"2026-\d\d-\d\d", expect) and expect <= "2026-12-01", expect
        lines.append(json.dumps(item, ensure_ascii=False))
    with open(os.path.join(here, "dev3.jsonl"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    by_lang = collections.Counter(lang for lang, _ in counters.elements())
    by_kind = collections.Counter(kind for _, kind in counters.elements())
    print(len(lines), dict(by_lang), dict(sorted(by_kind.items())))


main()
