#!/usr/bin/env python3
"""Generate realistic, valid journey maps for benchmarks (standalone: stdlib + PyYAML).

Usage:
    python benchmarks/gen_corpus.py OUTDIR --count N [--seed S] [--size-kb 8] [--touchpoints T]
    python benchmarks/gen_corpus.py OUTDIR --variant-of FILE --change-percent P [--seed S]

The first form writes N maps of about --size-kb KB each, or with exactly T touchpoints when
--touchpoints is given (stages, pain points, opportunities and actions scale with T).
The second form writes a copy of FILE with about P% of its touchpoints changed: scores moved,
touchpoints renamed, removed and added, a measurement moved and one pain severity changed,
every reference kept resolving; --count N writes N different variants. `include:` paths are
copied as they are, so write variants of such a map next to it. Output is the same
for the same arguments.

The maps follow the format contract (shared FORMAT.md): slugs, resolving references, values in
range, experiences only for personas that pass, distinct measurement dates. They do not try to be
lint-clean; the hand-written maps under examples/ do that.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from pathlib import Path
from typing import Any

import yaml

Map = dict[str, Any]

# --------------------------------------------------------------------------- vocabulary

DOMAINS: dict[str, dict[str, Any]] = {
    "retail": {
        "companies": ["Northwind Outfitters", "Larder & Co", "Brightside Home", "Fellwalker Gear"],
        "journeys": [
            "first online order",
            "click and collect",
            "returns and exchanges",
            "gift purchase",
        ],
        "objects": [
            ("search ad", "paid-search", "digital"),
            ("product page", "web", "digital"),
            ("size guide", "web", "digital"),
            ("wishlist", "mobile-app", "digital"),
            ("cart", "web", "digital"),
            ("checkout", "web", "digital"),
            ("order confirmation", "email", "digital"),
            ("delivery update", "email", "digital"),
            ("parcel", "packaging", "physical"),
            ("returns portal", "web", "digital"),
            ("store visit", "in-store", "physical"),
            ("fitting room", "in-store", "physical"),
            ("customer service call", "phone", "human"),
            ("live chat", "live-chat", "human"),
            ("review prompt", "reviews", "digital"),
            ("social post", "social", "digital"),
        ],
    },
    "saas": {
        "companies": ["Ledgerline", "Pipework", "Shiftly", "Formwise"],
        "journeys": ["trial to paid", "team rollout", "plan upgrade", "annual renewal"],
        "objects": [
            ("pricing page", "web", "digital"),
            ("signup form", "web", "digital"),
            ("welcome email", "email", "digital"),
            ("onboarding checklist", "web", "digital"),
            ("data import", "web", "digital"),
            ("integration setup", "web", "digital"),
            ("team invite", "email", "digital"),
            ("product tour", "web", "digital"),
            ("usage report", "email", "digital"),
            ("billing page", "web", "digital"),
            ("support ticket", "email", "human"),
            ("success call", "phone", "human"),
            ("community forum", "social", "digital"),
            ("help center article", "web", "digital"),
            ("mobile app", "mobile-app", "digital"),
            ("renewal quote", "email", "human"),
        ],
    },
    "hotel": {
        "companies": ["The Quayside", "Alder House Hotel", "Marlow Lodge", "Harbourlight Inn"],
        "journeys": ["weekend stay", "business trip", "family holiday", "conference stay"],
        "objects": [
            ("booking page", "web", "digital"),
            ("reservations call", "phone", "human"),
            ("confirmation email", "email", "digital"),
            ("pre-arrival message", "email", "digital"),
            ("check-in desk", "in-store", "human"),
            ("room", "in-store", "physical"),
            ("concierge desk", "in-store", "human"),
            ("restaurant", "in-store", "human"),
            ("wifi portal", "web", "digital"),
            ("room service call", "phone", "human"),
            ("spa", "in-store", "physical"),
            ("check-out desk", "in-store", "human"),
            ("folio", "email", "digital"),
            ("review request", "reviews", "digital"),
            ("loyalty offer", "email", "digital"),
            ("car park", "in-store", "physical"),
        ],
    },
    "bank": {
        "companies": ["Meridian Bank", "Crescent Credit Union", "Fairway Savings"],
        "journeys": ["current account opening", "mortgage application", "card replacement"],
        "objects": [
            ("account opening form", "web", "digital"),
            ("identity check", "mobile-app", "digital"),
            ("branch appointment", "in-store", "human"),
            ("card letter", "packaging", "physical"),
            ("banking app", "mobile-app", "digital"),
            ("card activation", "mobile-app", "digital"),
            ("fraud alert call", "phone", "human"),
            ("monthly statement", "email", "digital"),
            ("overdraft notice", "email", "digital"),
            ("advisor call", "phone", "human"),
            ("savings goal", "mobile-app", "digital"),
            ("complaint form", "web", "digital"),
            ("cash machine", "in-store", "physical"),
            ("secure message", "mobile-app", "human"),
        ],
    },
    "clinic": {
        "companies": ["Riverside Health", "Oakfield Dental", "Clearview Eye Clinic"],
        "journeys": ["first appointment", "treatment plan", "repeat prescription"],
        "objects": [
            ("symptom checker", "web", "digital"),
            ("appointment booking", "web", "digital"),
            ("reminder text", "sms", "digital"),
            ("reception desk", "in-store", "human"),
            ("waiting room", "in-store", "physical"),
            ("consultation", "in-store", "human"),
            ("prescription email", "email", "digital"),
            ("pharmacy pickup", "in-store", "human"),
            ("follow-up call", "phone", "human"),
            ("patient portal", "web", "digital"),
            ("lab results", "email", "digital"),
            ("billing statement", "email", "digital"),
        ],
    },
    "telecom": {
        "companies": ["Skyline Mobile", "Fibrenet", "Parcel Broadband"],
        "journeys": ["broadband switch", "new phone contract", "home move"],
        "objects": [
            ("plan comparison", "web", "digital"),
            ("store appointment", "in-store", "human"),
            ("SIM delivery", "packaging", "physical"),
            ("number porting", "web", "digital"),
            ("activation text", "sms", "digital"),
            ("router box", "packaging", "physical"),
            ("engineer visit", "field-service", "human"),
            ("first bill", "email", "digital"),
            ("support call", "phone", "human"),
            ("usage app", "mobile-app", "digital"),
            ("roaming alert", "sms", "digital"),
            ("contract renewal", "email", "digital"),
        ],
    },
}

QUALIFIERS = [
    "first",
    "mobile",
    "weekend",
    "returning",
    "express",
    "guided",
    "self-service",
    "priority",
    "evening",
    "family",
    "business",
    "premium",
    "seasonal",
    "international",
    "early",
    "group",
    "trial",
    "renewal",
    "assisted",
    "repeat",
    "gift",
    "accessible",
    "bulk",
    "urgent",
]

STAGES = [
    ("awareness", "Awareness", "Notice the need and find credible options"),
    ("consideration", "Consideration", "Compare options and feel confident about one"),
    ("decision", "Decision", "Choose the offer that fits, at a fair price"),
    ("purchase", "Purchase", "Pay and get started without friction"),
    ("onboarding", "Onboarding", "Get set up and see the first result"),
    ("everyday-use", "Everyday use", "Get the job done reliably, every time"),
    ("support", "Support", "Get a problem fixed quickly, first time"),
    ("loyalty", "Loyalty", "Feel valued and come back"),
]

ROLES = [  # id prefix, segment, age range
    ("busy-parent", "Busy parent", (28, 48)),
    ("student", "Student", (18, 26)),
    ("owner", "Small business owner", (30, 62)),
    ("retiree", "Retiree", (63, 82)),
    ("commuter", "Daily commuter", (24, 58)),
    ("admin", "IT administrator", (25, 55)),
    ("freelancer", "Freelancer", (23, 50)),
    ("first-timer", "First-time customer", (19, 45)),
    ("power-user", "Power user", (22, 50)),
    ("buyer", "Procurement lead", (30, 60)),
    ("carer", "Family carer", (35, 70)),
]
FIRST_NAMES = [
    "Ava",
    "Ben",
    "Chloe",
    "Dev",
    "Elif",
    "Finn",
    "Grace",
    "Hamid",
    "Ines",
    "Jonas",
    "Kiri",
    "Leo",
    "Mei",
    "Noah",
    "Olu",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tess",
    "Umar",
    "Vera",
]
SURNAMES = [
    "Adebayo",
    "Byrne",
    "Costa",
    "Dubois",
    "Evans",
    "Fischer",
    "Gupta",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Murphy",
    "Nakamura",
    "Okoro",
    "Silva",
]
CITIES = ["Leeds", "Bristol", "Glasgow", "Cardiff", "Manchester", "Norwich", "Belfast", "York"]
GOALS = [
    "Get it done in one sitting",
    "Know the full price up front",
    "Talk to a person when stuck",
    "Avoid repeating the same details",
    "Keep everything on the phone",
    "Be sure it will work first time",
    "Spend less time on admin",
    "Get a clear answer the same day",
]
FRUSTRATIONS = [
    "Hidden fees at the last step",
    "Being passed between teams",
    "Jargon in forms",
    "Waiting on hold",
    "Emails that say nothing useful",
    "Having to start again after an error",
    "Opening hours that clash with work",
    "Surprise delays with no explanation",
]
OWNERS = [
    "Digital Experience",
    "Customer Care",
    "Marketing",
    "Operations",
    "Product",
    "Sales",
    "Logistics",
    "Finance",
    "IT",
    "Front-line Operations",
    "CRM team",
]
BACKSTAGE = [
    "CRM updates the customer record",
    "Order management reserves stock",
    "Agent follows the script and logs the contact reason",
    "Nightly sync to the data warehouse",
    "Identity service verifies the email address",
    "Payment gateway authorises the card",
    "Rules engine picks the next-best offer",
    "Ticket routed by skill to the support queue",
    "Scheduling system allocates a slot",
    "Warehouse picks and packs the order",
    "Template rendered by the messaging platform",
    "Fraud scoring runs in the background",
]
THOUGHTS = [
    "How long is this going to take?",
    "Is this the right {o}?",
    "Why do I have to enter this again?",
    "Will this work on my phone?",
    "Who do I ask if this goes wrong?",
    "Is there a cheaper option?",
    "What happens next?",
    "Did that actually go through?",
    "Can I do this later?",
]
ACTIONS = [
    "Opens the {o}",
    "Checks the {o}",
    "Uses the {o}",
    "Reads the {o}",
    "Goes through the {o}",
    "Compares details on the {o}",
    "Gets help with the {o}",
]
EMOTIONS = {
    1: ["furious", "lost", "stuck", "fed-up"],
    2: ["annoyed", "confused", "anxious", "irritated"],
    3: ["neutral", "unsure", "patient", "curious"],
    4: ["satisfied", "relieved", "confident", "pleased"],
    5: ["delighted", "thrilled", "impressed", "grateful"],
}
QUOTE_GOOD = [
    "the {o} was quicker than I expected",
    "the {o} just worked",
    "someone actually explained the {o} to me",
    "the {o} was clear about the price",
]
QUOTE_BAD = [
    "the {o} asked for the same thing twice",
    "I gave up on the {o} the first time",
    "nobody could tell me what the {o} meant",
    "the {o} took ages and said nothing",
]
QUOTE_MID = [
    "the {o} was fine, nothing special",
    "I got through the {o} in the end",
    "the {o} did what it said",
]
EVIDENCE_KINDS = ["survey", "interview", "analytics", "support-tickets", "usability-test", "crm"]
EVIDENCE_REFS = {
    "survey": "Relationship survey {q} {y}",
    "interview": "Customer interviews {q} {y}",
    "analytics": "Web analytics funnel report {q} {y}",
    "support-tickets": "Ticket export {q} {y}",
    "usability-test": "Moderated usability test {q} {y}",
    "crm": "CRM segment report {q} {y}",
}
METRIC_TEMPLATES = [  # id, name, kind, direction, unit
    ("csat", "Customer satisfaction", "csat", None, None),
    ("nps", "Net promoter score", "nps", None, None),
    ("effort", "Customer effort score", "ces", "lower-is-better", None),
    ("conversion", "Step conversion", "conversion", None, None),
    ("retention-90d", "Retention after 90 days", "retention", None, None),
    ("churn", "Monthly churn", "churn", "lower-is-better", None),
    ("handle-time", "Time to complete", "duration", "lower-is-better", "seconds"),
    ("contacts", "Contacts per 100 customers", "count", "lower-is-better", "contacts"),
    ("first-time-right", "Completed first time", "ratio", None, None),
    ("quality-index", "Service quality index", "custom", None, "points"),
]
PAIN_TEXT = [
    ("The {o} asks for details the customer already gave", "Systems do not share customer data"),
    ("Customers wait too long at the {o}", "Staffing does not follow demand peaks"),
    ("The {o} uses internal jargon", "Copy written by the team that built it"),
    ("Errors on the {o} give no way forward", "Error handling was never designed"),
    ("Costs appear late, at the {o}", "Pricing rules live in a separate system"),
    ("The {o} fails on older phones", "Testing covers only recent devices"),
]
OPPORTUNITY_TEXT = [
    "Pre-fill the {o} from what we already know",
    "Staff the {o} to demand",
    "Rewrite the {o} in plain language",
    "Add clear recovery steps to the {o}",
    "Show the full price before the {o}",
    "Make the {o} work on any device",
]
ACTION_TEXT = [
    "Prototype and test with {n} customers",
    "Ship a first version behind a flag",
    "Measure the baseline and agree a target",
    "Run an A/B test for four weeks",
]

TODAY = dt.date(2026, 11, 22)


# --------------------------------------------------------------------------- helpers


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "x"


def unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def past_date(rng: random.Random, start: dt.date = dt.date(2026, 1, 5)) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((TODAY - start).days))


def future_date(rng: random.Random) -> dt.date:
    return dt.date(2027, 1, 4) + dt.timedelta(days=rng.randrange(360))


def evidence(rng: random.Random) -> dict[str, Any]:
    kind = rng.choice(EVIDENCE_KINDS)
    when = past_date(rng)
    return {
        "kind": kind,
        "ref": EVIDENCE_REFS[kind].format(q=f"Q{(when.month - 1) // 3 + 1}", y=when.year),
        "n": rng.choice([6, 8, 12, 24, 150, 420, 1800, 5200]),
        "date": when,
    }


def metric_value(rng: random.Random, kind: str) -> tuple[float, float]:
    """A (target, actual) pair within the range of the kind."""
    if kind in ("conversion", "retention", "ratio"):
        target = round(rng.uniform(0.2, 0.9), 2)
    elif kind == "churn":
        target = round(rng.uniform(0.01, 0.12), 3)
    elif kind == "csat":
        target = round(rng.uniform(3.6, 4.7), 1)
    elif kind == "ces":
        target = round(rng.uniform(2.0, 4.0), 1)
    elif kind == "nps":
        target = rng.randrange(10, 70)
    elif kind == "duration":
        target = rng.choice([45, 90, 180, 600, 1800, 3600, 86400])
    else:
        target = rng.randrange(5, 200)
    actual = target * rng.uniform(0.85, 1.12)
    lo, hi = {"csat": (1, 5), "ces": (1, 7), "nps": (-100, 100)}.get(
        kind, (0, 1) if kind in ("conversion", "retention", "ratio", "churn") else (0, 10**9)
    )
    actual = min(hi, max(lo, actual))
    if isinstance(target, int) and kind in ("nps", "duration", "count", "custom"):
        return target, round(actual)
    return target, round(actual, 3)


def pick_stages(n: int) -> list[tuple[str, str, str]]:
    if n >= len(STAGES):
        return list(STAGES)
    step = (len(STAGES) - 1) / max(1, n - 1)
    return [STAGES[round(i * step)] for i in range(n)] if n > 1 else [STAGES[3]]


def score_quote(rng: random.Random, score: int, obj: str) -> str:
    pool = QUOTE_GOOD if score >= 4 else QUOTE_BAD if score <= 2 else QUOTE_MID
    return (
        rng.choice(["Honestly, ", "To be fair, ", "", "Look, "])
        + rng.choice(pool).format(o=obj)
        + "."
    )


# --------------------------------------------------------------------------- generation


def make_personas(rng: random.Random, count: int) -> list[Map]:
    personas: list[Map] = []
    taken: set[str] = set()
    for role, label, (young, old) in rng.sample(ROLES, count):
        first = rng.choice(FIRST_NAMES)
        pid = unique(f"{role}-{first.lower()}", taken)
        personas.append(
            {
                "id": pid,
                "name": f"{first} {rng.choice(SURNAMES)}",
                "description": f"{label} who values speed and clear answers.",
                "segment": label,
                "demographics": {"age": rng.randint(young, old), "location": rng.choice(CITIES)},
                "goals": rng.sample(GOALS, 2),
                "frustrations": rng.sample(FRUSTRATIONS, 2),
                "preferred_channels": rng.sample(
                    ["web", "email", "phone", "mobile-app", "in-store"], 2
                ),
                "evidence": [evidence(rng)],
                "reviewed": past_date(rng, dt.date(2026, 3, 1)),
            }
        )
    return personas


def make_metrics(rng: random.Random, count: int) -> list[Map]:
    metrics = []
    for mid, name, kind, direction, unit in rng.sample(METRIC_TEMPLATES, count):
        m: Map = {"id": mid, "name": name, "kind": kind}
        if unit:
            m["unit"] = unit
        if direction:
            m["direction"] = direction
        metrics.append(m)
    return metrics


def make_touchpoint(
    rng: random.Random,
    domain: Map,
    stage: str,
    position: float,
    personas: list[Map],
    taken: set[str],
    quality: int,
) -> Map:
    """One touchpoint; `position` (0..1) picks an object that fits that point of the journey."""
    objects = domain["objects"]
    index = round(position * (len(objects) - 1)) + rng.randint(-2, 2)
    obj, channel, kind = objects[max(0, min(len(objects) - 1, index))]
    qualifier = rng.choice(QUALIFIERS)
    base = slug(obj) if slug(obj) not in taken else slug(f"{qualifier} {obj}")
    tid = unique(base, taken)
    passing = [p["id"] for p in personas]
    tp: Map = {
        "id": tid,
        "name": (obj if base == slug(obj) else f"{qualifier} {obj}").capitalize()
        + ("" if tid == base else f" ({tid.rsplit('-', 1)[-1]})"),
        "stage": stage,
        "channel": channel,
        "kind": kind,
        "owner": rng.choice(OWNERS),
    }
    if len(personas) > 1 and rng.random() < 0.15:
        passing = sorted(rng.sample(passing, rng.randrange(1, len(passing))))
        tp["personas"] = passing
    tp["customer_action"] = rng.choice(ACTIONS).format(o=obj) + "."
    tp["thoughts"] = [t.format(o=obj) for t in rng.sample(THOUGHTS, rng.randrange(1, 3))]
    tp["backstage"] = rng.sample(BACKSTAGE, rng.randrange(1, 3))
    if rng.random() < 0.05:
        tp["x-ticket"] = f"CX-{rng.randrange(100, 9999)}"
    experiences = []
    for pid in passing:  # personas agree roughly on how good a touchpoint is
        score = max(1, min(5, quality + rng.choice([-1, 0, 0, 0, 1])))
        exp: Map = {"persona": pid, "score": score, "emotion": rng.choice(EMOTIONS[score])}
        if rng.random() < 0.4:
            exp["quote"] = score_quote(rng, score, obj)
        if rng.random() < 0.15:
            exp["evidence"] = [evidence(rng)]
        experiences.append(exp)
    tp["experiences"] = experiences
    tp["x-object"] = obj  # scratch, removed before writing
    return tp


def add_measurements(rng: random.Random, tp: Map, metrics: list[Map]) -> None:
    chosen = rng.sample(metrics, 1 if rng.random() < 0.8 else min(2, len(metrics)))
    rows = []
    for m in chosen:
        dates = [past_date(rng, dt.date(2026, 7, 1))]
        if rng.random() < 0.15:  # a history: an earlier reading on a distinct date
            dates.insert(0, dates[0] - dt.timedelta(days=rng.choice([30, 61, 91])))
        for as_of in dates:
            target, actual = metric_value(rng, m["kind"])
            rows.append(
                {
                    "metric": m["id"],
                    "actual": actual,
                    "target": target,
                    "as_of": as_of,
                    "sample": rng.randrange(20, 20000),
                }
            )
    tp["measurements"] = rows


def wire_flow(rng: random.Random, tps: list[Map]) -> None:
    """A few branches, one mid-journey exit, an explicit exit at the end; all stay reachable."""
    n = len(tps)
    if n >= 4:
        k = rng.randrange(2, n - 1)  # exit at k, reached from k-1, which may also skip to k+1
        tps[k]["next"] = []
        tps[k - 1]["next"] = [tps[k]["id"], tps[k + 1]["id"]]
    for i in range(n - 2):
        if "next" not in tps[i] and "next" not in tps[i + 1] and rng.random() < 0.08:
            tps[i]["next"] = [tps[i + 1]["id"], tps[min(n - 1, i + rng.randrange(2, 5))]["id"]]
    if n:
        tps[-1].setdefault("next", [])


def generate(seed: str, touchpoints: int) -> Map:
    rng = random.Random(seed)
    domain_name = rng.choice(sorted(DOMAINS))
    domain = DOMAINS[domain_name]
    company, journey = rng.choice(domain["companies"]), rng.choice(domain["journeys"])
    personas = make_personas(rng, rng.choice([2, 3, 3]))
    metrics = make_metrics(rng, rng.randrange(5, 9))
    stage_rows = pick_stages(max(1, min(8, round(touchpoints / 3))))
    stages = [{"id": sid, "name": name, "goal": goal} for sid, name, goal in stage_rows]

    tps: list[Map] = []
    taken: set[str] = set()
    quality = 3
    for i in range(touchpoints):
        stage = stages[min(len(stages) - 1, i * len(stages) // touchpoints)]["id"]
        quality = max(1, min(5, quality + rng.choice([-1, -1, 0, 0, 1, 1]) + (quality < 3)))
        tp = make_touchpoint(
            rng, domain, stage, i / max(1, touchpoints - 1), personas, taken, quality
        )
        if rng.random() < 0.12:
            tp["moment_of_truth"] = True
        if tp.get("moment_of_truth") or rng.random() < 0.45:
            add_measurements(rng, tp, metrics)
        tps.append(tp)
    wire_flow(rng, tps)

    # pain points at the lowest-scoring touchpoints, about one per ten touchpoints
    def low(tp: Map) -> int:
        return min((e["score"] for e in tp["experiences"]), default=5)

    pains, opps, actions = [], [], []
    pain_ids: set[str] = set()
    for tp in sorted(tps, key=low)[: max(1, round(touchpoints / 10))]:
        worst = low(tp)
        text, cause = rng.choice(PAIN_TEXT)
        pains.append(
            {
                "id": unique(f"{tp['id']}-pain", pain_ids),
                "description": text.format(o=tp["x-object"]) + ".",
                "touchpoint": tp["id"],
                "personas": [e["persona"] for e in tp["experiences"] if e["score"] == worst],
                "severity": {1: "critical", 2: "high"}.get(worst, rng.choice(["low", "medium"])),
                "frequency": rng.choice(["rare", "occasional", "frequent", "constant"]),
                "root_cause": cause + ".",
                "evidence": [evidence(rng)],
            }
        )
    for i, pain in enumerate(pains):
        addresses = [pain["id"]]
        if i + 1 < len(pains) and rng.random() < 0.2:
            addresses.append(pains[i + 1]["id"])
        obj = next(t["x-object"] for t in tps if t["id"] == pain["touchpoint"])
        opp = {
            "id": f"fix-{pain['id'][:-5]}",
            "description": rng.choice(OPPORTUNITY_TEXT).format(o=obj) + ".",
            "addresses": addresses,
            "impact": rng.choice(["low", "medium", "high"]),
            "effort": rng.choice(["low", "medium", "high"]),
            "owner": rng.choice(OWNERS),
        }
        opps.append(opp)
        for j in range(rng.choice([1, 1, 2])):
            status = rng.choice(["proposed", "planned", "in-progress", "done"])
            action: Map = {
                "id": f"{opp['id']}-step-{j + 1}",
                "description": rng.choice(ACTION_TEXT).format(n=rng.choice([5, 8, 12])) + ".",
                "opportunity": opp["id"],
                "owner": opp["owner"],
                "due": past_date(rng) if status == "done" else future_date(rng),
                "status": status,
            }
            if rng.random() < 0.5:
                m = rng.choice(metrics)
                action["target"] = {"metric": m["id"], "value": metric_value(rng, m["kind"])[0]}
            actions.append(action)

    objectives = []
    for m in rng.sample(metrics, min(3, len(metrics))):
        objectives.append(
            {
                "id": f"improve-{m['id']}",
                "statement": f"Improve {m['name'].lower()} across the journey.",
                "metric": m["id"],
                "target": metric_value(rng, m["kind"])[0],
                "due": future_date(rng),
            }
        )
    for tp in tps:
        del tp["x-object"]
    title = f"{company}: {journey}"
    return {
        "journeykit": 1,
        "id": slug(f"{domain_name}-{journey}-{seed}"),
        "title": title,
        "description": f"Generated benchmark map: the {journey} journey at {company}, "
        f"{touchpoints} touchpoints across {len(stages)} stages.",
        "owner": rng.choice(OWNERS),
        "updated": past_date(rng, dt.date(2026, 10, 1)),
        "tags": [domain_name, "generated"],
        "objectives": objectives,
        "metrics": metrics,
        "personas": personas,
        "stages": stages,
        "touchpoints": tps,
        "pain_points": pains,
        "opportunities": opps,
        "actions": actions,
    }


# --------------------------------------------------------------------------- variants


def make_variant(data: Map, percent: float, rng: random.Random) -> Map:
    """Change about `percent`% of the touchpoints; keep every reference resolving."""
    tps: list[Map] = data["touchpoints"]
    changes = round(len(tps) * percent / 100)
    if percent > 0 and tps:
        changes = max(1, changes)
    persona_ids = [p["id"] for p in data.get("personas") or []] or sorted(
        {e["persona"] for t in tps for e in t.get("experiences") or []}
    )
    taken = {t["id"] for t in tps}
    tags = [t for t in data.get("tags") or [] if t in DOMAINS]
    domain = DOMAINS[tags[0] if tags else rng.choice(sorted(DOMAINS))]
    removed: set[str] = set()
    ops = rng.choices(
        ["score", "rename", "remove", "add", "measure"], [55, 15, 10, 12, 8], k=changes
    )
    for op in ops:
        live = [t for t in tps if t["id"] not in removed]
        tp = rng.choice(live)
        if op == "remove" and len(live) > 2:
            removed.add(tp["id"])
        elif op == "add":
            obj, channel, kind = rng.choice(domain["objects"])
            scores = {p: rng.randrange(2, 6) for p in persona_ids}
            new: Map = {
                "id": unique(slug(f"new {obj}"), taken),
                "name": f"New {obj}",
                "stage": tp["stage"],
                "channel": channel,
                "kind": kind,
                "owner": rng.choice(OWNERS),
                "customer_action": rng.choice(ACTIONS).format(o=obj) + ".",
                "experiences": [
                    {"persona": p, "score": s, "emotion": rng.choice(EMOTIONS[s])}
                    for p, s in scores.items()
                ],
            }
            tps.insert(tps.index(tp) + 1, new)
        elif op == "rename":
            tp["name"] = f"{tp['name']} (revised)"
        elif op == "measure" and tp.get("measurements"):
            # a new reading: the target is hit, or the sample grew
            row = rng.choice(tp["measurements"])
            if "target" in row and row.get("actual") != row["target"]:
                row["actual"] = row["target"]
            else:
                row["sample"] = int(row.get("sample") or 0) + rng.randrange(1, 500)
        elif tp.get("experiences"):  # score, or a fallback for ops that could not apply
            exp = rng.choice(tp["experiences"])
            exp["score"] = rng.choice([s for s in range(1, 6) if s != exp.get("score")])
            exp["emotion"] = rng.choice(EMOTIONS[exp["score"]])

    if removed:
        data["touchpoints"] = tps = [t for t in tps if t["id"] not in removed]
        for t in tps:
            if t.get("next"):
                t["next"] = [n for n in t["next"] if n not in removed]
                if not t["next"]:
                    del t["next"]  # fall back to the default successor rather than become an exit
        data["pain_points"] = [
            p for p in data.get("pain_points") or [] if p["touchpoint"] not in removed
        ]
    pains = data.get("pain_points") or []
    if pains and percent > 0:
        pain = rng.choice(pains)
        levels = ["low", "medium", "high", "critical"]
        pain["severity"] = rng.choice([s for s in levels if s != pain.get("severity", "medium")])
    if "opportunities" in data:
        pain_ids = {p["id"] for p in pains}
        for o in data["opportunities"]:
            o["addresses"] = [a for a in o["addresses"] if a in pain_ids]
        data["opportunities"] = [o for o in data["opportunities"] if o["addresses"]]
        opp_ids = {o["id"] for o in data["opportunities"]}
        data["actions"] = [a for a in data.get("actions") or [] if a["opportunity"] in opp_ids]
    return data


# --------------------------------------------------------------------------- output


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as people write maps by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump(data: Map) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=1000,
        indent=2,
    )


def generate_sized(seed: str, size_kb: float) -> tuple[Map, str]:
    """The map (and its YAML body) whose touchpoint count brings it closest to size_kb."""
    target = size_kb * 1024
    tries: dict[int, tuple[Map, str]] = {}
    count = max(1, round(target / 1100))
    for _ in range(8):
        if count not in tries:
            data = generate(seed, count)
            tries[count] = (data, dump(data))
        size = len(tries[count][1].encode())
        if abs(size - target) <= target * 0.05:
            break
        guess = round(count * target / size)
        if guess == count:
            guess += 1 if size < target else -1
        count = max(1, guess)
    best = min(tries, key=lambda c: abs(len(tries[c][1].encode()) - target))
    return tries[best]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--count", type=int, default=1, help="maps (or variants) to write; default 1")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--size-kb", type=float, default=8.0, help="approximate size of each map (default 8)"
    )
    ap.add_argument("--touchpoints", type=int, help="exact touchpoint count (overrides --size-kb)")
    ap.add_argument("--variant-of", type=Path, metavar="FILE", help="write changed copies of FILE")
    ap.add_argument(
        "--change-percent",
        type=float,
        default=10.0,
        metavar="P",
        help="with --variant-of: share of touchpoints to change (default 10)",
    )
    args = ap.parse_args(argv)
    if (
        args.count < 1
        or (args.touchpoints is not None and args.touchpoints < 1)
        or args.size_kb <= 0
    ):
        ap.error("--count, --touchpoints and --size-kb must be positive")
    if not 0 <= args.change_percent <= 100:
        ap.error("--change-percent must be between 0 and 100")
    args.outdir.mkdir(parents=True, exist_ok=True)

    if args.variant_of:
        return write_variants(args)
    for i in range(args.count):
        seed = f"{args.seed}-{i + 1:04d}"
        if args.touchpoints:
            data = generate(seed, args.touchpoints)
            data["id"] = f"{data['id']}-t{args.touchpoints}"
            body = dump(data)
        else:
            data, body = generate_sized(seed, args.size_kb)
        header = f"# Generated by benchmarks/gen_corpus.py (seed {args.seed}, map {i + 1})\n"
        out = args.outdir / f"{data['id']}.journey.yaml"
        out.write_text(header + body, encoding="utf-8")
        print(out)
    return 0


def write_variants(args: argparse.Namespace) -> int:
    source: Path = args.variant_of
    try:
        original = source.read_text(encoding="utf-8")
        variants = []
        for i in range(args.count):
            data = yaml.safe_load(original)
            if not isinstance(data, dict) or not isinstance(data.get("touchpoints"), list):
                raise ValueError("not a journey map (no touchpoints list)")
            rng = random.Random(f"{args.seed}-{args.change_percent}-{i}")
            variants.append(make_variant(data, args.change_percent, rng))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"gen_corpus: cannot use {source}: {exc}", file=sys.stderr)
        return 2
    except (KeyError, TypeError, AttributeError) as exc:
        print(f"gen_corpus: {source} is not a map this script can vary: {exc!r}", file=sys.stderr)
        return 2
    stem = re.sub(r"(\.journey)?\.ya?ml$", "", source.name)
    pct = f"{args.change_percent:g}".replace(".", "_")
    for i, data in enumerate(variants):
        suffix = "" if args.count == 1 else f"-{i + 1}"
        out = args.outdir / f"{stem}.changed-{pct}pct{suffix}.journey.yaml"
        header = (
            f"# Variant of {source.name}: about {args.change_percent:g}% of touchpoints changed "
            f"(seed {args.seed})\n"
        )
        out.write_text(header + dump(data), encoding="utf-8")
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
