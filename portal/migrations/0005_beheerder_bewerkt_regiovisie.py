"""Beheerders may also edit the regiovisie (issue 6: "only beleidsmedewerkers (and beheerders) of
the regio edit"). A change of roles is a migration of its own; 0002 stays as it was."""

from django.db import migrations


def toevoegen(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perm = Permission.objects.get(content_type__app_label="portal", codename="edit_regiovisie")
    for group in Group.objects.filter(name="beheerder"):
        group.permissions.add(perm)


def terugdraaien(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perm = Permission.objects.get(content_type__app_label="portal", codename="edit_regiovisie")
    for group in Group.objects.filter(name="beheerder"):
        group.permissions.remove(perm)


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_auditevent_wijkkennis")]

    operations = [migrations.RunPython(toevoegen, terugdraaien)]
