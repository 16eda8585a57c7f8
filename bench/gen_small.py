#!/usr/bin/env python3
"""Writes a corpus of many small councils, to see how the site pages (the index, its lists
and the comparison) grow with the number of councils.

SIMULATION CORPUS: every name, place and figure is made up from syllables and random
numbers. It looks like India's gram panchayats, Bangladesh's unions or Nepal's local levels
in shape only (states, districts and blocks; divisions and districts; provinces and
districts); it is not real data and must never be published as such.

Usage:
    bench/gen_small.py OUT --councils N [--country IN|BD|NP|ALL] [--seed S]

Each council is a folder OUT/<slug>/ with site.yaml, profile.yaml, budget.csv,
grievances.csv and projects.csv, each a few rows (see docs/content-format.md). The same
arguments write the same files. `khula check --content OUT` reports no errors.
"""

import argparse
import os
import random
import re
import sys

# Syllables of the made-up names: Latin letters, Devanagari, Bengali.
SYLLABLES = [
    ("ra", "रा", "রা"), ("ma", "म", "ম"), ("pur", "पुर", "পুর"), ("ka", "का", "কা"),
    ("la", "ला", "লা"), ("na", "न", "ন"), ("ga", "गा", "গা"), ("ri", "री", "রি"),
    ("si", "सि", "সি"), ("ta", "ता", "তা"), ("dha", "धा", "ধা"), ("bha", "भा", "ভা"),
    ("de", "दे", "দে"), ("ko", "को", "কো"), ("ha", "ह", "হ"), ("sa", "सा", "সা"),
    ("ja", "जा", "জা"), ("pa", "प", "প"), ("mu", "मु", "মু"), ("ba", "बा", "বা"),
    ("chan", "चन", "চন"), ("go", "गो", "গো"), ("an", "अन", "অন"), ("in", "इन", "ইন"),
]

# What differs by country: languages, calendar, the words for a council and its places.
COUNTRIES = {
    "IN": {
        "lang": "hi", "script": 1, "currency": "INR", "calendar": "gregorian",
        "start": "04-01", "kind": ("Gram Panchayat", "ग्राम पंचायत"),
        "province": ("State", "राज्य"), "district": ("District", "ज़िला"),
        "block": "Block", "provinces": 28, "per_district": 330, "per_block": 38,
        "year": ("2024-25", "2024"), "months": ("05", "06"), "sla": 30,
    },
    "BD": {
        "lang": "bn", "script": 2, "currency": "BDT", "calendar": "gregorian",
        "start": "07-01", "kind": ("Union Parishad", "ইউনিয়ন পরিষদ"),
        "province": ("Division", "বিভাগ"), "district": ("District", "জেলা"),
        "block": "Upazila", "provinces": 8, "per_district": 71, "per_block": 9,
        "year": ("2023-24", "2023"), "months": ("08", "09"), "sla": 30,
    },
    "NP": {
        "lang": "ne", "script": 1, "currency": "NPR", "calendar": "bikram-sambat",
        "start": "04-01", "kind": ("Gaunpalika", "गाउँपालिका"),
        "province": ("Province", "प्रदेश"), "district": ("District", "जिल्ला"),
        "block": "Area", "provinces": 7, "per_district": 10, "per_block": 3,
        "year": ("2081/82", "2081"), "months": ("05", "06"), "sla": 7,
    },
}

# Shares of the councils when --country ALL.
ALL_SHARES = [("IN", 0.90), ("BD", 0.07), ("NP", 0.03)]


def made_up_name(rng, script, syllables=(2, 4)):
    """A made-up name: (English, own script)."""
    parts = [rng.choice(SYLLABLES) for _ in range(rng.randint(*syllables))]
    latin = "".join(p[0] for p in parts)
    return latin.capitalize(), "".join(p[script] for p in parts)


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def weights(rng, n):
    """Uneven shares of n places, one about a quarter of the whole (as Uttar Pradesh is)."""
    w = [rng.uniform(0.2, 1.0) ** 2 for _ in range(n)]
    if n > 3:
        w[0] = sum(w[1:]) / 3
    total = sum(w)
    return [x / total for x in w]


def split(total, shares):
    """`total` split by `shares`, whole numbers adding up to it."""
    counts = [int(total * s) for s in shares]
    for i in range(total - sum(counts)):
        counts[i % len(counts)] += 1
    return counts


def places(rng, code, count):
    """(province, district, block) of each of `count` councils of one country."""
    c = COUNTRIES[code]
    provinces = max(1, min(c["provinces"], count // 20 or 1))
    out = []
    for p_count in split(count, weights(rng, provinces)):
        if p_count == 0:
            continue
        province = made_up_name(rng, c["script"])
        districts = max(1, round(p_count / c["per_district"]))
        for d_count in split(p_count, weights(rng, districts)):
            district = made_up_name(rng, c["script"])
            blocks = max(1, round(d_count / c["per_block"]))
            for b_count in split(d_count, [1 / blocks] * blocks):
                block = made_up_name(rng, 0)[0]
                out.extend([(province, district, block)] * b_count)
    return out


def yaml_text(en, own, lang):
    return '{%s: "%s", en: "%s"}' % (lang, own, en)


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def council(rng, out, slug, code, name, place):
    """One council's folder: site.yaml, profile.yaml and three small CSV files."""
    c = COUNTRIES[code]
    lang = c["lang"]
    (province, district, block) = place
    folder = os.path.join(out, slug)
    os.makedirs(folder, exist_ok=True)
    kind_en, kind_own = c["kind"]
    write(os.path.join(folder, "site.yaml"), "\n".join([
        "# Simulation corpus (bench/gen_small.py): a made-up council, not real data.",
        "name: " + yaml_text(f"{name[0]} {kind_en}", f"{name[1]} {kind_own}", lang),
        "kind: " + yaml_text(kind_en, kind_own, lang),
        f"country: {code}",
        "province: " + yaml_text(f"{province[0]} {c['province'][0]}",
                                 f"{province[1]} {c['province'][1]}", lang),
        "district: " + yaml_text(f"{district[0]} {c['district'][0]}",
                                 f"{district[1]} {c['district'][1]}", lang),
        f"languages: [{lang}, en]",
        f"currency: {c['currency']}",
        f"calendar: {c['calendar']}",
        f"fiscal_year_start: {c['start']}",
        "licence: CC-BY-4.0",
        "sample: true",
        f"grievance: {{service_level_days: {c['sla']}}}",
        "",
    ]))
    write(os.path.join(folder, "profile.yaml"), "\n".join([
        "census_year: 2021",
        f"population: {{total: {rng.randint(800, 25000)}}}",
        "facts:",
        f'  - {{label: {{en: "{c["block"]}"}}, value: "{block}"}}',
        "",
    ]))
    year, start = c["year"]
    sectors = [("Education", "शिक्षा" if lang != "bn" else "শিক্ষা"),
               ("Health", "स्वास्थ्य" if lang != "bn" else "স্বাস্থ্য"),
               ("Roads", "सडक" if lang != "bn" else "সড়ক")]
    budget = ["fiscal_year,type,sector,sector:en,allocated,spent"]
    for en, own in sectors:
        allocated = rng.randint(100, 5000) * 1000
        spent = allocated * rng.randint(40, 100) // 100
        budget.append(f"{year},expenditure,{own},{en},{allocated},{spent}")
    write(os.path.join(folder, "budget.csv"), "\n".join(budget) + "\n")
    grievances = ["period,received,resolved,resolved_within_sla,pending"]
    for month in c["months"]:
        received = rng.randint(0, 40)
        resolved = rng.randint(0, received)
        within = rng.randint(0, resolved)
        grievances.append(f"{start}-{month},{received},{resolved},{within},{received - resolved}")
    write(os.path.join(folder, "grievances.csv"), "\n".join(grievances) + "\n")
    projects = ["project,status,fiscal_year,budget"]
    for n, status in enumerate(("completed", "in progress"), start=1):
        projects.append(f"Project {n},{status},{year},{rng.randint(10, 900) * 10000}")
    write(os.path.join(folder, "projects.csv"), "\n".join(projects) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--councils", type=int, required=True)
    ap.add_argument("--country", choices=["IN", "BD", "NP", "ALL"], default="IN")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.councils < 1:
        sys.exit("--councils must be at least 1")
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"{args.out} is not empty")
    rng = random.Random(args.seed)
    if args.country == "ALL":
        counts = split(args.councils, [s for _, s in ALL_SHARES])
        plan = [(code, n) for (code, _), n in zip(ALL_SHARES, counts) if n > 0]
    else:
        plan = [(args.country, args.councils)]
    taken = set()
    for code, count in plan:
        script = COUNTRIES[code]["script"]
        for place in places(rng, code, count):
            # A name seen before is drawn again; when names run short, the district's
            # name, then a number, tell them apart.
            for _ in range(20):
                name = made_up_name(rng, script)
                slug = slugify(name[0])
                if slug not in taken:
                    break
            if slug in taken:
                slug = f"{slug}-{slugify(place[1][0])}"
            base, n = slug, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            council(rng, args.out, slug, code, name, place)
    print(f"{len(taken)} councils written to {args.out} (simulation corpus, not real data)")


if __name__ == "__main__":
    main()
