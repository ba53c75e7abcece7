"""Words the demo generator draws from: names, industries, departments and titles per level.

Titles per level are chosen so that :func:`graph.rules.titles.infer_rank` gives back the
level they were generated for (a unit test holds every one of them to that).
"""

from __future__ import annotations

import random
from typing import Final

FIRST_NAMES: Final = (
    "Ada", "Ahmed", "Aiko", "Alba", "Amara", "Anders", "Ana", "Arjun", "Beatriz", "Ben",
    "Camille", "Carlos", "Chen", "Chloe", "Dara", "David", "Elena", "Emeka", "Emil", "Eva",
    "Farah", "Felix", "Fatima", "Giulia", "Hana", "Hugo", "Ines", "Ivan", "Jakob", "Jana",
    "Jonas", "Julia", "Kai", "Karin", "Kofi", "Lara", "Leon", "Lina", "Luca", "Maja",
    "Marco", "Maria", "Mateo", "Mei", "Mia", "Nadia", "Nils", "Noah", "Olga", "Omar",
    "Paula", "Pedro", "Priya", "Rafael", "Rosa", "Sami", "Sara", "Sofia", "Tariq", "Tess",
    "Tomas", "Uma", "Vera", "Viktor", "Wei", "Yara", "Yusuf", "Zoe",
)  # fmt: skip

LAST_NAMES: Final = (
    "Adeyemi", "Andersen", "Bauer", "Becker", "Bianchi", "Costa", "Dubois", "Eriksson",
    "Fischer", "Garcia", "Haddad", "Hansen", "Hoffmann", "Ivanova", "Jansen", "Kaur",
    "Keller", "Kim", "Kowalski", "Laurent", "Lee", "Lindqvist", "Lopez", "Martin", "Meyer",
    "Moreau", "Mueller", "Nakamura", "Novak", "Okafor", "Olsen", "Patel", "Peeters",
    "Petrov", "Rossi", "Santos", "Schmidt", "Silva", "Singh", "Suzuki", "Tanaka", "Torres",
    "Varga", "Wagner", "Walker", "Wang", "Weber", "Wong", "Yilmaz", "Zhang",
)  # fmt: skip

NAME_STEMS: Final = (
    "Northwind", "Bluefin", "Crestline", "Ironbridge", "Lumen", "Meridian", "Nordlicht",
    "Oakridge", "Polaris", "Quartz", "Redwood", "Silverlake", "Tidewater", "Vanguard",
    "Westhaven", "Altamira", "Brightwater", "Cobalt", "Evergreen", "Granite", "Helios",
    "Juniper", "Kestrel", "Larch", "Monarch", "Nimbus", "Orion", "Pinnacle", "Sable",
    "Summit",
)  # fmt: skip

INDUSTRIES: Final = (
    ("Logistics", "Logistics"),
    ("Manufacturing", "Industries"),
    ("Banking", "Bank"),
    ("Insurance", "Insurance"),
    ("Healthcare", "Health"),
    ("Retail", "Retail"),
    ("Energy", "Energy"),
    ("Telecommunications", "Telecom"),
    ("Pharmaceuticals", "Pharma"),
    ("Software", "Software"),
    ("Public sector", "Agency"),
    ("Automotive", "Motors"),
)

LEGAL_FORMS: Final = ("AG", "GmbH", "Ltd", "Inc.", "SA", "BV", "AB", "plc", "S.p.A.", "Group")

COUNTRIES: Final = (
    ("DE", "EMEA"), ("FR", "EMEA"), ("GB", "EMEA"), ("NL", "EMEA"), ("SE", "EMEA"),
    ("CH", "EMEA"), ("IT", "EMEA"), ("ES", "EMEA"), ("US", "AMER"), ("CA", "AMER"),
    ("BR", "AMER"), ("JP", "APAC"), ("SG", "APAC"), ("AU", "APAC"), ("IN", "APAC"),
)  # fmt: skip

TECHNOLOGIES: Final = (
    "SAP", "Salesforce", "Microsoft 365", "Google Workspace", "AWS", "Azure", "GCP",
    "Snowflake", "Databricks", "ServiceNow", "Workday", "Oracle", "Kubernetes", "Tableau",
    "HubSpot", "Slack", "Jira",
)  # fmt: skip

NEEDS: Final = (
    "cost reduction", "faster onboarding", "compliance", "visibility", "automation",
    "risk reduction", "growth", "integration", "security", "reporting",
)  # fmt: skip

TAGS: Final = (
    "analytical", "driver", "amiable", "expressive", "early adopter", "pragmatist",
    "conservative", "sceptic", "networker", "detail-oriented",
)  # fmt: skip

# (department, C-suite title, the individual contributor's role)
DEPARTMENTS: Final = (
    ("Finance", "Chief Financial Officer", "Financial Analyst"),
    ("IT", "Chief Information Officer", "Systems Engineer"),
    ("Engineering", "Chief Technology Officer", "Software Engineer"),
    ("Operations", "Chief Operating Officer", "Operations Analyst"),
    ("Marketing", "Chief Marketing Officer", "Marketing Specialist"),
    ("Sales", "Chief Revenue Officer", "Account Executive"),
    ("Procurement", "Chief Procurement Officer", "Buyer"),
    ("Human Resources", "Chief People Officer", "HR Generalist"),
    ("Legal", "Chief Legal Officer", "Legal Counsel"),
)

BOARD_TITLES: Final = ("Chair of the Board", "Founder & Owner")
CEO_TITLE: Final = "Chief Executive Officer"


def title_for(level: int, department: str, role: str, pick: int) -> str:
    """A job title at ``level`` in ``department``; ``pick`` chooses among the variants."""
    variants: tuple[str, ...]
    if level == 5:
        variants = (f"VP {department}", f"Head of {department}", f"Vice President, {department}")
    elif level == 4:
        variants = (f"Director of {department}", f"{department} Director")
    elif level == 3:
        variants = (f"{department} Manager", f"Team Lead, {department}")
    elif level == 2:
        variants = (f"Senior {role}", f"Principal {role}")
    else:
        variants = (role, f"Associate {role}" if role != "Buyer" else "Junior Buyer")
    return variants[pick % len(variants)]


_STAKE_EVIDENCE: Final = {
    "gains": (
        "would lead the rollout and present the results to the board",
        "the project gives {dept} a visible win this year",
        "asked for this capability in the last planning round",
        "would own the new budget line",
    ),
    "neutral": (
        "no change to their remit either way",
        "uses the current tool lightly; indifferent to the switch",
    ),
    "loses": (
        "owns the system this would replace",
        "budget moves from {dept} to the project",
        "chose the incumbent vendor three years ago",
        "their team's manual process goes away",
    ),
}


def stake_evidence(outcome: str, department: str, rng: random.Random) -> str:
    """Why we think the deal raises or lowers someone in ``department`` (``outcome``)."""
    return rng.choice(_STAKE_EVIDENCE[outcome]).format(dept=department)
