"""dev5.jsonl: a fifth writer's development utterances (issue 20, seventh round), ids "v7-". Written from
/work/notes/s7/facts.md (ids, labels, questions) and the policies' texts only, before reading any recognizer code or word
list, and committed before any code change of that round. Weighted to the kinds this writer's round owns: quantity 35,
choice 30 (every policy's choice facts), date 20, question at a prompt 20, order id 15, summary 15, yes/no 15; half EN,
half FR. Same fields and conventions as README.md ("today" is Tuesday 2026-12-01). Rebuild with `python3 src/dev5.py`:
it writes dev5.jsonl only.

Judgement calls of this writer: "since <day>" to a days question counts the days from that date to today ("since the
20th" = 11, "depuis le 15" = 16); "since yesterday" / "depuis hier soir" to an hours question asks (the hour is not
known); a bound ("over 48h", "depuis 3 jours au moins") or a vague amount ("une bonne semaine", "presque un mois") asks;
"3 of the 10 sessions" is 30 %; an id with a letter O for a zero or too few digits asks; of two ids or dates, the one not
negated is meant ("its NX3010 not NX3001", "pas le 10, le 12 novembre")."""
import json, os, re, collections

MS, NX, SD, SP, TS = "masecurite", "necxian", "seven-day-services", "smarters-pro", "tech-services"

# (lang, kind, policy, fact, text, expect[, value])
DATA = [
    # ---- quantities (35) ----
    ("en", "quantity", MS, "days_used", "about 12 days", 12),
    ("en", "quantity", MS, "days_used", "since the 20th", 11),
    ("en", "quantity", MS, "days_used", "2 wks", 14),
    ("en", "quantity", MS, "days_used", "like a month?", "ask"),
    ("en", "quantity", MS, "days_used", "never used it at all", 0),
    ("en", "quantity", MS, "days_used", "a week and 2 days", 9),
    ("en", "quantity", MS, "days_used", "i havent used it, not even one day", 0),
    ("en", "quantity", SP, "outage_hours", "a day and a half", 36),
    ("en", "quantity", SP, "outage_hours", "since yesterday", "ask"),
    ("en", "quantity", SP, "outage_hours", "3 days", 72),
    ("en", "quantity", SP, "outage_hours", "over 48h", "ask"),
    ("en", "quantity", SP, "outage_hours", "exactly 6 hours", 6),
    ("en", "quantity", SP, "outage_hours", "90 mins", 1.5),
    ("en", "quantity", SP, "outage_hours", "roughly two days", 48),
    ("en", "quantity", SP, "outage_hours", "12 hours not 24", 12),
    ("en", "quantity", SD, "used_percent", "half of it", 50),
    ("en", "quantity", SD, "used_percent", "i used 3 of the 10 sessions", 30),
    ("en", "quantity", SD, "used_percent", "none yet", 0),
    ("fr", "quantity", MS, "days_used", "3 jours", 3),
    ("fr", "quantity", MS, "days_used", "une bonne semaine", "ask"),
    ("fr", "quantity", MS, "days_used", "depuis le 15", 16),
    ("fr", "quantity", MS, "days_used", "deux semaines", 14),
    ("fr", "quantity", MS, "days_used", "aucun, je ne l'ai jamais utilisé", 0),
    ("fr", "quantity", MS, "days_used", "presque un mois", "ask"),
    ("fr", "quantity", MS, "days_used", "15 jours environ", 15),
    ("fr", "quantity", SP, "outage_hours", "depuis 3 jours au moins", "ask"),
    ("fr", "quantity", SP, "outage_hours", "3 jours", 72),
    ("fr", "quantity", SP, "outage_hours", "une journée et demie", 36),
    ("fr", "quantity", SP, "outage_hours", "depuis hier soir", "ask"),
    ("fr", "quantity", SP, "outage_hours", "48h pile", 48),
    ("fr", "quantity", SP, "outage_hours", "deux heures et quart", 2.25),
    ("fr", "quantity", SP, "outage_hours", "pas 2 heures, plutôt 5", 5),
    ("fr", "quantity", SD, "used_percent", "la moitié", 50),
    ("fr", "quantity", SD, "used_percent", "rien du tout, 0", 0),
    ("fr", "quantity", SD, "used_percent", "environ un quart", 25),
    # ---- choices (30), every policy's choice facts ----
    ("en", "choice", MS, "request_type", "i want to cancel and get my money back", "refund"),
    ("en", "choice", MS, "after_window_reason", "the problem is still there even after your tech came twice", "unresolved_technical_problem"),
    ("en", "choice", MS, "troubleshooting_outcome", "they tried but it's not resolved", "unresolved"),
    ("en", "choice", MS, "plan", "the yearly one", "annual"),
    ("en", "choice", NX, "product_type", "An e-book", "digital_product"),
    ("en", "choice", NX, "product_issue", "there was a recall notice for it", "recall"),
    ("en", "choice", NX, "reason_category", "charged twice", "billing_error"),
    ("en", "choice", NX, "troubleshooting_outcome", "no, not yet", "not_tried"),
    ("en", "choice", SD, "purchase_type", "just a single session, one time", "one-time"),
    ("en", "choice", SD, "reason_category", "we just dont want it anymore", "changed_mind"),
    ("en", "choice", SP, "problem_type", "the picture keeps freezing and buffering", "temporary_interruption"),
    ("en", "choice", SP, "troubleshooting_outcome", "i dont want any tech help, just refund me", "refused"),
    ("en", "choice", TS, "subscription_issue", "they billed me the wrong amount", "billing_error"),
    ("en", "choice", TS, "service_status", "no, it hasn't started yet", "not_started"),
    ("en", "choice", TS, "issue_cause", "honestly my needs changed", "changed_requirements"),
    ("fr", "choice", MS, "request_type", "je souhaite me rétracter", "refund"),
    ("fr", "choice", MS, "after_window_reason", "aucune", "none"),
    ("fr", "choice", MS, "troubleshooting_outcome", "oui mais rien n'a changé", "unresolved"),
    ("fr", "choice", MS, "plan", "deux ans", "two-year"),
    ("fr", "choice", NX, "product_type", "un livre électronique", "digital_product"),
    ("fr", "choice", NX, "product_issue", "ni l'un ni l'autre", "neither"),
    ("fr", "choice", NX, "reason_category", "le produit ne correspond pas à la description", "not_as_described"),
    ("fr", "choice", NX, "troubleshooting_outcome", "oui et c'est résolu maintenant", "resolved"),
    ("fr", "choice", SD, "purchase_type", "c'est un abonnement", "other"),
    ("fr", "choice", SD, "reason_category", "ça marche pas du tout, gros bug", "technical_problem"),
    ("fr", "choice", SP, "problem_type", "ma connexion internet est super lente", "weak_internet"),
    ("fr", "choice", SP, "troubleshooting_outcome", "oui, mais toujours pas réglé après 2 jours", "unresolved"),
    ("fr", "choice", TS, "purchase_type", "un abonnement mensuel", "subscription"),
    ("fr", "choice", TS, "service_status", "oui c'est terminé", "started"),
    ("fr", "choice", TS, "troubleshooting_outcome", "pas encore, j'ai pas eu le temps", "not_tried"),
    # ---- dates (20) ----
    ("en", "date", MS, "purchase_date", "since monday", "2026-11-30"),
    ("en", "date", NX, "purchase_date", "on the 3rd", "2026-11-03"),
    ("en", "date", NX, "purchase_date", "last friday i think", "2026-11-27"),
    ("en", "date", SD, "purchase_date", "nov 28th", "2026-11-28"),
    ("en", "date", SP, "purchase_date", "2 weeks ago", "2026-11-17"),
    ("en", "date", TS, "service_date", "tomorrow", "ask"),
    ("en", "date", TS, "purchase_date", "a while back, not sure", "ask"),
    ("en", "date", MS, "purchase_date", "10/15/2026", "2026-10-15"),
    ("en", "date", SP, "purchase_date", "no wait, not the 20th, the 22nd", "2026-11-22"),
    ("en", "date", NX, "purchase_date", "the day before yesterday", "2026-11-29"),
    ("fr", "date", MS, "purchase_date", "depuis lundi", "2026-11-30"),
    ("fr", "date", NX, "purchase_date", "le 3 novembre", "2026-11-03"),
    ("fr", "date", SD, "purchase_date", "il y a une semaine", "2026-11-24"),
    ("fr", "date", SP, "purchase_date", "avant-hier", "2026-11-29"),
    ("fr", "date", TS, "purchase_date", "le mois dernier", "ask"),
    ("fr", "date", TS, "service_date", "le 5/11", "2026-11-05"),
    ("fr", "date", MS, "purchase_date", "début octobre", "ask"),
    ("fr", "date", NX, "purchase_date", "samedi dernier", "2026-11-28"),
    ("fr", "date", SP, "purchase_date", "il y a 3 jours", "2026-11-28"),
    ("fr", "date", SD, "purchase_date", "pas le 10, le 12 novembre", "2026-11-12"),
    # ---- order ids (15) ----
    ("en", "orderid", MS, None, "ms 1044", "MS-1044"),
    ("en", "orderid", NX, None, "its NX3010 not NX3001", "NX-3010"),
    ("en", "orderid", SD, None, "order #SD-2031", "SD-2031"),
    ("en", "orderid", SP, None, "sp-5o12", "ask"),
    ("en", "orderid", TS, None, "my order number is ts 4007, thanks!", "TS-4007"),
    ("en", "orderid", NX, None, "dunno, can i give you my email instead?", "ask"),
    ("en", "orderid", MS, None, "MS-10", "ask"),
    ("en", "orderid", SD, None, "it's on the receipt: SD\u20112005", "SD-2005"),
    ("fr", "orderid", NX, None, "c'est nx 3022", "NX-3022"),
    ("fr", "orderid", SD, None, "Commande n° SD2019", "SD-2019"),
    ("fr", "orderid", SP, None, "je l'ai pas sous la main", "ask"),
    ("fr", "orderid", TS, None, "ts-4030 je crois", "TS-4030"),
    ("fr", "orderid", MS, None, "mon numéro : ms-1050.", "MS-1050"),
    ("fr", "orderid", SP, None, "SP-50", "ask"),
    ("fr", "orderid", TS, None, "pas TS-4001 mais TS-4011", "TS-4011"),
    # ---- questions at a prompt (20), with and without a value ----
    ("en", "question", NX, "orderid", "is it the number on the invoice or on the box?", "question"),
    ("en", "question", MS, "days_used", "about 5 days. does that count against me?", "question", 5),
    ("en", "question", SP, "outage_hours", "3 days now, do i get money back for the whole month?", "question", 72),
    ("en", "question", MS, "plan", "monthly, but can I cancel without fees?", "question", "monthly"),
    ("en", "question", TS, "purchase_type", "whats the difference between the two?", "question"),
    ("en", "question", SD, "terms_violation", "no never. why do you need to know that?", "question", "no"),
    ("en", "question", NX, "product_type", "an ebook - are those refundable?", "question", "digital_product"),
    ("en", "question", MS, "purchase_date", "what if i dont remember the exact day", "question"),
    ("en", "question", SP, "troubleshooting_outcome", "not yet, how do i contact support?", "question", "not_tried"),
    ("en", "question", SD, "used_percent", "does watching one episode count as using it", "question"),
    ("fr", "question", MS, "orderid", "c'est quoi le numéro de commande, celui du mail ?", "question"),
    ("fr", "question", MS, "hardware_damaged", "non il est intact. je dois payer le retour ?", "question", "no"),
    ("fr", "question", SP, "outage_hours", "ça fait 5 heures, c'est remboursé combien ?", "question", 5),
    ("fr", "question", NX, "purchase_date", "le 12 novembre. il y a un délai pour demander ?", "question", "2026-11-12"),
    ("fr", "question", TS, "service_status", "ça veut dire quoi commencé ?", "question"),
    ("fr", "question", SD, "amount_paid", "49 €, les frais de dossier sont rendus aussi ?", "question", "49.00"),
    ("fr", "question", MS, "request_type", "je veux me rétracter, je suis encore dans les délais ?", "question", "refund"),
    ("fr", "question", SP, "problem_type", "comment je sais si c'est mon FAI qui bloque ?", "question"),
    ("fr", "question", NX, "troubleshooting_outcome", "pourquoi je devrais les contacter d'abord ?", "question"),
    ("fr", "question", TS, "issue_cause", "c'est qui qui décide si l'erreur vient de vous ?", "question"),
    # ---- summary confirmations (15) ----
    ("en", "summary", NX, None, "yep thats it", "yes"),
    ("en", "summary", SD, None, "what?? no of course not", "no"),
    ("en", "summary", MS, None, "wait before i confirm - is the setup fee refunded too?", "question"),
    ("en", "summary", SP, None, "all good, send it", "yes"),
    ("en", "summary", TS, None, "hmm not sure, let me check", "ask"),
    ("en", "summary", NX, None, "no, the date is wrong", "no"),
    ("en", "summary", SD, None, "yes!! perfect", "yes"),
    ("en", "summary", MS, None, "correct, but how long does it take?", "question"),
    ("fr", "summary", SP, None, "ouais c'est ça", "yes"),
    ("fr", "summary", TS, None, "non pas du tout", "no"),
    ("fr", "summary", MS, None, "attendez, le remboursement c'est sous combien de jours ?", "question"),
    ("fr", "summary", NX, None, "parfait, merci", "yes"),
    ("fr", "summary", SD, None, "bof, je sais pas", "ask"),
    ("fr", "summary", SP, None, "non, le montant n'est pas bon", "no"),
    ("fr", "summary", TS, None, "c'est tout bon oui", "yes"),
    # ---- yes/no (15) ----
    ("en", "yesno", MS, "hardware_received", "yeah got the router", "yes"),
    ("en", "yesno", MS, "hardware_in_original_packaging", "no i threw the box away", "no"),
    ("en", "yesno", MS, "hardware_damaged", "not at all, its like new", "no"),
    ("en", "yesno", NX, "significant_deviation", "totally, nothing like what we agreed", "yes"),
    ("en", "yesno", SD, "terms_violation", "nope never", "no"),
    ("en", "yesno", SP, "outage_our_fault", "yes, everything else works, only your app is down", "yes"),
    ("en", "yesno", SP, "outage_our_fault", "no idea tbh", "ask"),
    ("en", "yesno", MS, "hardware_damaged", "not damaged no", "no"),
    ("fr", "yesno", MS, "hardware_received", "oui un routeur", "yes"),
    ("fr", "yesno", MS, "hardware_in_original_packaging", "j'ai encore le carton oui", "yes"),
    ("fr", "yesno", MS, "hardware_damaged", "nan il marche nickel", "no"),
    ("fr", "yesno", NX, "significant_deviation", "pas vraiment", "no"),
    ("fr", "yesno", SD, "terms_violation", "jamais de la vie", "no"),
    ("fr", "yesno", SP, "outage_our_fault", "ben oui, tout le reste marche", "yes"),
    ("fr", "yesno", SP, "outage_our_fault", "aucune idée", "ask"),
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
        item = {"id": f"v7-{lang}-{kind}-{counters[(lang, kind)]:03d}", "lang": lang, "kind": kind, "policy": policy}
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
    with open(os.path.join(here, "dev5.jsonl"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    by_lang = collections.Counter(lang for lang, _ in counters.elements())
    by_kind = collections.Counter(kind for _, kind in counters.elements())
    print(len(lines), dict(by_lang), dict(sorted(by_kind.items())))


main()
