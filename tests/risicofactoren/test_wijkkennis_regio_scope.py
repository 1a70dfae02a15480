"""Local knowledge stays inside the regio: another regio's signal, session or wijk is a 404 that
shows nothing, lists hold the own regio only, and filters accept only the own regio's choices."""

import pytest
from django.urls import reverse

from portal.models import Rol

from ..factories import (
    DialoogFactorFactory,
    DialoogsessieFactory,
    GebiedFactory,
    LidmaatschapFactory,
    SignaalFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def eigen_wijk(regio):
    return WijkFactory(code="WK003418", naam="Filmwijk", gemeente=GebiedFactory(code="GM0034"))


@pytest.fixture
def andere_wijk(andere_regio):
    return WijkFactory(code="WK034401", naam="Binnenstad", gemeente=GebiedFactory(code="GM0344"))


@pytest.fixture
def lezer(client, lid):
    user = lid(Rol.LEZER)
    client.force_login(user)
    return user


@pytest.fixture
def kennis(regio, andere_regio, eigen_wijk, andere_wijk):
    eigen = SignaalFactory(regio=regio, gebied=eigen_wijk, tekst="Eigen signaal over geldzorgen.")
    ander = SignaalFactory(
        regio=andere_regio, gebied=andere_wijk, tekst="Geheim signaal uit Utrecht."
    )
    eigen_sessie = DialoogsessieFactory(regio=regio, gebied=eigen_wijk, conclusies="Eigen les.")
    andere_sessie = DialoogsessieFactory(
        regio=andere_regio, gebied=andere_wijk, conclusies="Geheime conclusie uit Utrecht."
    )
    DialoogFactorFactory(sessie=andere_sessie)
    return eigen, ander, eigen_sessie, andere_sessie


@pytest.mark.parametrize(
    "naam,index,geheim",
    [
        ("risicofactoren:signaal", 1, "Geheim signaal uit Utrecht."),
        ("risicofactoren:dialoogsessie", 3, "Geheime conclusie uit Utrecht."),
    ],
)
def test_another_regios_object_is_a_404_that_shows_nothing(
    client, lezer, kennis, naam, index, geheim
):
    response = client.get(reverse(naam, args=[kennis[index].pk]))
    html = response.content.decode()
    assert response.status_code == 404
    assert geheim not in html and "Binnenstad" not in html
    assert client.get(reverse(naam, args=[kennis[index - 1].pk])).status_code == 200


def test_another_regios_wijk_page_is_a_404(client, lezer, kennis, eigen_wijk, andere_wijk):
    assert (
        client.get(reverse("risicofactoren:kennis_wijk", args=[andere_wijk.code])).status_code
        == 404
    )
    html = client.get(
        reverse("risicofactoren:kennis_wijk", args=[eigen_wijk.code])
    ).content.decode()
    assert "Eigen signaal over geldzorgen." in html and "Eigen les." in html


def test_lists_and_overview_hold_the_own_regio_only(client, lezer, kennis):
    for naam in (
        "risicofactoren:kennis",
        "risicofactoren:signalen",
        "risicofactoren:dialoogsessies",
    ):
        html = client.get(reverse(naam)).content.decode()
        assert "Utrecht" not in html and "Binnenstad" not in html, naam
    assert (
        "Eigen signaal over geldzorgen."
        in client.get(reverse("risicofactoren:signalen")).content.decode()
    )
    assert "Eigen les." in client.get(reverse("risicofactoren:dialoogsessies")).content.decode()


def test_a_member_of_both_regios_reads_both_and_lists_follow_the_active_regio(
    client, lezer, andere_regio, kennis
):
    LidmaatschapFactory(user=lezer, regio=andere_regio, rol=Rol.LEZER)
    assert client.get(reverse("risicofactoren:signaal", args=[kennis[1].pk])).status_code == 200
    client.post(reverse("kies_regio"), {"regio": andere_regio.pk})
    html = client.get(reverse("risicofactoren:signalen")).content.decode()
    assert "Geheim signaal uit Utrecht." in html and "Eigen signaal" not in html


@pytest.mark.parametrize(
    "query",
    ["wijk={andere}", "wijk=abc", "gemeente=GM0344", "thema=999999", "pagina=999", "wijk=&thema="],
)
def test_filters_outside_the_regio_are_an_error_not_a_leak(
    client, lezer, kennis, andere_wijk, query
):
    for naam in ("risicofactoren:signalen", "risicofactoren:dialoogsessies"):
        response = client.get(f"{reverse(naam)}?{query.format(andere=andere_wijk.pk)}")
        html = response.content.decode()
        assert response.status_code in (200, 404), naam
        assert "Utrecht" not in html and "Binnenstad" not in html


def test_filters_within_the_regio(client, lezer, regio, eigen_wijk, kennis):
    tweede = WijkFactory(code="WK003401", naam="Centrum Haven", gemeente=eigen_wijk.gemeente)
    SignaalFactory(regio=regio, gebied=tweede, tekst="Tweede signaal over schooluitval.")
    url = reverse("risicofactoren:signalen")
    html = client.get(f"{url}?wijk={tweede.pk}").content.decode()
    assert "Tweede signaal" in html and "Eigen signaal" not in html
    html = client.get(f"{url}?thema={kennis[0].thema.pk}").content.decode()
    assert "Eigen signaal" in html and "Tweede signaal" not in html
    html = client.get(f"{url}?gemeente=GM0034").content.decode()
    assert "Eigen signaal" in html and "Tweede signaal" in html
    assert "Kies een wijk uit de lijst." in client.get(f"{url}?wijk=abc").content.decode()
