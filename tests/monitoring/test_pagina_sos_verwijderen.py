"""Deleting a score: after a confirmation that says which, and only in the own regio."""

from django.urls import reverse

from monitoring.models import SosScore
from portal.models import Rol

from .factories import SosScoreFactory


def test_the_confirmation_names_the_score_and_post_deletes_it(client, regio, wijkprof, wijken):
    score = SosScoreFactory(regio=regio, wijk=wijken[0], traject="ALM-2025-0007", score=3)
    client.force_login(wijkprof)
    url = reverse("monitoring:sos_verwijderen", args=[score.pk])
    bevestiging = client.get(url).content.decode()
    assert "ALM-2025-0007" in bevestiging and "Haven" in bevestiging
    assert "Weet u zeker dat u deze score wilt verwijderen?" in bevestiging
    assert SosScore.objects.count() == 1

    response = client.post(url, follow=True)
    assert not SosScore.objects.exists()
    assert "De score van traject ALM-2025-0007 is verwijderd." in response.content.decode()


def test_a_score_of_another_regio_is_a_404(client, regio, andere_regio, wijkprof, utrechtse_wijk):
    vreemd = SosScoreFactory(regio=andere_regio, wijk=utrechtse_wijk)
    client.force_login(wijkprof)
    url = reverse("monitoring:sos_verwijderen", args=[vreemd.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert SosScore.objects.filter(pk=vreemd.pk).exists()


def test_a_reader_cannot_delete(client, regio, lid, wijken):
    score = SosScoreFactory(regio=regio, wijk=wijken[0])
    client.force_login(lid(Rol.BESTUURDER))
    assert client.post(reverse("monitoring:sos_verwijderen", args=[score.pk])).status_code == 403
    assert SosScore.objects.filter(pk=score.pk).exists()
