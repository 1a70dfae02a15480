from django.db import migrations


def laad(apps, schema_editor):
    from acties.services import load_catalogus

    load_catalogus(models=apps)


class Migration(migrations.Migration):
    dependencies = [("acties", "0001_initial")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
