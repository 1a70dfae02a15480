"""Give each role (a Group named after portal.models.Rol) its permissions.

The mapping is frozen here on purpose: a later change of roles is a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLLEN = {
    "beheerder": ["view_statistieken", "view_plannen", "import_data", "view_audit"],
    "beleidsmedewerker": ["view_statistieken", "view_plannen", "edit_regiovisie"],
    "bestuurder": ["view_statistieken", "view_plannen", "vaststellen_regiovisie"],
    "wijkprofessional": ["view_statistieken", "view_plannen", "record_signalen"],
    "lezer": ["view_statistieken", "view_plannen"],
}


def maak_rollen(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for rol, codenames in ROLLEN.items():
        group, _ = Group.objects.get_or_create(name=rol)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="portal", codename__in=codenames)
        )


def verwijder_rollen(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLLEN).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(maak_rollen, verwijder_rollen)]
