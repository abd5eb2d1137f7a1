"""Demo content around the real agenda of 5 February 2021: the council, its people, the meetings
before and after it. Everything here that is not in the printed agenda is invented for the demo
and says so."""

import datetime

from agendas import services
from kkr.models import Membership

COUNCIL = {
    "name": "KKR Nordjylland",
    "slug": "kkr-nordjylland",
    "mission": "KL bidrager til at udvikle og fastholde et stærkt lokalt demokrati. KL varetager kommunernes "
    "fælles interesser og er kommunernes samlede forhandlingsorganisation, videnscenter og forum for fælles "
    "initiativer og beslutninger.",
    "vision": "KL opnår, med et helhedsperspektiv på opgaveløsningen, indflydelse og resultater på "
    "kommunernes vegne, til gavn for borgerne og samfundet.",
}

MUNICIPALITIES = [
    "Aalborg",
    "Brønderslev",
    "Frederikshavn",
    "Hjørring",
    "Jammerbugt",
    "Læsø",
    "Mariagerfjord",
    "Morsø",
    "Rebild",
    "Thisted",
    "Vesthimmerland",
]

# (name, party letter or "" for løsgænger, municipality)
PEOPLE = [
    ("Arne Boelt", "A", "Hjørring"),
    ("Mogens Christen Gade", "V", "Jammerbugt"),
    ("Karsten Frederiksen", "C", "Brønderslev"),
    ("Vibeke Merete Gamst", "C", "Aalborg"),
    ("Lene Aalestrup", "C", "Rebild"),
    # Left the Conservatives on 15 January 2021 and is now løsgænger (agenda item 4.1): the demo records
    # the change with kkr.demo.register.
    ("Line Vanggaard Pedersen", "C", "Brønderslev"),
]

TERM_START = datetime.date(2018, 1, 1)
Role = Membership.Role
# (person, role, substitute for) from the start of the term. Karsten Frederiksen's leaving, which moves
# Vibeke Merete Gamst up, is played through the register's services (kkr.demo.register).
MEMBERSHIPS = [
    ("Arne Boelt", Role.CHAIR, None),
    ("Mogens Christen Gade", Role.VICE_CHAIR, None),
    ("Karsten Frederiksen", Role.MEMBER, None),
    ("Vibeke Merete Gamst", Role.SUBSTITUTE, "Karsten Frederiksen"),
]

# Demo log-ins, created by load_demo only. The member account belongs to the vice-chair so that it
# sees what a member sees, closed items included.
SECRETARIAT_USER = {
    "username": "sekretariat",
    "password": "demo-sekretariat",
    "first_name": "Demo-sekretariat",
    "email": "sekretariat@example.org",
}
# The secretariat must give a second factor (accounts.secondfactor): the demo's authenticator key is
# published with its password (`manage.py demo_code` prints the current code).
SECRETARIAT_TOTP_SECRET = "KKRDEMOSEKRETARIAT234567"
# With an address, publishing shows the members' e-mail in the console (or sends it through SMTP_HOST).
MEMBER_USER = {
    "username": "medlem",
    "password": "demo-medlem",
    "person": "Mogens Christen Gade",
    "email": "medlem@example.org",
}

# Item proposals (proposals app): a case handler who drafts items for KKR Nordjylland, and the reviewer
# who approves them in the council's one review step.
HANDLER_USER = {
    "username": "sagsbehandler",
    "password": "demo-sagsbehandler",
    "first_name": "Demo-sagsbehandler",
    "email": "sagsbehandler@example.org",
    "initials": "hast",
}
REVIEWER_USER = {
    "username": "godkender",
    "password": "demo-godkender",
    "first_name": "Demo-godkender",
    "email": "godkender@example.org",
}
REVIEW_STEPS = 1

CASE_NUMBER = "SAG-2021-00512"

# Invented for the demo: proposals for the meeting of 23 April 2021 (deadline 9 April at 12:00), one in
# each of the states before the agenda: (title, state, submitted on).
PROPOSALS = [
    ("Trafikplan for Nordjylland – høringssvar", "draft", None),
    ("Sundhedsaftalen 2019-2023 – status", "submitted", datetime.datetime(2021, 4, 6, 9, 30)),
    ("Fælles mål for beskæftigelsesindsatsen 2021", "approved", datetime.datetime(2021, 4, 1, 14, 0)),
]

# The standard KKR agenda's sections, as new meetings get them.
STANDARD_SECTIONS = services.STANDARD_SECTIONS

NOTED = "<p>Det indstilles, at KKR Nordjylland tager orienteringen til efterretning.</p>"

FEB_5 = datetime.date(2021, 2, 5)

# The printed agenda's cover is not part of the seed, so times and places are demo values.
MEETINGS = [
    {
        "date": datetime.date(2020, 11, 13),
        "start_time": datetime.time(9, 0),
        "place": "Demo: Aalborg Rådhus",
        "kind": "ordinary",
        "agenda_sent_on": datetime.date(2020, 11, 6),
        "published": True,
        # Sent on 20 November 2020, approved under item 1.1 on 5 February 2021 (the seed).
        "minutes": {"status": "approved", "sent_on": datetime.date(2020, 11, 20), "approved_on": FEB_5},
        "sections": [
            (
                "Godkendelse af referat",
                [
                    {
                        "title": "Godkendelse af dagsorden",
                        "case_handler": "hast",
                        "recommendation": "<p>Det indstilles, at dagsorden til KKR Nordjyllands møde den "
                        "13. november 2020 godkendes.</p>",
                    }
                ],
                "minutes_approval",
            ),
            ("Siden sidst", []),
            (
                "Regionalpolitiske sager",
                [
                    {
                        "title": "Demo: Orientering om kommunernes budgetter for 2021",
                        "case_handler": "hlth",
                        "background": "<p>Demo-punkt skrevet til portalens demodata: KKR Nordjylland "
                        "orienteres om de vedtagne budgetter i de nordjyske kommuner.</p>",
                        "recommendation": NOTED,
                    }
                ],
            ),
            ("Udpegninger", [], "appointments"),
            ("KKR", []),
            ("Punkter til næste møde", [], "next_meeting"),
            ("Eventuelt", []),
        ],
    },
    {
        "date": datetime.date(2021, 1, 15),
        "start_time": datetime.time(8, 0),
        "end_time": datetime.time(9, 0),
        "place": "Demo: virtuelt møde",
        "kind": "extraordinary",
        "agenda_sent_on": datetime.date(2021, 1, 11),
        "published": True,
        "minutes": {"status": "approved", "sent_on": datetime.date(2021, 1, 21), "approved_on": FEB_5},
        "sections": [
            (
                "Godkendelse af dagsorden",
                [
                    {
                        "title": "Godkendelse af dagsorden",
                        "case_handler": "hast",
                        "recommendation": "<p>Det indstilles, at dagsorden til det ekstraordinære møde den "
                        "15. januar 2021 godkendes.</p>",
                    }
                ],
            ),
            (
                "Sager",
                [
                    {
                        "title": "Demo: Status på vaccinationsindsatsen",
                        "case_handler": "hlth",
                        "background": "<p>Demo-punkt skrevet til portalens demodata. Kommunerne orienterer "
                        "hinanden om planlægningen af vaccinationscentre i Nordjylland.</p>",
                        "recommendation": NOTED,
                        "presentation": "<p>Formandskabet indleder punktet. Teksten er opfundet til "
                        "demonstration og gengiver ikke et rigtigt møde.</p>",
                    },
                    {
                        "title": "Demo: Fortrolig personalesag",
                        "case_handler": "hast",
                        "is_closed": True,
                        "background": "<p>Demo-lukket punkt: denne tekst må kun ses af rådets medlemmer og "
                        "sekretariatet. Ordet KODEORD-LUKKET står her, så testene kan se, at teksten aldrig "
                        "når offentligheden.</p>",
                        "recommendation": "<p>Det indstilles, at KKR Nordjylland drøfter sagen.</p>",
                        "presentation": "<p>Sagsfremstillingen er opfundet til portalens demodata.</p>",
                        "attachments": [("Demo: Fortroligt notat om personalesagen", True)],
                    },
                ],
            ),
        ],
    },
    {
        "date": datetime.date(2021, 2, 5),
        "start_time": datetime.time(8, 30),
        "place": "Demo: virtuelt møde",
        "kind": "ordinary",
        "agenda_sent_on": datetime.date(2021, 1, 29),
        "published": True,
        "sections": "seed",
    },
    {
        "date": datetime.date(2021, 4, 23),
        "start_time": datetime.time(9, 0),
        "place": "Demo: Aalborg Rådhus",
        "kind": "ordinary",
        "agenda_sent_on": None,
        "published": False,
        "sections": "next",
    },
]
