from django.db import migrations


def laad(apps, schema_editor):
    from risicofactoren.services import load_modellen, load_risicofactoren

    load_risicofactoren(models=apps)
    load_modellen(models=apps)


class Migration(migrations.Migration):
    dependencies = [("risicofactoren", "0001_initial"), ("wijken", "0002_catalogus")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
