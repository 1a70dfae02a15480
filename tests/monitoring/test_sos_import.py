"""A CSV of Signs of Safety scores lands whole or not at all, with Dutch errors per row and column."""

import pytest

from monitoring.models import SosScore
from monitoring.services import GeenBevoegdheid, import_sos_csv
from portal.models import AuditEvent, Rol

from .factories import SosScoreFactory

KOP = "traject;interventie;wijk;moment;perspectief;score;datum"
GOED = [
    "ALM-2025-0001;test-stevig;WK003401;start;hulpverlener;3;2025-02-01",
    "ALM-2025-0001;test-stevig;WK003401;start;ouder;4;2025-02-01",
    "ALM-2025-0001;Test Stevig Ouderschap;Haven;afsluiting;hulpverlener;7;01-11-2025",
    "ALM-2025-0002;test-stevig;wk003402;Start;Ouder;5;2025-02-03",
    "ALM-2025-0003;Buurtgezinnen;Buiten;tussentijds;kind;6;03/06/2025",
]


def csv(*regels: str, kop: str = KOP) -> bytes:
    return ("\n".join([kop, *regels]) + "\n").encode("utf-8")


@pytest.fixture
def importeer(regio, wijken, stevig, wijkprof, utrechtse_wijk):
    def run(data: bytes):
        return import_sos_csv(data, regio, wijkprof, "scores.csv")

    return run


def test_a_good_file_is_imported(importeer, regio, stevig, wijken, wijkprof):
    resultaat = importeer(csv(*GOED))

    assert resultaat.geslaagd, resultaat.meldingen
    assert (resultaat.rijen, resultaat.nieuw, resultaat.gewijzigd) == (5, 5, 0)
    assert SosScore.objects.filter(regio=regio).count() == 5
    eerste = SosScore.objects.get(traject="ALM-2025-0001", moment="afsluiting")
    assert eerste.interventie == stevig and eerste.wijk == wijken[0]
    assert eerste.score == 7 and str(eerste.datum) == "2025-11-01"
    assert eerste.vastgelegd_door == wijkprof
    programma = SosScore.objects.get(traject="ALM-2025-0003")
    assert programma.interventie is None and programma.programma == "Buurtgezinnen"
    assert programma.wijk == wijken[2] and programma.perspectief == "kind"
    assert resultaat.waarschuwingen == [
        "'Buurtgezinnen' staat niet in de catalogus van interventies en is als programma "
        "opgeslagen."
    ]
    gebeurtenis = AuditEvent.objects.get(type="sos_geimporteerd")
    assert gebeurtenis.actor == wijkprof and gebeurtenis.details["nieuw"] == 5
    assert "ALM-2025" not in gebeurtenis.omschrijving  # no trajectory codes in the log


def test_importing_the_same_file_again_changes_nothing(importeer, regio):
    importeer(csv(*GOED))
    voor = list(SosScore.objects.order_by("pk").values())

    resultaat = importeer(csv(*GOED))

    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 0, 5)
    assert list(SosScore.objects.order_by("pk").values()) == voor


def test_a_corrected_score_is_updated_in_place(importeer, regio):
    importeer(csv(*GOED))
    gecorrigeerd = [GOED[0].replace(";3;", ";4;"), *GOED[1:]]
    resultaat = importeer(csv(*gecorrigeerd))
    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 1, 4)
    assert (
        SosScore.objects.get(
            traject="ALM-2025-0001", moment="start", perspectief="hulpverlener"
        ).score
        == 4
    )
    assert SosScore.objects.count() == 5


def test_one_bad_row_refuses_the_whole_file(importeer):
    slecht = "ALM-2025-0009;test-stevig;WK003401;start;ouder;11;2025-02-01"
    resultaat = importeer(csv(*GOED[:2], slecht, *GOED[2:]))

    assert not resultaat.geslaagd
    assert SosScore.objects.count() == 0
    assert not AuditEvent.objects.filter(type="sos_geimporteerd").exists()
    (probleem,) = resultaat.problemen
    assert (probleem.rij, probleem.kolom) == (4, "score")  # the header is row 1
    assert resultaat.meldingen == [
        "Rij 4, kolom score: '11' is geen score; een score is een geheel getal van 0 tot en met 10."
    ]


@pytest.mark.parametrize(
    "rij, kolom, melding",
    [
        (
            "ALM-2025-0009;test-stevig;WK009999;start;ouder;5;2025-02-01",
            "wijk",
            "De wijkcode WK009999 is onbekend.",
        ),
        (
            "ALM-2025-0009;test-stevig;WK034401;start;ouder;5;2025-02-01",
            "wijk",
            "De wijk WK034401 ligt niet in Regio Eigen.",
        ),
        (
            "ALM-2025-0009;test-stevig;Nergenshuizen;start;ouder;5;2025-02-01",
            "wijk",
            "De wijk 'Nergenshuizen' is in Regio Eigen niet bekend",
        ),
        (
            "ALM-2025-0009;test-stevig;WK003401;start;ouder;-1;2025-02-01",
            "score",
            "'-1' is geen score",
        ),
        (
            "ALM-2025-0009;test-stevig;WK003401;start;ouder;6,5;2025-02-01",
            "score",
            "geheel getal van 0 tot en met 10",
        ),
        (
            "ALM-2025-0009;test-stevig;WK003401;start;ouder;zeven;2025-02-01",
            "score",
            "'zeven' is geen score",
        ),
        (
            "ALM-2025-0009;test-stevig;WK003401;halverwege;ouder;5;2025-02-01",
            "moment",
            "kies start, tussentijds of afsluiting",
        ),
        (
            "ALM-2025-0009;test-stevig;WK003401;start;oma;5;2025-02-01",
            "perspectief",
            "kies hulpverlener, ouder of kind",
        ),
        (
            "Jan Jansen;test-stevig;WK003401;start;ouder;5;2025-02-01",
            "traject",
            "naam van een persoon",
        ),
        (
            "ALM-123456782;test-stevig;WK003401;start;ouder;5;2025-02-01",
            "traject",
            "burgerservicenummer",
        ),
        (
            "ALM-12-03-2015;test-stevig;WK003401;start;ouder;5;2025-02-01",
            "traject",
            "geboortedatum",
        ),
        ("Kerkstraat 12;test-stevig;WK003401;start;ouder;5;2025-02-01", "traject", "adres"),
        (
            "ALM-2025-0009;test-stevig;WK003401;start;ouder;5;31-02-2025",
            "datum",
            "'31-02-2025' is geen datum",
        ),
        (
            "ALM-2025-0009;test-stevig;WK003401;start;ouder;5;2099-01-01",
            "datum",
            "ligt in de toekomst",
        ),
        (
            'ALM-2025-0009;=HYPERLINK("x");WK003401;start;ouder;5;2025-02-01',
            "interventie",
            "lijkt op een formule",
        ),
        (
            "ALM-2025-0009;test-stevig;@SUM(A1);start;ouder;5;2025-02-01",
            "wijk",
            "lijkt op een formule",
        ),
        (
            "ALM-2025-0009;;WK003401;start;ouder;5;2025-02-01",
            "interventie",
            "Vul de interventie of het programma in.",
        ),
        (
            "ALM-2025-0009;Mevrouw Jansen;WK003401;start;ouder;5;2025-02-01",
            "interventie",
            "naam van een persoon",
        ),
        (GOED[1], "traject", "Deze score staat ook in rij 3"),
        (
            "ALM-2025-0001;test-stevig;WK003402;tussentijds;ouder;5;2025-05-01",
            "traject",
            "een traject hoort bij één interventie en één wijk",
        ),
    ],
)
def test_every_kind_of_problem_names_its_row_and_column(importeer, rij, kolom, melding):
    resultaat = importeer(csv(*GOED, rij))

    assert not resultaat.geslaagd
    assert SosScore.objects.count() == 0
    assert {(p.rij, p.kolom) for p in resultaat.problemen} == {(7, kolom)}
    assert any(melding in p.melding for p in resultaat.problemen)
    assert resultaat.meldingen[0].startswith(f"Rij 7, kolom {kolom}: ")


def test_all_problems_are_reported_at_once(importeer):
    resultaat = importeer(
        csv(
            "ALM-2025-0001;test-stevig;WK003401;start;ouder;12;2025-02-01",
            "Jansen;test-stevig;WK999999;einde;ouder;5;gisteren",
        )
    )
    assert [(p.rij, p.kolom) for p in resultaat.problemen] == [
        (2, "score"),
        (3, "traject"),
        (3, "traject"),  # a word that may be a name, and no digit
        (3, "wijk"),
        (3, "datum"),
    ]


def test_a_trajectory_recorded_before_under_another_wijk(importeer, regio, wijken, stevig):
    SosScoreFactory(
        regio=regio,
        traject="ALM-2025-0001",
        interventie=stevig,
        wijk=wijken[1],
        moment="tussentijds",
    )
    resultaat = importeer(csv(*GOED))
    assert [(p.rij, p.kolom) for p in resultaat.problemen] == [(2, "traject")]
    assert "eerder vastgelegd bij Test Stevig Ouderschap / Stad" in resultaat.problemen[0].melding
    assert SosScore.objects.count() == 1


def test_comma_separated_with_a_bom_or_in_windows_1252(importeer, regio):
    regels = [r.replace(";", ",") for r in GOED[:2]] + [
        "ALM-2025-0004,Gezinscoaching café,WK003401,start,ouder,5,2025-02-01"
    ]
    tekst = "\n".join([KOP.replace(";", ","), *regels]) + "\n"
    resultaat = importeer(b"\xef\xbb\xbf" + tekst.encode("utf-8"))
    assert resultaat.geslaagd and resultaat.nieuw == 3
    resultaat = importeer(tekst.encode("cp1252"))
    assert resultaat.geslaagd and resultaat.ongewijzigd == 3
    assert SosScore.objects.get(traject="ALM-2025-0004").programma == "Gezinscoaching café"


def test_a_missing_column_or_an_unreadable_file(importeer):
    resultaat = importeer(csv(GOED[0].rsplit(";", 1)[0], kop=KOP.rsplit(";", 1)[0]))
    assert resultaat.meldingen[0].startswith("Kolom datum: De kolom 'datum' ontbreekt.")
    assert importeer(b"").meldingen == ["Het bestand is leeg."]
    assert "binair bestand" in importeer(b"PK\x03\x04rest").meldingen[0]
    assert importeer(csv()).meldingen == ["Het bestand heeft een kop maar geen gegevens."]
    assert SosScore.objects.count() == 0


@pytest.mark.parametrize("rol", [Rol.LEZER, Rol.BESTUURDER, Rol.BELEIDSMEDEWERKER])
def test_only_wijkprofessionals_of_the_regio_import_scores(regio, wijken, stevig, lid, rol):
    with pytest.raises(GeenBevoegdheid):
        import_sos_csv(csv(*GOED), regio, lid(rol))
    assert SosScore.objects.count() == 0
