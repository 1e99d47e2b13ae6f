"""The partners the seed documents name (seeds 000/001, 002, 003), for `load_reference_data`.

Real organisations: only what the seeds say (or what is public and stable, like a website).
No contact persons or phone numbers are invented; coordinators fill those in. Idempotent and
never overwrites edits: a row is created only when its stable key is missing, and services
and parents are set only on rows created now.
"""

import datetime

from partners.models import Agreement, Organisation, Service

K = Organisation.Kind

# key -> (Danish name, English name)
SERVICES: dict[str, tuple[str, str]] = {
    "drop-in": ("Varmestue og værested", "Warming room and drop-in centre"),
    "health-clinic": ("Sundhedsklinik og sundhedssamtaler", "Health clinic and health talks"),
    "street-nursing": ("Gadesygepleje", "Street nursing"),
    "drug-counselling": ("Rusmiddelrådgivning", "Drug and alcohol counselling"),
    "drug-treatment": ("Rusmiddelbehandling", "Drug and alcohol treatment"),
    "outreach": ("Opsøgende arbejde", "Outreach work"),
    "harm-reduction": (
        "Skadesreduktion (fixesæt, rent rygeudstyr)",
        "Harm reduction (needle kits, clean smoking kits)",
    ),
    "hepatitis-c": ("Screening for hepatitis C", "Hepatitis C screening"),
    "overdose-first-aid": (
        "Førstehjælp ved overdosis (naloxon)",
        "First aid for opioid overdose (naloxone)",
    ),
    "caseworker": (
        "Fremskudt sagsbehandling og åben myndighedsrådgivning",
        "Caseworker at the site, open advice from the authorities",
    ),
    "jobs": ("Job og beskæftigelse", "Jobs and employment"),
    "citizen-service": ("Borgerservice", "Citizen services"),
    "housing": ("Bolig og hjemløshed", "Housing and homelessness"),
    "home-support": ("Støtte i eget hjem (§ 85)", "Support in one's own home (section 85)"),
    "social-home-care": ("Social hjemmepleje", "Social home care"),
    "older-people": ("Ældre og pleje", "Older people and care"),
    "young-people": ("Unge", "Young people"),
    "children-families": ("Børn, unge og familier", "Children, young people and families"),
    "mental-health": ("Mental sundhed og psykiatri", "Mental health and psychiatry"),
    "disability-psychiatry": (
        "Handicap og socialpsykiatri",
        "Disability and social psychiatry",
    ),
    "communities": ("Fællesskaber og netværk", "Communities and networks"),
    "volunteering": ("Frivillighed", "Volunteering"),
    "user-voice": ("Brugerinddragelse og brugerrepræsentation", "User voice and representation"),
    "debt-counselling": ("Gældsrådgivning", "Debt counselling"),
    "dental-care": ("Social tandpleje", "Social dental care"),
    "pet-care": ("Dyrlægehjælp til kæledyr", "Vet care for pets"),
    "street-newspaper": ("Salg af hjemløseavis", "Selling the street newspaper"),
    "knowledge": ("Viden, metoder og kompetenceudvikling", "Knowledge, methods and training"),
}

# key -> fields; "parent" and "services" by key. Websites only where public and stable.
ORGANISATIONS: dict[str, dict] = {
    "slagelse-kommune": {
        "name": "Slagelse Kommune",
        "kind": K.MUNICIPAL,
        "website": "https://www.slagelse.dk",
        "description": "Kommunen. Rusmiddelcenter Slagelse overtog varmestuearbejdet i Korsør "
        "fra 1. juli 2021.",
    },
    "rusmiddelcenter": {
        "name": "Rusmiddelcenter Slagelse",
        "kind": K.MUNICIPAL,
        "parent": "slagelse-kommune",
        "services": ["drug-counselling", "drug-treatment", "drop-in"],
        "description": "Driver varmestuen i Korsør (pavillon, bus og permanent sted) og "
        "substitutionsbehandling.",
    },
    "rmc-bilen": {
        "name": "Bilen (Rusmiddelcenter Slagelse)",
        "kind": K.RUSMIDDELCENTER,
        "parent": "rusmiddelcenter",
        "services": ["outreach", "drug-counselling"],
        "description": "Rusmiddelcenterets udkørende indsats.",
    },
    "rmc-sundhedsklinik": {
        "name": "Sundhedsklinikken (Rusmiddelcenter Slagelse)",
        "kind": K.RUSMIDDELCENTER,
        "parent": "rusmiddelcenter",
        "services": ["health-clinic"],
        "description": "Rusmiddelcenterets sundhedsklinik; borgerne kan blive tilset i pavillonen.",
    },
    "rmc-lokalteamet": {
        "name": "Lokalteamet (Rusmiddelcenter Slagelse)",
        "kind": K.RUSMIDDELCENTER,
        "parent": "rusmiddelcenter",
        "services": ["drug-counselling", "outreach"],
        "description": "Lokalnær og forebyggende tilstedeværelse i lokalområderne, åben "
        "rusmiddelrådgivning og opsøgende, motiverende brobygning til og fra behandling.",
    },
    "chp": {
        "name": "Center for Handicap og Psykiatri (CHP)",
        "kind": K.MUNICIPAL,
        "parent": "slagelse-kommune",
        "services": ["disability-psychiatry", "caseworker"],
        "description": "Myndighed fra Handicap og Psykiatri: åben og mulig anonym rådgivning og "
        "fremskudt sagsbehandling.",
    },
    "toften": {
        "name": "Toften",
        "kind": K.MUNICIPAL,
        "parent": "chp",
        "services": ["housing", "outreach", "communities"],
        "description": "Virksomhed i CHP for socialt udsatte og hjemløse borgere.",
    },
    "toften-gadesygeplejersken": {
        "name": "Gadesygeplejersken (Toften)",
        "kind": K.HEALTH,
        "parent": "toften",
        "services": ["street-nursing", "health-clinic"],
    },
    "toften-social-drive-out": {
        "name": "Social Drive Out (Toften)",
        "kind": K.MUNICIPAL,
        "parent": "toften",
        "services": ["outreach"],
    },
    "toften-gadeteam": {
        "name": "Det opsøgende gadeteam (Toften)",
        "kind": K.MUNICIPAL,
        "parent": "toften",
        "services": ["outreach", "housing"],
    },
    "toften-en-ny-start": {
        "name": "En Ny Start (Toften)",
        "kind": K.MUNICIPAL,
        "parent": "toften",
        "services": ["young-people", "housing", "jobs"],
        "description": "Projekt for unge, der har svært ved at fastholde kontakten til det "
        "etablerede system, uddannelse eller beskæftigelse.",
    },
    "toften-85": {
        "name": "§ 85-støtte (Toften)",
        "kind": K.MUNICIPAL,
        "parent": "toften",
        "services": ["home-support", "communities"],
        "description": "Støtte i eget hjem; i Skælskør også fællesskaber som mandenetværk og "
        "motion.",
    },
    "toften-social-hjemmepleje": {
        "name": "Den Sociale Hjemmepleje (Toften)",
        "kind": K.MUNICIPAL,
        "parent": "toften",
        "services": ["social-home-care", "older-people"],
        "description": "I samarbejde med CHP og CSÆ; i ordinær drift fra 1. juli 2021.",
    },
    "cpus": {
        "name": "CPUS",
        "kind": K.MUNICIPAL,
        "parent": "chp",
        "services": ["mental-health", "communities"],
        "description": "Har en formel partnerskabsaftale med Frivilligcenteret.",
    },
    "cpus-netvaerkshusene": {
        "name": "Netværkshusene (CPUS)",
        "kind": K.MUNICIPAL,
        "parent": "cpus",
        "services": ["communities", "mental-health"],
    },
    "cpus-birkehuset": {
        "name": "Birkehuset (Netværkshusene)",
        "kind": K.MUNICIPAL,
        "parent": "cpus-netvaerkshusene",
        "services": ["communities"],
    },
    "cpus-netvaerksstoetten": {
        "name": "Netværksstøtten i Korsør (CPUS)",
        "kind": K.MUNICIPAL,
        "parent": "cpus",
        "services": ["communities", "mental-health"],
    },
    "borgerservice": {
        "name": "Borgerservice",
        "kind": K.MUNICIPAL,
        "parent": "slagelse-kommune",
        "services": ["citizen-service", "caseworker"],
    },
    "jobcenteret": {
        "name": "Jobcenteret",
        "kind": K.MUNICIPAL,
        "parent": "slagelse-kommune",
        "services": ["jobs", "caseworker"],
        "description": "Styrket samarbejdsaftale med Rusmiddelcenteret om Café Backstage.",
    },
    "csae": {
        "name": "Center for Sundhed og Ældre (CSÆ)",
        "kind": K.MUNICIPAL,
        "parent": "slagelse-kommune",
        "services": ["older-people", "caseworker"],
    },
    "boern-og-unge": {
        "name": "Center for Børn og Unge",
        "kind": K.MUNICIPAL,
        "parent": "slagelse-kommune",
        "services": ["children-families", "young-people", "caseworker"],
    },
    "folkesundhed": {
        "name": "Folkesundhed",
        "kind": K.MUNICIPAL,
        "parent": "slagelse-kommune",
        "services": ["communities", "mental-health"],
        "description": "Har bl.a. taget initiativ til et folkekøkken og frivilligt drevne "
        "“trædestens”-fællesskaber.",
    },
    "kirkens-korshaer": {
        "name": "Kirkens Korshær",
        "kind": K.NGO,
        "website": "https://www.kirkenskorshaer.dk",
        "services": ["drop-in"],
        "description": "Driver varmestuen i Slagelse og varmestuen i Skælskør, indtil aftalen "
        "udløber medio 2022.",
    },
    "sand": {
        "name": "SAND – De hjemløses landsorganisation",
        "kind": K.USER_ORGANISATION,
        "website": "https://sand.dk",
        "services": ["user-voice", "communities"],
        "description": "Aktiviteter, rådsarbejde og brugerrepræsentation.",
    },
    "lvs": {
        "name": "LVS – Landsforeningen af VæreSteder",
        "kind": K.NGO,
        "website": "https://www.vaeresteder.dk",
        "services": ["knowledge"],
        "description": "Landsforening for væresteder; årsrapport med brugerundersøgelse.",
    },
    "rfsu": {
        "name": "Rådet for Socialt Udsatte",
        "kind": K.COUNCIL,
        "website": "https://udsatte.dk",
        "services": ["user-voice", "knowledge"],
    },
    "frivilligcenter": {
        "name": "Frivilligcenter Slagelse (FCS)",
        "kind": K.NGO,
        "services": ["volunteering", "communities"],
        "description": "Rekrutterer frivillige til varmestuen sammen med Rusmiddelcenteret.",
    },
    "brugernes-akademi": {
        "name": "Brugernes Akademi",
        "kind": K.USER_ORGANISATION,
        "services": ["hepatitis-c", "harm-reduction", "user-voice"],
        "description": "Screening for hepatitis C og fixesæt fra “Pakkebiksen”; rekruttering "
        "af peermedarbejdere.",
    },
    "antidote": {
        "name": "Antidote Danmark",
        "kind": K.NGO,
        "services": ["overdose-first-aid"],
        "description": "Uddanner brugere og medarbejdere i førstehjælp ved opioid-overdosis "
        "med naloxon.",
    },
    "farmakon": {
        "name": "Projekt Farmakon",
        "kind": K.NGO,
        "services": ["harm-reduction", "user-voice"],
        "description": "Uddeler rent rygeudstyr; mulighed for at blive brugerrepræsentant.",
    },
    "frynseklinikken": {
        "name": "Frynseklinikken",
        "kind": K.NGO,
        "services": ["pet-care"],
        "description": "Gratis tilbud til husdyr, ca. hver anden måned; alle udsatte er velkomne.",
    },
    "gaeldsraadgivning": {
        "name": "Gældsrådgivning",
        "kind": K.NGO,
        "services": ["debt-counselling"],
        "description": "Nævnt i statusrapporten til USB uden udbyder: udfyld, hvem der giver "
        "rådgivningen.",
    },
    "social-tandpleje": {
        "name": "Den sociale tandpleje",
        "kind": K.HEALTH,
        "services": ["dental-care"],
    },
    "hus-forbi": {
        "name": "HUS FORBI",
        "kind": K.NGO,
        "website": "https://www.husforbi.dk",
        "services": ["street-newspaper", "communities"],
        "description": "Samarbejde med Toften: 10-12 brugere henter aviser; udendørs café.",
    },
    "headspace": {
        "name": "headspace Slagelse",
        "kind": K.NGO,
        "website": "https://headspace.dk",
        "services": ["young-people", "mental-health"],
    },
    "kfum-sociale-arbejde": {
        "name": "KFUM's Sociale Arbejde",
        "kind": K.NGO,
        "services": ["housing", "communities"],
        "description": "Opfører 8 skæve boliger på Holbækvej 16 sammen med kommunen.",
    },
    "psykiatrien-vest": {
        "name": "Psykiatrien Vest",
        "kind": K.HEALTH,
        "services": ["mental-health"],
        "description": "Regionens psykiatri; omlægning til udgående F-ACT-teams.",
    },
    "lokalsamfundet": {
        "name": "Lokalsamfundet i Korsør og Skælskør",
        "kind": K.COMMUNITY,
        "services": ["communities", "volunteering"],
        "description": "Inviteres til at samarbejde og bidrage til tilbuddet.",
    },
    "socialstyrelsen": {
        "name": "Socialstyrelsen",
        # The list has no kind for a state agency; the description says what it is.
        "kind": K.MUNICIPAL,
        "services": ["housing", "knowledge"],
        "description": "Statslig styrelse; samarbejdsaftale med Slagelse Kommune om Housing "
        "First (seed 002).",
    },
    "skaelskoer-boligselskab": {
        "name": "Skælskør Boligselskab",
        "kind": K.NGO,
        "services": ["housing"],
        "description": "Almen boligorganisation; samarbejdsaftale med Toften (seed 002).",
    },
    "korsoer-boligselskab": {
        "name": "Korsør Boligselskab",
        "kind": K.NGO,
        "services": ["housing"],
        "description": "Almen boligorganisation; samarbejdsaftale med Toften (seed 002).",
    },
    "erhvervslivet": {
        "name": "Det lokale erhvervsliv",
        "kind": K.BUSINESS,
        "description": "Inviteres til at samarbejde og bidrage til tilbuddet.",
    },
}


# The agreements the seeds name (issue 18): key -> fields, the organisation by key. Statuses
# as the seeds describe them in 2021; `dates_to_be_confirmed` where a date is only implied
# or not given at all.
AGREEMENTS: dict[str, dict] = {
    "korshaer-skaelskoer": {
        "organisation": "kirkens-korshaer",
        "title": "Drift af varmestuen i Skælskør",
        "status": Agreement.Status.AGREED,
        # "indtil aftalen i Skælskør udløber i medio 2022" (seed 000/001): mid-2022, no day.
        "ends_on": datetime.date(2022, 6, 30),
        "dates_to_be_confirmed": True,
        "summary": "Kirkens Korshær driver varmestuen i Skælskør, indtil aftalen udløber i "
        "medio 2022 (tids- og handleplanen af 25. maj 2021). Slutdatoen er skønnet.",
    },
    "toften-skaelskoer-boligselskab": {
        "organisation": "skaelskoer-boligselskab",
        "title": "Samarbejdsaftale med Toften",
        "status": Agreement.Status.AGREED,
        "dates_to_be_confirmed": True,
        "summary": "Toften har indgået samarbejdsaftale med Skælskør Boligselskab (seed 002, "
        "Social Drive Out). Datoer er ikke oplyst.",
    },
    "toften-korsoer-boligselskab": {
        "organisation": "korsoer-boligselskab",
        "title": "Samarbejdsaftale med Toften",
        "status": Agreement.Status.AGREED,
        "dates_to_be_confirmed": True,
        "summary": "Toften har indgået samarbejdsaftale med Korsør Boligselskab (seed 002, "
        "Social Drive Out). Datoer er ikke oplyst.",
    },
    "socialstyrelsen-housing-first": {
        "organisation": "socialstyrelsen",
        "title": "Samarbejdsaftale om Housing First",
        "status": Agreement.Status.AGREED,
        "dates_to_be_confirmed": True,
        "summary": "Om metodeudvikling og udbredelse og forankring af Housing First bredt i "
        "Slagelse Kommune (seed 002). Datoer er ikke oplyst.",
    },
    "jobcenteret-cafe-backstage": {
        "organisation": "jobcenteret",
        "title": "Samarbejdsaftale med Rusmiddelcenteret om Café Backstage",
        "status": Agreement.Status.AGREED,
        "dates_to_be_confirmed": True,
        "summary": "Styrket samarbejdsaftale mellem Jobcenteret og Rusmiddelcenteret om Café "
        "Backstage (seed 002). Datoer er ikke oplyst.",
    },
    "cpus-frivilligcenter": {
        "organisation": "frivilligcenter",
        "title": "Partnerskabsaftale med CPUS",
        "status": Agreement.Status.AGREED,
        "dates_to_be_confirmed": True,
        "summary": "CPUS har en formel partnerskabsaftale med Frivilligcenteret (seed 002). "
        "Datoer er ikke oplyst.",
    },
    "chp-frivilligcenter-folkesundhed": {
        "organisation": "frivilligcenter",
        "title": "Strategisk partnerskabsaftale mellem CHP, Frivilligcenteret og Folkesundhed",
        "status": Agreement.Status.IN_DIALOGUE,
        "dates_to_be_confirmed": True,
        "summary": "Planlagt: en strategisk samarbejdsaftale for Center for Handicap og "
        "Psykiatri, Folkesundhed og Frivilligcenteret med fokus på mental sundhed, frivillige "
        "og fællesskaber (seed 002).",
    },
}


def _agreements(organisations: dict[str, Organisation]) -> int:
    """Each agreement once, by its key; an existing one (perhaps edited) is left alone."""
    made = 0
    for key, fields in AGREEMENTS.items():
        if Agreement.objects.filter(reference_key=key).exists():
            continue
        values = {name: value for name, value in fields.items() if name != "organisation"}
        Agreement.objects.create(
            reference_key=key, organisation=organisations[fields["organisation"]], **values
        )
        made += 1
    return made


def _organisation(key: str, fields: dict) -> tuple[Organisation, bool]:
    """Find the organisation by its key, else by name (made by hand); create it otherwise."""
    found = Organisation.objects.filter(reference_key=key).first()
    if found is not None:
        return found, False
    found = Organisation.objects.filter(name__iexact=fields["name"], reference_key="").first()
    if found is not None:
        found.reference_key = key  # adopt the hand-made row without changing what users wrote
        found.save(update_fields=["reference_key"])
        return found, False
    organisation = Organisation.objects.create(
        reference_key=key,
        name=fields["name"],
        kind=fields["kind"],
        website=fields.get("website", ""),
        description=fields.get("description", ""),
    )
    return organisation, True


def load(*, stdout, style) -> None:
    services = {}
    new_services = 0
    for key, (name_da, name_en) in SERVICES.items():
        services[key], created = Service.objects.get_or_create(
            key=key, defaults={"name_da": name_da, "name_en": name_en}
        )
        new_services += created
    organisations, created_keys = {}, []
    for key, fields in ORGANISATIONS.items():
        organisations[key], created = _organisation(key, fields)
        if created:
            created_keys.append(key)
    for key in created_keys:
        fields, organisation = ORGANISATIONS[key], organisations[key]
        organisation.services.set(services[s] for s in fields.get("services", []))
        if fields.get("parent"):
            organisation.parent = organisations[fields["parent"]]
            organisation.save(update_fields=["parent"])
    new_agreements = _agreements(organisations)
    stdout.write(
        f"Partners: {new_services} new services, {len(created_keys)} new organisations, "
        f"{new_agreements} new agreements "
        f"({len(SERVICES)} services and {len(ORGANISATIONS)} organisations in the seeds)."
    )
