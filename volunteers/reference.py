"""Reference data from the seeds (000/001, 004): volunteer roles and training topics.

Only missing rows are created (stable `code`), so edits by coordinators are never overwritten.
Brugerfrivillig is a recruitment channel (Volunteer.Recruitment.VISITOR), not a role.
Bisidder needs vetting, so its sign-up is request-and-confirm (issue 20).
"""

from volunteers.models import TrainingTopic, VolunteerRole

# code, Danish name (the seeds' own words), required for key holders
TOPICS = [
    ("introduction", "Introduktion til varmestuen", True),
    ("supervision", "Sparring og supervision", False),
    ("first-aid-naloxone", "Førstehjælp ved opioidoverdosis (naloxon)", True),
    ("harm-reduction", "Skadesreduktion og de små skridts metode", False),
    ("key-holder", "Nøglebærer: åbning og lukning", True),
    ("bisidder", "Bisidder ved møder med myndigheder", False),
]

# Trainings that run out this many months after the last session (issue 20).
VALID_MONTHS = {"first-aid-naloxone": 24}

# Roles whose places a coordinator confirms (VolunteerRole.SignUp.CONFIRM).
CONFIRMED_ROLES = {"bisidder"}

# code, Danish name, description, required training (code or None)
ROLES = [
    (
        "social-host",
        "Social vært og samtalepartner",
        "Tager imod, skaber ro og samtale (seed 000/001).",
        "introduction",
    ),
    ("practical-helper", "Praktisk medhjælper", "Mad, kaffe, rengøring, tøjvask.", "introduction"),
    ("bisidder", "Bisidder", "Ledsager borgere til møder med myndigheder.", "bisidder"),
    ("vet", "Dyrlægehjælp", "Frivillig specialist.", None),
    ("hairdresser", "Frisør", "Frivillig specialist.", None),
    ("dental-care", "Tandpleje", "Frivillig specialist.", None),
    ("foot-care", "Fodterapi", "Frivillig specialist.", None),
]


def load(*, stdout, style) -> None:
    topics = {}
    created = 0
    for code, name, for_key_holders in TOPICS:
        topic, was_created = TrainingTopic.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "required_for_key_holders": for_key_holders,
                # The seeds do not say which trainings key holders need (issue 18).
                "key_holder_requirement_to_be_confirmed": True,
                "valid_months": VALID_MONTHS.get(code),
            },
        )
        topics[code] = topic
        created += was_created
    for code, name, description, training in ROLES:
        _role, was_created = VolunteerRole.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "required_training": topics.get(training) if training else None,
                "signup": VolunteerRole.SignUp.CONFIRM
                if code in CONFIRMED_ROLES
                else VolunteerRole.SignUp.INSTANT,
            },
        )
        created += was_created
    stdout.write(f"Volunteers: {created} roles and training topics added.")
