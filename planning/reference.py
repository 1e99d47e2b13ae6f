"""The 2021 action plan (seeds 000/001) and the strategic targets (seed 002).

Idempotent: rows are found by a stable key (a task's `reference_key`, a plan's,
workstream's, target's or period's name, a sub-goal's number) and only created when
missing, so what coordinators have edited is never overwritten.

The quarters each task spans were lost when the plan's table was extracted to text
(seed 001 keeps the rows but not the shaded cells). They are inferred from the dates in
the text and marked `quarters_inferred`, with the reasoning in `quarters_note`.
"""

import datetime

from django.utils import timezone

from planning.models import (
    Baseline,
    BaselineTask,
    Plan,
    ReportingPeriod,
    StrategicTarget,
    SubGoal,
    SubGoalStatus,
    Task,
    Workstream,
)
from planning.quarters import Quarter

PLAN_NAME = "Tids- og handleplan for etablering af fysisk varmestue i Korsør/Skælskør"
PLAN_DATED = datetime.date(2021, 5, 25)
# The columns as printed: note the jump from Q1 2023 to Q1 2024.
PLAN_QUARTERS = [
    "2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1", "2022-Q2",
    "2022-Q3", "2022-Q4", "2023-Q1", "2024-Q1",
]  # fmt: skip
PLAN_DESCRIPTION = (
    "Overordnet overblik over de tiltag og handlinger, der understøtter etablering af et "
    "fysisk omsorgs- og støttetilbud, værested og varmestue til de særligt udsatte, "
    "misbrugende og hjemløse borgere i Korsør og Skælskør, samt en skønnet tidsplan. "
    "Rusmiddelcenter Slagelse, 25. maj 2021."
)
RMC = "Rusmiddelcenter Slagelse"

# key, title, start, end, milestone date, responsible, depends on (keys), site kinds, why
KORSOR = [
    (
        "korsor-communication",
        "Kommunikation til borgere og samarbejdspartnere om opstart af midlertidigt "
        "tilbud i Korsør",
        "2021-Q2",
        "2021-Q3",
        None,
        RMC,
        [],
        [],
        "Rusmiddelcenteret overtager i Korsør fra 1. juli 2021; åbningstiderne annonceres "
        "med flyers og via de udkørende indsatser før og omkring opstarten.",
    ),
    (
        "korsor-temporary-offer",
        "Etablering og drift af midlertidigt tilbud til målgruppen (i tæt samarbejde med "
        "andre relevante aktører)",
        "2021-Q2",
        "2021-Q4",
        None,
        RMC,
        [],
        ["pavilion", "bus_stop"],
        "Pavillon og mobil varmestue (bus) fra 1. juli 2021, indtil det permanente tilbud "
        "er på plads senest 1. januar 2022; etableringen begynder straks efter planen.",
    ),
    (
        "korsor-dialogue-visitors",
        "Dialog med borgerne i målgruppen om deres behov og ønsker",
        "2021-Q3",
        "2021-Q4",
        None,
        RMC,
        [],
        ["pavilion", "bus_stop"],
        "Dialogen foregår på holdepladserne og ved pavillonen i den midlertidige periode "
        "(juli-december 2021).",
    ),
    (
        "korsor-find-location",
        "Afklare og aftale mulig lokalitet i Korsør (lokaleindretning vs. behov, "
        "lejeomkostninger, driftsøkonomi, etableringsomkostninger mv.)",
        "2021-Q2",
        "2021-Q3",
        None,
        RMC,
        [],
        [],
        "Lokaliteten skal være aftalt i god tid, før den indrettes til opstart senest "
        "1. januar 2022.",
    ),
    (
        "korsor-set-up-location",
        "Etablering af fysisk lokalitet i Korsør",
        "2021-Q3",
        "2021-Q4",
        None,
        RMC,
        ["korsor-find-location"],
        ["permanent"],
        "Indretning efter aftalen om lokaliteten og før opstart senest 1. januar 2022.",
    ),
    (
        "korsor-recruit-staff",
        "Rekruttering af fagpersonale",
        "2021-Q3",
        "2021-Q4",
        None,
        RMC,
        [],
        [],
        "Personalet skal være på plads til det permanente tilbud senest 1. januar 2022.",
    ),
    (
        "korsor-recruit-volunteers",
        "Rekruttering af frivillige i samarbejde med Frivilligcenteret",
        "2021-Q3",
        "2022-Q1",
        None,
        f"{RMC} og Frivilligcenter Slagelse",
        [],
        [],
        "Påbegyndes i det midlertidige tilbud fra 1. juli 2021 og fortsætter ind i det "
        "permanente tilbud (rekruttering 'indledende og løbende').",
    ),
    (
        "korsor-partner-agreements",
        "Dialog og aftaler om permanent samarbejde og samspil med relevante kommunale "
        "aktører/samarbejdspartnere, NGO'er, brugerorganisationer og Rådet for Socialt "
        "Udsatte",
        "2021-Q3",
        "2021-Q4",
        None,
        RMC,
        [],
        [],
        "'I den midlertidige periode' (juli-december 2021) indgås aftaler om samskabelse "
        "af det permanente tilbud.",
    ),
    (
        "korsor-permanent-start",
        "Forventet opstart af permanent tilbud i Korsør senest d. 1. januar 2022",
        None,
        None,
        datetime.date(2022, 1, 1),
        RMC,
        ["korsor-set-up-location", "korsor-recruit-staff"],
        ["permanent"],
        "Datoen står i planen: 'Det permanente tilbud forventes etableret senest d. 1. "
        "januar 2022.'",
    ),
    (
        "korsor-evaluation",
        "Evaluering af indsatsen i Korsør med relevante kommunale aktører/"
        "samarbejdspartnere, NGO'er, brugerorganisationer og Rådet for Socialt Udsatte",
        "2023-Q1",
        "2023-Q1",
        None,
        RMC,
        ["korsor-permanent-start"],
        [],
        "Antaget efter et års drift af det permanente tilbud (fra 1. januar 2022).",
    ),
]
SKAELSKOR = [
    (
        "skaelskor-korshaer-agreement",
        "Nærmere aftaler med Kirkens Korshær om overtagelse i Skælskør",
        "2021-Q2",
        "2021-Q3",
        None,
        f"{RMC} og Kirkens Korshær",
        [],
        [],
        "Møde med Kirkens Korshær 28. maj 2021; afklaring af, om overtagelsen sker fra "
        "1. juli 2021 eller ved aftalens udløb medio 2022.",
    ),
    (
        "skaelskor-fit-out",
        "Afklaring af indretning vs. behov, etableringsomkostninger, driftsøkonomi mv.",
        "2021-Q4",
        "2022-Q1",
        None,
        RMC,
        ["skaelskor-korshaer-agreement"],
        [],
        "Efter aftalen med Kirkens Korshær og i god tid før overtagelsen medio 2022.",
    ),
    (
        "skaelskor-recruit-staff",
        "Rekruttering af fagpersonale",
        "2022-Q1",
        "2022-Q2",
        None,
        RMC,
        [],
        [],
        "Personalet skal være på plads til overtagelsen medio 2022.",
    ),
    (
        "skaelskor-recruit-volunteers",
        "Rekruttering af frivillige i samarbejde med Frivilligcenteret",
        "2022-Q1",
        "2022-Q2",
        None,
        f"{RMC} og Frivilligcenter Slagelse",
        [],
        [],
        "De frivillige skal være på plads til overtagelsen medio 2022.",
    ),
    (
        "skaelskor-start",
        "Forventet opstart af tilbud i Skælskør",
        None,
        None,
        datetime.date(2022, 7, 1),
        RMC,
        ["skaelskor-fit-out", "skaelskor-recruit-staff", "skaelskor-recruit-volunteers"],
        ["permanent", "other"],
        "Kirkens Korshær driver tilbuddet, indtil aftalen udløber medio 2022; antaget "
        "opstart 1. juli 2022.",
    ),
    (
        "skaelskor-evaluation",
        "Evaluering af indsatsen i Skælskør med relevante kommunale aktører/"
        "samarbejdspartnere, NGO'er, brugerorganisationer og Rådet for Socialt Udsatte",
        "2024-Q1",
        "2024-Q1",
        None,
        RMC,
        ["skaelskor-start"],
        [],
        "Planens sidste kolonne (Q1 2024); antaget evaluering efter godt et års drift.",
    ),
]
WORKSTREAMS = [("Korsør", "Korsør", KORSOR), ("Skælskør", "Skælskør", SKAELSKOR)]


def load_plan(stdout, style) -> Plan:
    plan, created = Plan.objects.get_or_create(
        name=PLAN_NAME,
        defaults={
            "dated": PLAN_DATED,
            "description": PLAN_DESCRIPTION,
            "quarters": PLAN_QUARTERS,
        },
    )
    made = 0
    tasks: dict[str, Task] = {}
    new_dependencies: list[tuple[Task, list[str]]] = []
    for order, (name, town, rows) in enumerate(WORKSTREAMS):
        workstream, _ = Workstream.objects.get_or_create(
            plan=plan, name=name, defaults={"order": order}
        )
        for position, (key, title, start, end, date, who, deps, kinds, why) in enumerate(rows):
            existing = Task.objects.filter(reference_key=key).first()
            if existing is not None:
                tasks[key] = existing
                continue
            name, organisation = _responsible(who)
            quarter_start = Quarter.from_date(date) if date else Quarter.parse(start)
            quarter_end = Quarter.from_date(date) if date else Quarter.parse(end)
            task = Task.objects.create(
                workstream=workstream,
                reference_key=key,
                title=title,
                order=position,
                start_quarter=quarter_start,
                end_quarter=quarter_end,
                milestone_date=date,
                responsible_name=name,
                responsible_organisation=organisation,
                quarters_inferred=True,
                quarters_note=why,
                # The seeds name no responsible per task and no dependencies (issue 18).
                responsible_to_be_confirmed=True,
                dependencies_to_be_confirmed=bool(deps),
            )
            _link_sites(task, town, kinds)
            tasks[key] = task
            new_dependencies.append((task, deps))
            made += 1
    # Dependencies only for tasks created now: an existing task's links may have been edited.
    for task, deps in new_dependencies:
        task.depends_on.add(*(tasks[key] for key in deps if key in tasks))
    frozen = _freeze_first_baseline(plan)
    stdout.write(
        f"  Action plan: {'created' if created else 'kept'}, {made} new tasks"
        + (f", baseline “{BASELINE_LABEL}” frozen." if frozen else ".")
    )
    return plan


BASELINE_LABEL = "Tids- og handleplan 25.05.2021"


def _freeze_first_baseline(plan: Plan) -> bool:
    """The plan as dated 25 May 2021 is the first baseline (issue 18): the quarters of the
    reference rows, not of tasks as a coordinator may have moved them since. Made once."""
    if plan.baselines.filter(label=BASELINE_LABEL).exists():
        return False
    quarters = {}
    for _name, _town, rows in WORKSTREAMS:
        for key, _title, start, end, date, *_rest in rows:
            first = Quarter.from_date(date) if date else Quarter.parse(start)
            last = Quarter.from_date(date) if date else Quarter.parse(end)
            quarters[key] = (first, last, date)
    tasks = Task.objects.filter(reference_key__in=quarters, workstream__plan=plan)
    baseline = Baseline.objects.create(
        plan=plan,
        label=BASELINE_LABEL,
        frozen_at=timezone.make_aware(datetime.datetime.combine(PLAN_DATED, datetime.time(12))),
    )
    BaselineTask.objects.bulk_create(
        BaselineTask(
            baseline=baseline,
            task=task,
            start_quarter=quarters[task.reference_key][0],
            end_quarter=quarters[task.reference_key][1],
            milestone_date=quarters[task.reference_key][2],
        )
        for task in tasks
    )
    return True


def _responsible(who: str):
    """A responsible that is a known partner organisation is linked to it."""
    from partners.models import Organisation

    organisation = Organisation.objects.filter(name__iexact=who).first()
    return ("", organisation) if organisation is not None else (who, None)


def _link_sites(task: Task, town: str, kinds: list[str]) -> None:
    if not kinds:
        return
    from sites.models import Site

    task.sites.add(*Site.objects.filter(town__iexact=town, kind__in=kinds))


# Seed 002: "Status på arbejdet med pejlemærkerne USB 2018-2021".
PERIOD = ("USB 2018-2021", datetime.date(2018, 1, 1), datetime.date(2021, 12, 31))
# Seed 002 says of every target only this (decisions: Planning 13).
TARGET_DESCRIPTION = "Pejlemærket bygger på værdierne i medborgerpolitikken."

# target, [(number, title, description, status, committee follow-up)]
TARGETS = [
    (
        "Recovery og rehabilitering",
        [
            (
                1,
                "Fælles kompetenceudvikling",
                "Udvikling af intern uddannelse i recoveryorienteret mindset og metoder, der "
                "skal understøtte et fælles mindset hos alle medarbejdere under Center for "
                "Handicap og Psykiatri. Afprøvning af uddannelsesprogrammet og evaluering "
                "gennemføres.",
                "Kompetenceudvikling på tværs af CHP: Fælles kompetenceudviklingsforløb for de "
                "daglige ledere gennem fælles lederuddannelse (Kerneopgaven i Kalejdoskop 1 og "
                "2). Tværgående uddannelsesdage for alle medarbejdere på CHP-området vedr. "
                "recoveryorienteret rehabilitering og medborgerpolitikken.",
                "",
            ),
            (
                2,
                "Feedback fra borgerne",
                "Fokus på at styrke borgernes muligheder for at give feedback på deres "
                "oplevelser af møderne med CHP-myndighed. Samtidig afprøves forsøg på at "
                "udbrede metoden Åben Dialog på tværs af virksomhedsområderne i hele CHP.",
                "Feedbackboks fra borgerne er i proces. 1. fase forventes afsluttet ult. juni "
                "2021. Heri indgår en workshop med borgere og pårørende. Handicaprådet har fået "
                "mulighed for at indstille borgere til workshoppen. De tekniske muligheder "
                "undersøges, herunder udfordringer ift. GDPR. Prøvehandling Åben dialog på "
                "tværs af målgrupper: I Fokus tilbydes alle borgere et Åben Dialog-møde. 11 "
                "medarbejdere har været på uddannelse i ÅD på tværs af Myndighed og Fokus. "
                "Metoden forsøges udbredt til andre målgrupper end psykisk sårbare.",
                "",
            ),
            (
                3,
                "Fællesskaber",
                "Udvikling af initiativer til at fremme borgernes tilknytning til meningsfulde "
                "fællesskaber og finde løsninger, der kan få borgeren med ind i civilsamfundet "
                "og foreningslivet på lige fod med de øvrige medlemmer.",
                "Synliggørelse af fællesskabstilbud: Arbejdsgruppen deltager i flere af de "
                "temagrupper, der blev nedsat efter Frivilligcenter Slagelses kick-off-møde "
                "'Flere ind i fællesskaber' primo 2020. Der arbejdes fx på en fællesskabsbus "
                "og en app, der synliggør fællesskabstilbud på tværs af ikke-kommunale og "
                "kommunale aktører. Gruppen har bidraget til oplæg til en strategisk "
                "partnerskabsaftale mellem FCS, Folkesundhed og CHP-området.",
                "",
            ),
        ],
    ),
    (
        "Udsathed og Hjemløshed",
        [
            (
                1,
                "Boliger og boligstrategi",
                "I samarbejde med øvrige aktører medvirke til, at boligløsninger til socialt "
                "udsatte indgår i Slagelse Kommunes samlede boligstrategi og handleplan.",
                "Skæve boliger Nordlunden: 9 skæve boliger opført med Slagelse Boligselskab, "
                "indflytning fra 1. august 2021. Bolig- og Planstyrelsen har givet tilsagn om "
                "tilskud til en social vicevært (maks. 270.000 kr. pr. år, 1. august 2021 - "
                "31. juli 2024). Skæve boliger på Holbækvej 16: 8 skæve boliger med KFUM "
                "Sociale Arbejde er i proces; ansøgning om tilskud på USB oktober 2021. "
                "Strategi- og handleplan for boligudfordringer til socialt udsatte: en "
                "tværgående arbejdsgruppe siden november 2019; der er fortsat behov for "
                "boliger til socialt udsatte borgere.",
                "Projektet følges tæt af USB",
            ),
            (
                2,
                "Ældre udsatte og ældre hjemløse",
                "Øget fokus på at samarbejdet med CSÆ fortsat styrkes. Der arbejdes videre med "
                "de gode erfaringer omkring den sociale hjemmepleje og muligheden for at gå "
                "fra prøvehandling til ordinær drift.",
                "Den Sociale Hjemmepleje (DSH) er gået fra projekt til ordinær drift pr. 1. "
                "juli 2021. Det opsøgende gadeteam og gadesygeplejersken modtager fortsat "
                "særligt komplekse sager fra CSÆ; samarbejdet er fint, men det er periodisk en "
                "udfordring at finde det rette match af bolig eller aflastning.",
                "Området følges tæt af USB",
            ),
            (
                3,
                "Unge udsatte",
                "Et mere forebyggende samarbejde på tværs i forhold til overgangen fra ung til "
                "voksen; samarbejdet på tværs af forvaltningerne skal styrkes.",
                "Projekt En Ny Start (ENS) har skabt gode resultater på kort tid. Udbuddet af "
                "boliger, de unge har råd til, er meget lille. Projektet løber frem til den "
                "31. maj 2022.",
                "Der gives en endelig status til USB ved projektets afslutning.",
            ),
            (
                4,
                "Fællesskaber mod ensomhed",
                "Slagelse Kommune ønsker at fastholde og etablere nye fællesskaber for "
                "mennesker i udsatte livspositioner, herunder samarbejde på tværs med NGO- og "
                "brugerorganisationer.",
                "Social Drive Out (SDO), projekt via KFUM Sociale Arbejde: Toften kommer på 11 "
                "faste steder samt ad hoc hos ensomme 1-2 gange ugentligt; projektet løber til "
                "udgangen af 2021. Fællesskaber for §85-borgere i Skælskør, kvindenetværk "
                "(Sand, Kirkens Korshær og Toften), fritidsnetværk og samarbejde med bl.a. "
                "HUS-forbi, Brugernes Akademi, Farmakon, Frynseklinikken, SAND, "
                "gældsrådgivning, den sociale tandpleje og Socialstyrelsen om Housing First.",
                "USB orienteres løbende om samarbejde mellem de forskellige tilbud til "
                "målgruppen, eks. Varmestuen i Korsør, SDO.",
            ),
        ],
    ),
    (
        "Rusmiddelområdet",
        [
            (
                1,
                "Forebyggelse og tidlig opsporing",
                "Følge anbefalingerne fra §17.4-udvalget vedr. forebyggelse af misbrug blandt "
                "unge; videreudvikle Lokalteamets lokalnære og forebyggende tilstedeværelse; "
                "udvide chat-rådgivningen; samarbejdet med SSP og KPE om de 13-18-årige.",
                "Rusmiddelcenteret indgår aktivt i udmøntningen af de 6 anbefalinger fra "
                "§17.4-udvalget. Lokalteamet arbejder med synlig tilstedeværelse, fysisk og "
                "digitalt, bl.a. ved åben rusmiddelrådgivning. Indsatsen for de 13-18-årige "
                "har et stigende antal unge i behandling og samarbejder tæt med SSP og KPE.",
                "",
            ),
            (
                2,
                "Sociale fællesskaber",
                "Støtte brobyggende frivillige indsatser, som kan styrke borgernes sociale "
                "relationer, håb og fremtidsoptimisme.",
                "Rusmiddelcenteret arbejder brobyggende til lokal- og civilsamfundet. Et "
                "gryende samarbejde med Frivilligcenteret er løftestang for en større "
                "strategisk partnerskabsaftale ml. CHP, Frivilligcenteret og Folkesundhed.",
                "",
            ),
            (
                3,
                "Tværgående samarbejder",
                "Styrke de tværgående samarbejder for alle borgere med et misbrug; samarbejdet "
                "mellem jobcenter og rusmiddelområdet; en samarbejdsaftale med Center for Børn "
                "og Unge; fælles strategiske initiativer i klyngesamarbejdet på Vestsjælland.",
                "Styrket samarbejdsaftale med Jobcenteret om Café Backstage; en ny "
                "samarbejdsaftale med Center for Børn og Unge er snart på vej. I det "
                "vestsjællandske klyngesamarbejde arbejdes bl.a. med et muligt mere lokalt "
                "døgntilbud.",
                "",
            ),
        ],
    ),
    (
        "Mental Sundhed",
        [
            (
                1,
                "Samarbejde på tværs",
                "Styrke samarbejdet med Psykiatrien Vest; afklaring af integreret psykiatri "
                "medio 2021; samarbejde med headspace Slagelse.",
                "Regionens psykiatri omlægger den distriktspsykiatriske indsats til udgående "
                "F-ACT-teams i tæt samspil med de kommunale indsatser. USB blev i marts 2021 "
                "orienteret om halvårsrapporten fra headspace og havde på temamødet den 11. "
                "august 2021 besøg af lederen af headspace Slagelse.",
                "",
            ),
            (
                2,
                "Inkluderende fællesskaber",
                "Styrke det strategiske samarbejde med Frivilligcenter Slagelse og "
                "Folkesundhed; en strategisk samarbejdsaftale for CHP, Folkesundhed og "
                "Frivilligcenteret.",
                "CPUS har en formel partnerskabsaftale med Frivilligcenteret og et samarbejde "
                "med Folkesundhed (bl.a. et folkekøkken). Med Rusmiddelcenteret og FOKUS har "
                "CPUS deltaget i projektet 'Sammen til nye fællesskaber'.",
                "",
            ),
            (
                3,
                "Fleksibilitet i egne tilbud",
                "Styrke fleksibiliteten i og på tværs af egne tilbud; afsøge muligheder for et "
                "særligt tilbud til borgere med flere udfordringer og for unge i overgang fra "
                "ung til voksen.",
                "CPUS og Rusmiddelcenteret arbejder på et formelt koordineret samarbejde eller "
                "et fælles tilbud til borgere med dobbeltbelastning. CPUS er tæt på en intern "
                "netværksorganisering af ungeindsatser.",
                "",
            ),
        ],
    ),
    (
        "Slagelse som sælgerkommune",
        [
            (
                1,
                "Kompetencer",
                "Designe konkrete uddannelser med Professionshøjskolen Absalon og "
                "Erhvervsskolen ZBC; afprøvning af 1. hold.",
                "Det første hold med 25 ufaglærte medarbejdere fra ACV og SPS startede på en "
                "tilpasset PA-uddannelse på ZBC ultimo november 2020; nyt hold forventes "
                "okt./nov. 2021. Samarbejdet med Absalon om en tilpasset pædagoguddannelse er "
                "indledt.",
                "USB afholdt den 11. august 2021 internt temamøde med virksomhederne i forhold "
                "til kvalitetsstyrkelse",
            ),
            (
                2,
                "Salg",
                "Styrke og udvikle koordinatornetværket og en indgang for kommunerne til CHP's "
                "tilbudsvifte.",
                "6 virksomheder samt myndighed er repræsenteret i salgskoordinatornetværket. "
                "Der er etableret en fælles hjemmeside målrettet rådgiver og myndighed.",
                "USB følger udviklingspotentialer samt økonomiske udfordringer på "
                "virksomhederne via månedsopfølgningen.",
            ),
            (
                3,
                "Kapacitet",
                "Systematisk opsamling og afdækning af status på kapaciteten.",
                "Masterplan for fremtidens tilbud på handicap- og psykiatriområdet (spor: "
                "kapacitetsbehov, bygningsmæssig kapacitet og kvalitet, kompetente "
                "medarbejdere, omkostningseffektiv drift). Midtvejstemadag november 2021.",
                "Masterplanen fremlægges til beslutning i USB 2. kvartal 2022",
            ),
        ],
    ),
]


def load_targets(stdout, style) -> None:
    title, starts, ends = PERIOD
    period, _ = ReportingPeriod.objects.get_or_create(
        title=title, defaults={"starts": starts, "ends": ends}
    )
    made = 0
    for order, (name, goals) in enumerate(TARGETS):
        target, _ = StrategicTarget.objects.get_or_create(
            title=name, defaults={"order": order, "description": TARGET_DESCRIPTION}
        )
        if not target.description:  # filled where blank; an edited description stays
            target.description = TARGET_DESCRIPTION
            target.save(update_fields=["description"])
        for number, goal_title, description, status, follow_up in goals:
            goal, created = SubGoal.objects.get_or_create(
                target=target,
                number=number,
                defaults={"title": goal_title, "description": description},
            )
            made += created
            SubGoalStatus.objects.get_or_create(
                sub_goal=goal,
                period=period,
                defaults={"status_text": status, "committee_follow_up": follow_up},
            )
    stdout.write(f"  Strategic targets: {made} new sub-goals.")


def load(*, stdout, style) -> None:
    load_plan(stdout, style)
    load_targets(stdout, style)
