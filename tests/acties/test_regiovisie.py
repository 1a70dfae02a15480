"""The regiovisie's life cycle: versions, optimistic locking, frozen states, the next cycle."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from acties import services
from acties.models import (
    AandachtspuntUitwerking,
    Actie,
    Interventie,
    Partner,
    PreventieveActie,
    Regiovisie,
    Status,
    Sturingsinstrument,
)
from portal.models import AuditEvent, AuditEventType, Rol
from risicofactoren.models import Risicofactor
from tests.factories import (
    ActieFactory,
    DoelFactory,
    DoelgroepFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept(regio, beleid):
    return services.nieuwe_regiovisie(regio, beleid, jaar=2025)


def vastgesteld(regiovisie, beleid, bestuurder):
    services.ter_vaststelling_aanbieden(regiovisie, beleid)
    return services.vaststellen(regiovisie, bestuurder)


# --- creating -----------------------------------------------------------------------------------


def test_a_new_regiovisie_is_a_concept_with_every_aandachtspunt(concept, regio, beleid):
    assert concept.status == Status.CONCEPT and concept.is_bewerkbaar
    assert concept.versie == 1 and concept.vorige is None and concept.stap == 0
    assert concept.lock_version == 0
    assert regio.naam in concept.titel and "2025" in concept.titel
    assert concept.aangemaakt_door == beleid
    assert concept.aandachtspunten.count() == 7
    event = AuditEvent.objects.get(type=AuditEventType.PLAN_CHANGED)
    assert event.regio == regio and event.details["regiovisie_id"] == concept.pk


def test_one_version_in_progress_per_regio(concept, regio, beleid):
    with pytest.raises(services.OpenVersieBestaat):
        services.nieuwe_regiovisie(regio, beleid)
    assert Regiovisie.objects.filter(regio=regio).count() == 1


@pytest.mark.parametrize("rol", [Rol.LEZER, Rol.BESTUURDER, Rol.WIJKPROFESSIONAL])
def test_only_beleidsmedewerkers_and_beheerders_start_a_regiovisie(regio, lid, rol):
    with pytest.raises(services.GeenBevoegdheid):
        services.nieuwe_regiovisie(regio, lid(rol))
    assert not Regiovisie.objects.exists()
    assert services.nieuwe_regiovisie(regio, lid(Rol.BEHEERDER)).status == "concept"


def test_a_beleidsmedewerker_of_another_regio_cannot_edit(concept, andere_regio, lid):
    buitenstaander = lid(Rol.BELEIDSMEDEWERKER, in_regio=andere_regio)
    with pytest.raises(services.GeenBevoegdheid):
        services.opslaan(concept.pk, concept.lock_version, {"visie": "Van buiten"}, buitenstaander)
    concept.refresh_from_db()
    assert concept.visie == "" and concept.lock_version == 0


# --- optimistic locking -------------------------------------------------------------------------


def test_a_save_raises_the_lock_version_and_is_logged(concept, beleid):
    opgeslagen = services.opslaan(concept.pk, 0, {"visie": "Elk kind veilig", "stap": 3}, beleid)
    assert opgeslagen.lock_version == 1
    concept.refresh_from_db()
    assert concept.visie == "Elk kind veilig" and concept.stap == 3
    assert concept.gewijzigd_door == beleid
    event = AuditEvent.objects.filter(type=AuditEventType.PLAN_CHANGED).first()
    assert event.details["onderdelen"] == ["stap", "visie"]
    assert "Elk kind veilig" not in event.omschrijving  # names what changed, not the text


def test_a_second_save_with_the_old_lock_version_is_refused_and_changes_nothing(
    concept, beleid, lid
):
    collega = lid(Rol.BELEIDSMEDEWERKER, first_name="Sanne", last_name="Collega")
    # Both opened step 3 at lock_version 0; the colleague saves first.
    services.opslaan(concept.pk, 0, {"visie_preventie": "Tekst van Sanne"}, collega)
    with pytest.raises(services.GelijktijdigGewijzigd) as fout:
        services.opslaan(concept.pk, 0, {"visie_preventie": "Mijn tekst"}, beleid)
    assert "Sanne Collega" in str(fout.value) and "niet opgeslagen" in str(fout.value)
    assert fout.value.lock_version == 1
    concept.refresh_from_db()
    assert concept.visie_preventie == "Tekst van Sanne"
    assert concept.lock_version == 1 and concept.gewijzigd_door == collega
    # With the current number the save goes through.
    services.opslaan(concept.pk, 1, {"visie_preventie": "Mijn tekst"}, beleid)
    concept.refresh_from_db()
    assert concept.visie_preventie == "Mijn tekst" and concept.lock_version == 2


def test_child_rows_saved_in_a_refused_edit_are_not_written(concept, beleid):
    services.opslaan(concept.pk, 0, {"titel": "Eerst"}, beleid)
    bewerking = services.bewerking(concept.pk, 0, beleid, onderdelen=["partners"])
    with pytest.raises(services.GelijktijdigGewijzigd), bewerking:
        Partner.objects.create(regiovisie=concept, soort="politie", naam="Politie")
    assert not Partner.objects.exists()


def test_an_error_inside_an_edit_rolls_back_children_and_lock(concept, beleid):
    with (
        pytest.raises(RuntimeError),
        services.bewerking(concept.pk, 0, beleid, onderdelen=["partners"]) as rv,
    ):
        Partner.objects.create(regiovisie=rv, soort="politie", naam="Politie")
        raise RuntimeError("formset ongeldig")
    concept.refresh_from_db()
    assert concept.lock_version == 0 and not Partner.objects.exists()
    with services.bewerking(concept.pk, 0, beleid, onderdelen=["partners"]) as rv:
        Partner.objects.create(regiovisie=rv, soort="politie", naam="Politie")
    concept.refresh_from_db()
    assert concept.lock_version == 1 and Partner.objects.count() == 1


def test_stap_only_moves_forward(concept, beleid):
    rv = services.opslaan(concept.pk, 0, {"stap": 5}, beleid)
    rv = services.opslaan(concept.pk, rv.lock_version, {"stap": 2}, beleid)
    assert rv.stap == 5


def test_invalid_values_are_refused_without_raising_the_lock(concept, beleid):
    with pytest.raises(ValidationError):
        services.opslaan(concept.pk, 0, {"stap": 9}, beleid)
    with pytest.raises(ValidationError):
        services.opslaan(concept.pk, 0, {"titel": ""}, beleid)
    concept.refresh_from_db()
    assert concept.lock_version == 0 and concept.stap == 0


def test_only_the_documents_own_fields_can_be_saved(concept, beleid):
    with pytest.raises(ValueError, match="status"):
        services.opslaan(concept.pk, 0, {"status": Status.VASTGESTELD}, beleid)


# --- ter vaststelling and vastgesteld -----------------------------------------------------------


def test_ter_vaststelling_is_frozen_until_sent_back(concept, beleid, bestuurder):
    services.ter_vaststelling_aanbieden(concept, beleid)
    assert concept.status == Status.TER_VASTSTELLING and not concept.is_bewerkbaar
    with pytest.raises(services.NietBewerkbaar, match="ter vaststelling"):
        services.opslaan(concept.pk, concept.lock_version, {"visie": "Nog iets"}, beleid)
    services.terug_naar_concept(concept, bestuurder)
    assert concept.status == Status.CONCEPT
    services.opslaan(concept.pk, concept.lock_version, {"visie": "Nog iets"}, beleid)


def test_a_vastgestelde_version_is_read_only(concept, beleid, bestuurder):
    rv = vastgesteld(concept, beleid, bestuurder)
    assert rv.status == Status.VASTGESTELD and rv.is_vastgesteld and not rv.is_bewerkbaar
    assert rv.vastgesteld_door == bestuurder and rv.vastgesteld_op is not None
    with pytest.raises(services.NietBewerkbaar, match="vastgesteld"):
        services.opslaan(rv.pk, rv.lock_version, {"visie": "Achteraf"}, beleid)
    with pytest.raises(services.NietBewerkbaar), services.bewerking(rv.pk, rv.lock_version, beleid):
        pass  # pragma: no cover
    with pytest.raises(services.OngeldigeStatus):
        services.terug_naar_concept(rv, bestuurder)
    with pytest.raises(services.OngeldigeStatus):
        services.vaststellen(rv, bestuurder)
    rv.refresh_from_db()
    assert rv.visie == "" and rv.status == Status.VASTGESTELD
    assert AuditEvent.objects.filter(type=AuditEventType.PLAN_VASTGESTELD).count() == 1


def test_only_a_bestuurder_sets_a_regiovisie(concept, beleid, bestuurder):
    services.ter_vaststelling_aanbieden(concept, beleid)
    with pytest.raises(services.GeenBevoegdheid):
        services.vaststellen(concept, beleid)
    services.vaststellen(concept, bestuurder)
    assert concept.status == Status.VASTGESTELD


def test_a_concept_must_be_offered_before_it_is_set(concept, bestuurder):
    with pytest.raises(services.OngeldigeStatus):
        services.vaststellen(concept, bestuurder)
    concept.refresh_from_db()
    assert concept.status == Status.CONCEPT


def test_the_bestuurder_does_not_set_a_version_changed_after_reading_it(
    concept, beleid, bestuurder
):
    services.ter_vaststelling_aanbieden(concept, beleid)
    gelezen = concept.lock_version
    services.terug_naar_concept(concept, beleid)
    rv = services.opslaan(concept.pk, concept.lock_version, {"visie": "Anders"}, beleid)
    services.ter_vaststelling_aanbieden(rv, beleid)
    with pytest.raises(services.GelijktijdigGewijzigd):
        services.vaststellen(rv, bestuurder, lock_version=gelezen)
    services.vaststellen(rv, bestuurder, lock_version=rv.lock_version)
    assert rv.is_vastgesteld


# --- the next cycle ------------------------------------------------------------------------------


def test_the_next_cycle_copies_everything(concept, regio, beleid, bestuurder, almere):
    services.opslaan(
        concept.pk,
        0,
        {"situatieschets": "Schets", "visie": "Visie", "visie_intervenieren": "Snel erbij"},
        beleid,
    )
    veilig_thuis = PartnerFactory(regiovisie=concept, naam="Veilig Thuis")
    jgz = PartnerFactory(regiovisie=concept, soort="jgz", naam="GGD JGZ", contactrol="Teamleider")
    doel = DoelFactory(regiovisie=concept, meetwijze="Jaarlijkse registratie JGZ")
    factor = Risicofactor.objects.first()
    groep = DoelgroepFactory(regiovisie=concept, naam="Jonge ouders", omschrijving="Onder 23")
    groep.risicofactoren.add(factor)
    groep.wijken.add(almere[0])
    actie = ActieFactory(
        regiovisie=concept,
        naam="VoorZorg in Haven",
        preventieve_actie=PreventieveActie.objects.get(nummer=1),
        interventie=Interventie.objects.get(code="voorzorg"),
        spectrum="verhoogd_risico",
        doelgroep=groep,
        budget=Decimal("125000.00"),
        bereik_gepland=40,
        start=datetime.date(2025, 1, 1),
        eind=datetime.date(2026, 12, 31),
    )
    actie.doelen.add(doel)
    actie.wijken.add(almere[0], almere[1])
    actie.partners.add(veilig_thuis, jgz)
    Sturingsinstrument.objects.create(
        actie=actie, soort="subsidievoorwaarde", omschrijving="Bereik"
    )
    AandachtspuntUitwerking.objects.filter(regiovisie=concept).update(tekst="Zo doen we dat")
    oud = vastgesteld(concept, beleid, bestuurder)

    nieuw = services.volgende_cyclus(oud, beleid)

    assert nieuw.status == Status.CONCEPT and nieuw.vorige == oud
    assert nieuw.versie == 2 and nieuw.jaar == 2026 and nieuw.stap == 0
    assert (nieuw.situatieschets, nieuw.visie, nieuw.visie_intervenieren) == (
        "Schets", "Visie", "Snel erbij",
    )  # fmt: skip
    assert sorted(nieuw.partners.values_list("naam", "contactrol")) == [
        ("GGD JGZ", "Teamleider"),
        ("Veilig Thuis", "Aandachtsfunctionaris"),
    ]
    nieuw_doel = nieuw.doelen.get()
    assert nieuw_doel.overgenomen_van == doel and nieuw_doel.pk != doel.pk
    assert (nieuw_doel.streefwaarde, nieuw_doel.meetwijze) == (80, "Jaarlijkse registratie JGZ")
    nieuwe_groep = nieuw.doelgroepen.get()
    assert list(nieuwe_groep.risicofactoren.all()) == [factor]
    assert list(nieuwe_groep.wijken.all()) == [almere[0]]
    nieuwe_actie = nieuw.acties.get()
    assert nieuwe_actie.overgenomen_van == actie
    assert nieuwe_actie.doelgroep == nieuwe_groep
    assert list(nieuwe_actie.doelen.all()) == [nieuw_doel]
    assert set(nieuwe_actie.partners.all()) == set(nieuw.partners.all())
    assert set(nieuwe_actie.wijken.all()) == {almere[0], almere[1]}
    assert (nieuwe_actie.interventie.code, nieuwe_actie.budget, nieuwe_actie.eind) == (
        "voorzorg", Decimal("125000.00"), datetime.date(2026, 12, 31),
    )  # fmt: skip
    assert list(nieuwe_actie.sturingsinstrumenten.values_list("soort", "omschrijving")) == [
        ("subsidievoorwaarde", "Bereik")
    ]
    assert set(nieuw.aandachtspunten.values_list("tekst", flat=True)) == {"Zo doen we dat"}
    assert nieuw.aandachtspunten.count() == 7
    # The vastgestelde version is untouched and still owns its own rows.
    assert oud.acties.get() == actie and oud.partners.count() == 2
    assert Actie.objects.count() == 2
    assert "als vervolg op versie 1" in AuditEvent.objects.first().omschrijving


def test_only_a_vastgestelde_version_starts_the_next_cycle(concept, beleid):
    with pytest.raises(services.OngeldigeStatus):
        services.volgende_cyclus(concept, beleid)


def test_the_next_cycle_waits_for_the_open_version(concept, regio, beleid, bestuurder):
    oud = vastgesteld(concept, beleid, bestuurder)
    services.volgende_cyclus(oud, beleid)
    with pytest.raises(services.OpenVersieBestaat):
        services.volgende_cyclus(oud, beleid)


def test_contact_roles_are_roles_not_people(concept):
    partner = Partner(regiovisie=concept, soort="politie", naam="Politie", contactrol="Jan Jansen")
    with pytest.raises(ValidationError) as fout:
        partner.full_clean()
    assert "contactrol" in fout.value.message_dict
    partner.contactrol = "Wijkagent Haven"
    partner.full_clean()
    actie = ActieFactory.build(regiovisie=concept, projectleider="jan@gemeente.nl")
    with pytest.raises(ValidationError) as fout:
        actie.full_clean()
    assert "projectleider" in fout.value.message_dict


def test_an_action_ends_after_it_starts(concept):
    actie = ActieFactory.build(
        regiovisie=concept, start=datetime.date(2026, 1, 1), eind=datetime.date(2025, 1, 1)
    )
    with pytest.raises(ValidationError):
        actie.full_clean()


def test_an_intervention_used_in_a_plan_cannot_be_deleted(concept):
    from django.db.models import ProtectedError

    ActieFactory(regiovisie=concept, interventie=Interventie.objects.get(code="home-start"))
    with pytest.raises(ProtectedError):
        Interventie.objects.get(code="home-start").delete()
