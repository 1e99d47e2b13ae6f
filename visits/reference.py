"""The standard tally categories, fitted to the services named in the seed documents.

Created only when missing (by their stable code): what coordinators edited stays edited.
"""

from visits.models import CategoryGroup, TallyCategory

G = CategoryGroup

# The breakdowns: part code -> total code (decisions Visits 14). A part is counted within its
# total ("of which"), so its count is never above the total's. The parts may overlap (a
# first-time visitor is also a woman or a man), so only each part is held against the total.
BREAKDOWNS = {
    "visits-women": "visits",
    "visits-men": "visits",
    "visits-other": "visits",
    "first-time": "visits",
}

# code, Danish name, English name, group
STANDARD_CATEGORIES: list[tuple[str, str, str, str]] = [
    ("visits", "Besøg i alt", "Visits in total", G.VISITORS),
    ("visits-women", "Heraf kvinder", "Of which women", G.VISITORS),
    ("visits-men", "Heraf mænd", "Of which men", G.VISITORS),
    ("visits-other", "Heraf andet eller uoplyst køn", "Of which other or unknown", G.VISITORS),
    ("first-time", "Førstegangsbesøgende", "First-time visitors", G.VISITORS),
    ("breakfast", "Morgenmad", "Breakfast", G.MEALS),
    ("hot-lunch", "Varm frokost", "Hot lunch", G.MEALS),
    ("coffee", "Kaffe og snacks", "Coffee and snacks", G.MEALS),
    ("shower", "Bad", "Shower", G.HYGIENE),
    ("laundry", "Tøjvask", "Laundry", G.HYGIENE),
    ("toiletries", "Toiletartikler udleveret", "Toiletries handed out", G.HYGIENE),
    ("clinic", "Kontakter med sundhedsklinikken", "Health clinic contacts", G.HEALTH),
    ("medicine", "Medicinudlevering", "Medicine hand-out", G.HEALTH),
    ("counselling", "Rådgivningssamtaler", "Counselling talks", G.ADVICE),
    (
        "caseworker-advice",
        "Rådgivning fra kommunens sagsbehandlere",
        "Advice from municipal caseworkers",
        G.ADVICE,
    ),
    ("companion", "Bisidder og ledsagelse", "Companion help", G.ADVICE),
    ("needle-kits", "Sprøjte- og kanylesæt udleveret", "Needle kits handed out", G.HARM_REDUCTION),
    ("smoking-kits", "Rygesæt udleveret", "Smoking kits handed out", G.HARM_REDUCTION),
    ("naloxone", "Naloxon udleveret", "Naloxone handed out", G.HARM_REDUCTION),
    ("ambulance", "Ambulance tilkaldt", "Ambulance called", G.INCIDENTS),
    ("conflicts", "Konflikter", "Conflicts", G.INCIDENTS),
]


def load(*, stdout, style) -> None:
    created: dict[str, TallyCategory] = {}
    for position, (code, name_da, name_en, group) in enumerate(STANDARD_CATEGORIES, start=1):
        category, was_created = TallyCategory.objects.get_or_create(
            code=code,
            defaults={
                "name_da": name_da,
                "name_en": name_en,
                "group": group,
                "order": position * 10,
                "active": True,
            },
        )
        if was_created:
            created[code] = category
    # A new part gets its total; a category a coordinator edited keeps what they chose.
    for part, total_code in BREAKDOWNS.items():
        total = TallyCategory.objects.filter(code=total_code).first()
        if part in created and total is not None:
            created[part].part_of = total
            created[part].save(update_fields=["part_of"])
    kept = len(STANDARD_CATEGORIES) - len(created)
    stdout.write(f"Tally categories: {len(created)} created, {kept} kept.")
